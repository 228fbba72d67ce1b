/**
 * The window as a demanding user meets it (issue 16, "The window"), in real Chromium against the
 * real router, vault and IMS emulator (see chromium-app.test.ts and test/e2e/browser/). Screens are
 * shot at 1100×720 and at the window's minimum 720×480, light and dark, into
 * test-artifacts/screenshots/window-*.png, and axe finds nothing serious or critical on any.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { addIntegration } from '../../electron/core/integration-store';
import { requirement } from '../support/requirements';
import { whyNoBrowser, type AppUnderTest } from './browser/app-under-test';
import { useBrowserSession } from './browser/browser-session';

const PASSPHRASE = 'window e2e passphrase';
const ORG = '1234567890ABCDEF12345678@AdobeOrg';
const S2S = { name: 'Analytics S2S', clientId: 'win-s2s-client', secret: 'p8e-win-s2s-0123456789abcdef' };

const browserHere = requirement('browser e2e', whyNoBrowser());

describe.skipIf(!browserHere)('the window: copy anywhere, errors, layout, unsaved work, palette, lock', () => {
  const e2e = useBrowserSession();
  let app: AppUnderTest;
  let page: Page;

  /** An unlocked passphrase vault with `seeded` integrations and one S2S the emulator knows (`secret` may be wrong). */
  async function open(opts: { seeded?: number; secret?: string } = {}): Promise<void> {
    const { ims } = e2e;
    ims.registerClient({ clientId: S2S.clientId, clientSecrets: [S2S.secret], orgId: ORG, scopes: ['openid'] });
    app = await e2e.startApp({ passphrase: PASSPHRASE, seeded: opts.seeded });
    const vault = await app.parts.session.vault();
    await vault.update((doc) => {
      addIntegration(doc, { kind: 'oauthS2S', name: S2S.name, clientId: S2S.clientId, clientSecrets: [opts.secret ?? S2S.secret], orgId: ORG, scopes: ['openid'], imsEndpoint: ims.url, description: '' }, new Date());
    });
    await app.parts.session.changed();
    page = await e2e.openPage();
    await page.getByRole('heading', { name: 'Keysmith', exact: true }).waitFor();
  }

  /** Screenshots at both sizes, light and dark, each checked by axe. */
  const everySize = (screen: string) => e2e.expectAccessibleEverywhere(`window-${screen}`);

  const row = (name: string) => page.getByRole('option', { name: new RegExp(name) });

  it('copies a token from its row in one click, says "Copied ✓" there and shows a preview, never the token', async () => {
    await open({ seeded: 6 });
    await row(S2S.name).hover();
    await row(S2S.name).getByTestId('row-copy').click();
    await row(S2S.name).getByText('Copied ✓').waitFor();
    const token = app.board.text;
    expect(token.split('.')).toHaveLength(3);
    const preview = (await page.getByTestId('token-preview').textContent()) ?? '';
    expect(preview).toBe(`${token.slice(0, 8)}…${token.slice(-4)}`);
    expect(await page.content()).not.toContain(token);
    // keyboard: select the row, Enter copies again (from the cache: the same token)
    await row(S2S.name).click();
    await page.getByRole('listbox', { name: 'Integrations' }).focus();
    app.board.text = '';
    await page.keyboard.press('Enter');
    await expect.poll(() => app.board.text).toBe(token);
    // the detail's expiry reads as hours and a clock time
    expect(await page.getByTestId('token-countdown').textContent()).toMatch(/^Expires in 2[34] h \d+ m · at \d\d:\d\d/);
    await everySize('row-copied');
  });

  it('keeps a copied format per integration: "Copy ▾" → curl, then the plain button copies curl', async () => {
    await open();
    await row(S2S.name).click();
    await page.getByRole('button', { name: 'Copy format: Token' }).click();
    await page.getByRole('menuitemradio', { name: 'curl command' }).click();
    await expect.poll(() => app.board.text).toMatch(/^curl /);
    await page.getByTestId('copy-token').getByText('Copied ✓').waitFor();
    await page.reload();
    await row(S2S.name).click();
    app.board.text = '';
    await page.getByRole('button', { name: 'Copy token' }).click();
    await expect.poll(() => app.board.text).toMatch(/^curl /);
  });

  it('a failing row shows its error state; the error says what happened', async () => {
    await open({ secret: 'p8e-not-the-secret-000000' });
    await row(S2S.name).hover();
    await row(S2S.name).getByTestId('row-copy').click();
    await expect.poll(() => row(S2S.name).getAttribute('data-status')).toBe('auth-failed');
    expect(await row(S2S.name).locator('.badge').textContent()).toBe('auth failed');
    await page.getByRole('alert').first().waitFor();
    expect(app.board.text).toBe('');
    await everySize('row-failed');
  });

  it('a JWT integration without a key: Copy is disabled with the reason, and "Generate key…" leads to the keys', async () => {
    await open();
    const vault = await app.parts.session.vault();
    await vault.update((doc) => {
      addIntegration(doc, { kind: 'jwt', name: 'No key yet', clientId: 'jwt-client', clientSecrets: ['s'], orgId: ORG, technicalAccountId: 'T1@techacct.adobe.com', metascopes: ['ent_x_sdk'], imsEndpoint: e2e.ims.url, description: '' }, new Date());
    });
    await app.parts.session.changed();
    await page.reload();
    await expect.poll(() => row('No key yet').getAttribute('data-status')).toBe('no-key');
    await row('No key yet').click();
    expect(await page.getByRole('button', { name: 'Copy token' }).isDisabled()).toBe(true);
    await page.getByText('Copying needs a key').waitFor();
    await page.getByRole('button', { name: 'Generate key…' }).click();
    await expect.poll(() => page.evaluate(() => Boolean(document.activeElement?.closest('.keys-anchor')))).toBe(true);
    await everySize('jwt-no-key');
  });

  it('at 720×480 the list controls and the detail do not overlap, and the org id is not broken', async () => {
    await open({ seeded: 40 });
    await page.setViewportSize({ width: 720, height: 480 });
    await row(S2S.name).click();
    await page.getByRole('heading', { name: S2S.name }).waitFor();
    const box = async (selector: string) => (await page.locator(selector).first().boundingBox())!;
    const heading = await box('#detail-title');
    for (const control of ['.list-controls input[type="search"]', '.list-filters select']) {
      const b = await box(control);
      expect(b.x + b.width, `${control} ends before the detail`).toBeLessThanOrEqual(heading.x);
    }
    // nothing scrolls sideways
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(720);
    // the list folds away and gives the detail the whole width
    await page.getByRole('button', { name: 'Hide the list' }).click();
    expect((await box('#detail-title')).x).toBeLessThan(heading.x);
    await everySize('narrow-list-hidden');
  });

  it('never drops unsaved work silently: navigating or Escape asks, Keep editing keeps it', async () => {
    await open();
    await page.getByRole('button', { name: 'New integration' }).click();
    await page.getByLabel('OAuth Server-to-Server').check();
    await page.getByLabel('Name', { exact: true }).fill('Half typed');
    await page.getByRole('button', { name: /Settings/ }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Discard unsaved changes?' });
    await dialog.waitFor();
    await everySize('discard-dialog');
    await page.getByRole('button', { name: 'Keep editing' }).click();
    expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe('Half typed');
    await page.getByLabel('Name', { exact: true }).press('Escape');
    await dialog.waitFor();
    await page.getByRole('button', { name: 'Discard' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'New integration' }).count()).toBe(0);
  });

  it('Ctrl+K finds integrations and actions: "copy token of" runs the copy', async () => {
    await open({ seeded: 20 });
    await page.keyboard.press('Control+k');
    const command = page.getByRole('combobox', { name: 'Command' });
    await command.fill('copy token of analytics');
    await page.getByRole('option', { name: `Copy token of ${S2S.name}` }).waitFor();
    await everySize('palette');
    await command.press('Enter');
    await expect.poll(() => app.board.text.split('.').length).toBe(3);
    // actions carry the shortcut from the one table, as this platform writes it
    await page.keyboard.press('Control+k');
    await command.fill('lock');
    expect(await page.getByRole('option', { name: /Lock the vault/ }).textContent()).toContain('Ctrl+L');
  });

  it('lock screen: a wrong passphrase leaves the field focused with the text selected; Show reveals it', async () => {
    await open();
    await page.getByRole('button', { name: /Lock/ }).first().click();
    await page.getByRole('heading', { name: 'Keysmith is locked' }).waitFor();
    const field = page.getByLabel('Passphrase', { exact: true });
    await field.fill('not the passphrase');
    await page.getByRole('button', { name: 'Unlock', exact: true }).click();
    await page.getByRole('alert').waitFor();
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.selectionEnd)).toBe('not the passphrase'.length);
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).selectionStart)).toBe(0);
    await page.getByRole('button', { name: 'Show' }).click();
    expect(await field.getAttribute('type')).toBe('text');
    await everySize('locked-wrong');
  });
});
