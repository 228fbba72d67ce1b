/**
 * Issue 6's figures, in headless Debian Chromium against the built renderer, the real router and a
 * real vault (test/e2e/browser/app-under-test.ts), each beside an anchor measured in the same run:
 * - renderer JavaScript, gzipped (target < 150 KB); anchor: a one-line React 19 app built by the
 *   same Vite config, the floor for any React UI;
 * - navigation to an interactive list of 5,000 integrations (target < 500 ms); anchor: the same
 *   navigation on an empty vault;
 * - one search keystroke until the 5,000-entry list is updated (target < 16 ms); anchor: the same
 *   keystrokes on 100 integrations.
 * Times are taken inside the page with performance.now(): navigation start to the DOM commit that
 * shows the list, and input event to the DOM commit of the filtered list.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { Vault } from '../electron/core/vault';
import { noKeychain } from '../test/support/app-stand-ins';
import { bridgeScript, buildRenderer, launchChromium, openPage, RENDERER_DIR, ROOT, startApp, whyNoBrowser, type AppUnderTest } from '../test/e2e/browser/app-under-test';
import { seedIntegrations } from '../test/e2e/browser/seed';
import { ms, printTable, ratio } from './measure';

const PASSPHRASE = 'renderer bench passphrase';
const IMS = 'http://127.0.0.1:9';

/** Records when the list first shows its count, from an init script (before any app code runs). */
const READY_PROBE = `
  new MutationObserver((_, observer) => {
    const count = document.querySelector('.match-count');
    if (count && /^\\d+ integrations$/.test(count.textContent || '') && document.querySelector('input[type=search]')) {
      window.__listReadyAt = performance.now();
      observer.disconnect();
    }
  }).observe(document, { childList: true, subtree: true, characterData: true });
`;

function gzipKb(file: string): number {
  return gzipSync(readFileSync(file), { level: 9 }).length / 1024;
}

/** JavaScript of `createRoot(…).render(<p>Hello</p>)`, built like the renderer (same plugin, target, minifier). */
async function helloReactKb(): Promise<number> {
  const dir = mkdtempSync(path.join(tmpdir(), 'keysmith-hello-react-'));
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><div id="root"></div><script type="module" src="./main.jsx"></script>');
  writeFileSync(
    path.join(dir, 'main.jsx'),
    "import { createRoot } from 'react-dom/client';\ncreateRoot(document.getElementById('root')).render(<p>Hello</p>);\n",
  );
  process.env.VITE_CONFIG_NATIVE_IGNORE_WARNING ??= 'true';
  const [{ build }, { default: react }] = await Promise.all([import('vite'), import('@vitejs/plugin-react')]);
  await build({
    root: dir,
    configFile: false,
    logLevel: 'silent',
    plugins: [react()],
    resolve: { alias: { react: path.join(ROOT, 'node_modules', 'react'), 'react-dom': path.join(ROOT, 'node_modules', 'react-dom') } },
    build: { outDir: path.join(dir, 'dist'), target: 'chrome140', modulePreload: { polyfill: false } },
  });
  const assets = path.join(dir, 'dist', 'assets');
  const kb = readdirSync(assets)
    .filter((f) => f.endsWith('.js'))
    .reduce((sum, f) => sum + gzipKb(path.join(assets, f)), 0);
  rmSync(dir, { recursive: true, force: true });
  return kb;
}

async function appWith(n: number): Promise<AppUnderTest> {
  const app = await startApp();
  await Vault.create(app.dataDir, { method: 'passphrase', passphrase: PASSPHRASE }, { keychain: noKeychain });
  await app.parts.session.unlock({ method: 'passphrase', passphrase: PASSPHRASE });
  if (n > 0) await seedIntegrations(app.parts, n, IMS);
  return app;
}

async function timeToList(page: Page, url: string): Promise<number> {
  await page.goto(url);
  await page.waitForFunction(() => typeof (window as { __listReadyAt?: number }).__listReadyAt === 'number');
  return page.evaluate(() => (window as unknown as { __listReadyAt: number }).__listReadyAt);
}

