/**
 * The renderer end to end in real Chromium (Debian's, driven by Playwright): the BUILT renderer
 * served on 127.0.0.1 and connected by a test-only HTTP bridge to the REAL IPC router, vault session
 * and core over a fresh data folder, minting from the IMS emulator over real HTTP. Each main screen
 * is screenshotted to test-artifacts/screenshots/ and checked with axe-core (no serious or critical
 * violations). See test/e2e/browser/app-under-test.ts for what is real and what stands in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startImsEmulator, type ImsEmulator } from '../support/ims-emulator';
import { seriousViolations } from './browser/axe';
import { bridgeScript, buildRenderer, launchChromium, openPage, screenshot, startApp, whyNoBrowser, type AppUnderTest } from './browser/app-under-test';
import { seedIntegrations } from './browser/seed';

const PASSPHRASE = 'browser e2e passphrase';

const skipReason = whyNoBrowser();
if (skipReason) {
  // CI installs Chromium (.ci/run): there, a missing browser is a failure, not a skip.
  if (process.env.CI) throw new Error(`browser e2e: ${skipReason}`);
  console.log(`SKIPPED browser e2e: ${skipReason}`);
}

describe.skipIf(skipReason !== null)('the renderer in Chromium, against the real router and vault', () => {
  let ims: ImsEmulator;
  let browser: Browser;
  let script: string;
  let app: AppUnderTest;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    buildRenderer();
    [ims, browser, script] = await Promise.all([startImsEmulator(), launchChromium(), bridgeScript()]);
    app = await startApp();
    ({ page, problems } = await openPage(browser, script));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await ims?.close();
  });

  async function expectAccessible(screen: string) {
    await screenshot(page, screen);
    expect(await seriousViolations(page), `axe on ${screen}`).toEqual([]);
  }

  it('first run: creates a passphrase vault, shows the welcome, and the recovery key only in main', async () => {
    await page.goto(app.server.url);
    await page.getByRole('heading', { name: 'Welcome to Keysmith' }).waitFor();
    await expectAccessible('01-first-run');
    await page.getByLabel('a passphrase').check();
    await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
    await page.getByLabel('Repeat the passphrase').fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Create the vault' }).click();
    await page.getByRole('heading', { name: 'Keysmith', exact: true }).waitFor();
    expect(app.dialogs.recoveryKeys).toHaveLength(1);
    expect(await page.content()).not.toContain(app.dialogs.recoveryKeys[0]);
    expect((await app.parts.session.status()).methods).toContain('passphrase');
    await expectAccessible('02-empty-vault');
  });

  it('searches and filters 5,000 integrations, by name, scope and kind', async () => {
    await seedIntegrations(app.parts, 5000, ims.url);
    await page.reload();
    const count = page.locator('.match-count');
    await expect.poll(() => count.textContent()).toBe('5000 integrations');
    const search = page.getByLabel('Search integrations');
    await search.fill('bulk-012');
    await expect.poll(() => count.textContent()).toBe('10 of 5000 integrations');
    await search.fill('scope_3');
    // scope_3 is on i % 7 === 3 for the kinds with scopes (S2S i%4=0, OAuth 2.0 i%4=2, JWT has metascopes)
    const expected = Array.from({ length: 5000 }, (_, i) => i).filter((i) => i % 7 === 3 && (i % 4 === 0 || i % 4 === 2)).length;
    await expect.poll(() => count.textContent()).toBe(`${expected} of 5000 integrations`);
    await page.getByLabel('Kind').selectOption('oauth2');
    const oauth2 = Array.from({ length: 5000 }, (_, i) => i).filter((i) => i % 7 === 3 && i % 4 === 2).length;
    await expect.poll(() => count.textContent()).toBe(`${oauth2} of 5000 integrations`);
    expect(await page.getByRole('listbox', { name: 'Integrations' }).getByRole('option').count()).toBe(Math.min(oauth2, 100));
    await search.fill('');
    await page.getByLabel('Kind').selectOption('all');
    await page.getByRole('option', { name: /bulk-0000/ }).click();
    await page.getByRole('heading', { name: 'bulk-0000' }).waitFor();
    await expectAccessible('03-list-5000');
  });

  it('locks and unlocks with the passphrase; a wrong one is refused in plain words', async () => {
    await page.getByRole('button', { name: 'Lock' }).click();
    await page.getByRole('heading', { name: 'Keysmith is locked' }).waitFor();
    await expectAccessible('04-locked');
    await page.getByLabel('Passphrase').fill('not the passphrase');
    await page.getByRole('button', { name: 'Unlock' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/passphrase/i);
    await page.getByLabel('Passphrase').fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await expect.poll(() => page.locator('.match-count').textContent()).toBe('5000 integrations');
  });

  it('ran without console errors or CSP violations', () => {
    expect(problems).toEqual([]);
  });
});
