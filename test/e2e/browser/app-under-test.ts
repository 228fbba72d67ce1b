/**
 * Everything the browser e2e suite and the renderer bench run against: the built renderer served
 * on 127.0.0.1, the REAL router, vault session, settings and clipboard policy wired by the app's
 * own builders (test/support/ipc-harness.ts: app-parts.ts, event-forwarding.ts, registerIpc) over a
 * fresh data folder, and Debian's Chromium driven by Playwright. Stand-ins only where the OS would
 * act: the clipboard is a Node-side board (what Electron's clipboard would hold) and the native
 * dialogs are scripted.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { AppParts } from '../../../electron/app/app-parts';
import type { Keychain } from '../../../electron/core/keychain';
import { wireApp, type FakeClipboard, type StandInDialogs, type WiredApp } from '../../support/ipc-harness';
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
  logged: WiredApp['logged'];
  close(): Promise<void>;
}

export async function startApp(opts: { keychain?: Keychain; dataDir?: string } = {}): Promise<AppUnderTest> {
  const workDir = mkdtempSync(path.join(tmpdir(), 'keysmith-browser-'));
  const dataDir = opts.dataDir ?? path.join(workDir, 'data');
  let server: RendererServer | null = null;
  const app = wireApp({
    dataDir,
    appVersion: '0.1.0-e2e',
    ...(opts.keychain && { keychain: opts.keychain }),
    push: (event, payload) => server?.push(event, payload),
  });
  server = await startRendererServer({ rootDir: RENDERER_DIR, invoke: (channel, event, ...args) => app.ipc.invoke(channel, event, ...args) });
  const started = server;
  return {
    parts: app.parts,
    dataDir,
    workDir,
    board: app.board,
    dialogs: app.dialogs,
    server: started,
    logged: app.logged,
    async close() {
      app.dispose();
      await started.close();
    },
  };
}

export async function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: [...CHROMIUM_ARGS, ...extraArgs] });
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