/** Input event to the commit that changes the match count; the queries alternate so each one does. */
async function keystroke(page: Page, query: string): Promise<number> {
  return page.evaluate(
    (q) =>
      new Promise<number>((resolve, reject) => {
        const input = document.querySelector<HTMLInputElement>('input[type=search]')!;
        const count = document.querySelector('.match-count')!;
        const before = count.textContent;
        const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
        const timer = setTimeout(() => reject(new Error(`the count did not change for "${q}"`)), 5000);
        const observer = new MutationObserver(() => {
          if (count.textContent === before) return;
          const elapsed = performance.now() - start;
          observer.disconnect();
          clearTimeout(timer);
          resolve(elapsed);
        });
        observer.observe(count, { childList: true, subtree: true, characterData: true });
        const start = performance.now();
        setValue.call(input, q);
        input.dispatchEvent(new Event('input', { bubbles: true }));
      }),
    query,
  );
}

/**
 * Typed in turn; on both lists each gives a count different from the one before it (5,000: 10, 1,
 * ~350, 500, 0, 5,000; 100: 10, 1, ~7, 10, 0, 100), so every keystroke commits a new list.
 */
const QUERIES = ['bulk-000', 'bulk-0001', 'scope_3', 'reporting', 'no such thing', ''];

async function keystrokes(page: Page, runs: number): Promise<{ median: number; p95: number }> {
  const times: number[] = [];
  for (let i = 0; i < runs + 3; i++) {
    const t = await keystroke(page, QUERIES[i % QUERIES.length]!);
    if (i >= 3) times.push(t);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)]!, p95: times[Math.min(times.length - 1, Math.floor(times.length * 0.95))]! };
}

async function median(runs: number, fn: () => Promise<number>): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await fn());
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

export async function benchRenderer(runs: number): Promise<void> {
  const why = whyNoBrowser();
  if (why) {
    console.log(`\nRenderer: skipped, ${why}`);
    return;
  }
  buildRenderer();
  const assets = path.join(RENDERER_DIR, 'assets');
  const bundle = readdirSync(assets)
    .filter((f) => f.endsWith('.js'))
    .reduce((kb, f) => kb + gzipKb(path.join(assets, f)), 0);
  const floor = await helloReactKb();
  printTable('Renderer bundle (gzip -9)', ['what', 'size', 'vs anchor', 'target'], [
    ['renderer JavaScript', `${bundle.toFixed(1)} KB`, ratio(bundle, floor), '< 150 KB'],
    ['anchor: one-line React 19 app', `${floor.toFixed(1)} KB`, '1.00x', ''],
  ]);

  const [browser, script] = await Promise.all([launchChromium(), bridgeScript()]);
  const apps: AppUnderTest[] = [];
  try {
    const big = await appWith(5000);
    const empty = await appWith(0);
    const small = await appWith(100);
    apps.push(big, empty, small);
    const open = async (app: AppUnderTest) => {
      const { page } = await openPage(browser as Browser, script);
      await page.addInitScript({ content: READY_PROBE });
      return { page, url: app.server.url };
    };
    const pages = { big: await open(big), empty: await open(empty), small: await open(small) };
    const load5000 = await median(runs, () => timeToList(pages.big.page, pages.big.url));
    const load0 = await median(runs, () => timeToList(pages.empty.page, pages.empty.url));
    printTable('Navigation to an interactive list (headless Chromium, median)', ['vault', 'time', 'vs anchor', 'target'], [
      ['5,000 integrations', ms(load5000), ratio(load5000, load0), '< 500 ms'],
      ['anchor: empty vault', ms(load0), '1.00x', ''],
    ]);

    await timeToList(pages.small.page, pages.small.url);
    const k5000 = await keystrokes(pages.big.page, runs * 4);
    const k100 = await keystrokes(pages.small.page, runs * 4);
    printTable('Search keystroke until the list is updated (input event to DOM commit)', ['list', 'median', 'p95', 'vs anchor', 'target'], [
      ['5,000 integrations', ms(k5000.median), ms(k5000.p95), ratio(k5000.median, k100.median), '< 16 ms'],
      ['anchor: 100 integrations', ms(k100.median), ms(k100.p95), '1.00x', ''],
    ]);
  } finally {
    await browser.close();
    for (const app of apps) await app.close();
  }
}
