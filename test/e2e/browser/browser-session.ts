/**
 * The lifecycle every browser e2e file shares, once: the built renderer, one Chromium, the IMS
 * emulator and the page-side bridge for the whole file; a fresh app (data folder, router, server)
 * and a fresh browser context per test; after each test, no console errors or CSP violations; the
 * screenshot-and-axe check each screen gets. Call useBrowserSession() inside the describe that
 * `requirement('browser e2e', whyNoBrowser())` guards, so a missing Chromium skips (or fails under
 * CI) before any hook runs.
 *
 * Teardown cannot be skipped by a failure: each resource is closed on its own (one close throwing
 * does not keep the others open), and a start that half failed still closes what it did start.
 */
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { SettingsPatch } from '../../../electron/app/settings';
import { startImsEmulator, type ImsEmulator } from '../../support/ims-emulator';
import { seriousViolations } from './axe';
import { bridgeScript, buildRenderer, launchChromium, openPage, screenshot, startApp, type AppUnderTest } from './app-under-test';
import { seedIntegrations } from './seed';

/** The window's usual size and its minimum (issue 16): every screen is shot at both. */
export const SIZES = [
  { label: '1100x720', width: 1100, height: 720 },
  { label: '720x480', width: 720, height: 480 },
] as const;
export const SCHEMES = ['light', 'dark'] as const;
export type Scheme = (typeof SCHEMES)[number];

/** A vault to start from: created with `passphrase` and unlocked in main, the emulator its default IMS. */
export interface StartVault {
  passphrase: string;
  settings?: SettingsPatch;
  /** integrations written by seed.ts */
  seeded?: number;
}

export interface BrowserSession {
  /** shared by the file's tests; each registers the clients it needs */
  readonly ims: ImsEmulator;
  readonly browser: Browser;
  /** this test's app (after startApp) */
  readonly app: AppUnderTest;
  /** this test's page (after openPage) */
  readonly page: Page;
  /** A fresh app for this test; with `vault`, a passphrase vault unlocked in main (see StartVault). */
  startApp(vault?: StartVault): Promise<AppUnderTest>;
  /** A fresh context and page with the bridge installed, at `viewport` if given, showing the app. */
  openPage(opts?: { viewport?: { width: number; height: number } }): Promise<Page>;
  /** Screenshot `name`.png (in `scheme`, then back to light) and axe finds nothing serious or critical. */
  expectAccessible(name: string, opts?: { scheme?: Scheme }): Promise<void>;
  /** expectAccessible at every SIZES and SCHEMES, as `${prefix}-${size}-${scheme}`. */
  expectAccessibleEverywhere(prefix: string): Promise<void>;
}

/** Runs every close, even when one throws, and then throws the first failure. */
export async function closeAll(closes: (() => Promise<unknown> | undefined)[]): Promise<void> {
  const results = await Promise.allSettled(closes.map(async (close) => close()));
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}

export function useBrowserSession(): BrowserSession {
  let ims: ImsEmulator | undefined;
  let browser: Browser | undefined;
  let script: string | undefined;
  let app: AppUnderTest | undefined;
  let page: Page | undefined;
  let problems: string[] = [];

  beforeAll(async () => {
    buildRenderer();
    // allSettled, not all: when one start fails the others still finish and are assigned, so
    // afterAll closes them instead of leaving a Chromium or a server running behind the failure.
    const started = await Promise.allSettled([
      startImsEmulator().then((s) => (ims = s)),
      launchChromium().then((b) => (browser = b)),
      bridgeScript().then((s) => (script = s)),
    ]);
    const failed = started.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  }, 120_000);

  afterAll(async () => {
    await closeAll([() => browser?.close(), () => ims?.close()]);
    browser = ims = undefined;
  });

  afterEach(async () => {
    const seen = problems;
    const [ending, endingApp] = [page, app];
    page = app = undefined;
    problems = [];
    try {
      expect(seen, 'console errors or CSP violations').toEqual([]);
    } finally {
      await closeAll([() => ending?.context().close(), () => endingApp?.close()]);
    }
  });

  const need = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`browser session: no ${what} yet`);
    return value;
  };

  const session: BrowserSession = {
    get ims() {
      return need(ims, 'IMS emulator (beforeAll has not run)');
    },
    get browser() {
      return need(browser, 'browser (beforeAll has not run)');
    },
    get app() {
      return need(app, 'app: call startApp first');
    },
    get page() {
      return need(page, 'page: call openPage first');
    },

    async startApp(vault) {
      app = await startApp();
      if (vault) {
        const { parts } = app;
        await parts.session.create({ method: 'passphrase', passphrase: vault.passphrase });
        await parts.settings.set({ defaultImsEndpoint: session.ims.url, ...vault.settings });
        if (vault.seeded) await seedIntegrations(parts, vault.seeded, session.ims.url);
      }
      return app;
    },

    async openPage(opts = {}) {
      const url = session.app.server.url;
      const opened = await openPage(session.browser, need(script, 'bridge script'));
      ({ page, problems } = opened);
      if (opts.viewport) await opened.page.setViewportSize({ width: opts.viewport.width, height: opts.viewport.height });
      await opened.page.goto(url);
      return opened.page;
    },

    async expectAccessible(name, opts = {}) {
      const shown = session.page;
      if (opts.scheme) await shown.emulateMedia({ colorScheme: opts.scheme });
      await screenshot(shown, name);
      expect(await seriousViolations(shown), `axe on ${name}`).toEqual([]);
      if (opts.scheme) await shown.emulateMedia({ colorScheme: 'light' });
    },

    async expectAccessibleEverywhere(prefix) {
      const shown = session.page;
      for (const { label, width, height } of SIZES) {
        await shown.setViewportSize({ width, height });
        for (const scheme of SCHEMES) {
          await shown.emulateMedia({ colorScheme: scheme });
          await screenshot(shown, `${prefix}-${label}-${scheme}`);
          expect(await seriousViolations(shown), `axe on ${prefix} ${label} ${scheme}`).toEqual([]);
        }
      }
      await shown.emulateMedia({ colorScheme: 'light' });
    },
  };
  return session;
}
