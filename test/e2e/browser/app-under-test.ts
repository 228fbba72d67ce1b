/**
 * Everything the browser e2e suite and the renderer bench run against: the built renderer served
 * on 127.0.0.1, the REAL router, vault session, settings and clipboard policy wired by the app's
 * own builders (app-parts.ts, event-forwarding.ts) over a fresh data folder, and Debian's Chromium
 * driven by Playwright. Stand-ins only where the OS would act: the clipboard is a Node-side board
 * (what Electron's clipboard would hold) and the native dialogs are scripted.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildAppParts, type AppParts } from '../../../electron/app/app-parts';
import { forwardEvents } from '../../../electron/app/event-forwarding';
import { APP_ORIGIN } from '../../../electron/app-protocol';
import type { Keychain } from '../../../electron/core/keychain';
import type { PushEvent } from '../../../electron/app/events.main';
import { registerIpc } from '../../../electron/ipc/router';
import { FakeClipboard, noKeychain, StandInDialogs, StandInIpcMain } from '../../integration/ipc-harness';
import { startRendererServer, type RendererServer } from '../../support/renderer-server';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const RENDERER_DIR = path.join(ROOT, 'dist', 'renderer');
export const CHROMIUM = process.env.KEYSMITH_CHROMIUM ?? '/usr/bin/chromium';
export const ARTIFACTS = path.join(ROOT, 'test-artifacts', 'screenshots');

/** The flags the machine notes give for a closed network: no background calls home, no sandbox as root. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** Why the browser suite cannot run here, or null. */
export function whyNoBrowser(): string | null {
  if (!existsSync(CHROMIUM)) return `no Chromium at ${CHROMIUM} (apt-get install chromium, or set KEYSMITH_CHROMIUM)`;
  return null;
}

/** vite build of the renderer alone, so the suite tests what ships. */
export function buildRenderer(): void {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs'), 'renderer'], { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`renderer build failed:\n${result.stdout}\n${result.stderr}`);
}

/** The page-side bridge (bridge-client.ts) as one script, for Playwright's addInitScript. */
export async function bridgeScript(): Promise<string> {
  const { build } = await import('esbuild');
  const out = await build({
    entryPoints: [path.join(__dirname, 'bridge-client.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'chrome120',
    logLevel: 'silent',
  });
  return out.outputFiles[0]!.text;
}

export interface AppUnderTest {
  parts: AppParts;
  dataDir: string;
  workDir: string;
  board: FakeClipboard;
  dialogs: StandInDialogs;
  server: RendererServer;
  logged: string[];
  close(): Promise<void>;
}

export async function startApp(opts: { keychain?: Keychain; dataDir?: string } = {}): Promise<AppUnderTest> {
  const workDir = mkdtempSync(path.join(tmpdir(), 'keysmith-browser-'));
  const dataDir = opts.dataDir ?? path.join(workDir, 'data');
  const board = new FakeClipboard();
  const dialogs = new StandInDialogs();
  const logged: string[] = [];
  let server: RendererServer | null = null;
  const push: PushEvent = (event, payload) => server?.push(event, payload);
  const parts = buildAppParts({
    dataDir,
    appVersion: '0.1.0-e2e',
    keychain: opts.keychain ?? noKeychain,
    fetch: (url, init) => fetch(url, init),
    clipboardPort: board,
    dialogs: () => dialogs,
    push,
    log: (message, err) => logged.push(`${message} ${err instanceof Error ? err.message : (err ?? '')}`),
  });
  forwardEvents(parts, push);
  const ipc = new StandInIpcMain();
  const unregister = registerIpc(ipc, parts.services, { appOrigin: APP_ORIGIN });
  server = await startRendererServer({ rootDir: RENDERER_DIR, invoke: (channel, event, ...args) => ipc.invoke(channel, event, ...args) });
  const started = server;
  return {
    parts,
    dataDir,
    workDir,
    board,
    dialogs,
    server: started,
    logged,
    async close() {
      parts.session.lock('user');
      parts.clipboard.dispose();
      unregister();
      await started.close();
    },
  };
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/** A fresh page with the bridge installed; console errors and CSP violations are collected. */
export async function openPage(browser: Browser, script: string): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript({ content: script });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  return { page, problems };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}
