/**
 * The Health view end to end in real Chromium, with the harness of chromium-app.test.ts (the built
 * renderer, the real router, session and vault): an OAuth Server-to-Server integration whose secret
 * Keysmith has held for 120 days makes Health the first thing shown, and the secret age saved in
 * Settings decides what is due. Screenshot at 1100x720 and axe, like the other screens.
 */
import { describe, expect, it } from 'vitest';
import { addIntegration } from '../../electron/core/integration-store';
import { requirement } from '../support/requirements';
import { whyNoBrowser } from './browser/app-under-test';
import { SIZES, useBrowserSession } from './browser/browser-session';

const PASSPHRASE = 'health e2e passphrase';
const ORG = '1234567890ABCDEF12345678@AdobeOrg';
const DAY_MS = 86_400_000;

// .ci/run installs Chromium: under CI a missing browser fails this file instead of skipping it.
const browserHere = requirement('browser e2e', whyNoBrowser());

describe.skipIf(!browserHere)('the Health view in Chromium, against the real router and vault', () => {
  const e2e = useBrowserSession();

  it('shows an S2S integration with an old secret first, and follows the secret age saved in Settings', async () => {
    const { ims } = e2e;
    const app = await e2e.startApp({ passphrase: PASSPHRASE });
    const vault = await app.parts.session.vault();
    await vault.update((doc) => {
      const fields = { kind: 'oauthS2S', orgId: ORG, clientSecrets: ['p8e-e2e-old-secret-0123456789'], scopes: ['openid'], imsEndpoint: ims.url };
      addIntegration(doc, { ...fields, name: 'Old Secret S2S', clientId: 'old-client' }, new Date(Date.now() - 120 * DAY_MS));
      addIntegration(doc, { ...fields, name: 'Fresh S2S', clientId: 'fresh-client' }, new Date());
    });
    await app.parts.session.changed();

    const page = await e2e.openPage({ viewport: SIZES[0] });
    const health = page.getByRole('region', { name: 'Health' });
    await health.waitFor();
    await health.getByText('Client secrets are due for rotation after 90 days').waitFor();
    const due = health.locator('.health-item.health-due');
    await due.filter({ hasText: 'Old Secret S2S' }).getByText(/has been in Keysmith for 120 days/).waitFor();
    expect(await due.filter({ hasText: 'Fresh S2S' }).count()).toBe(0);
    await page.getByRole('button', { name: /^Health \(\d+ due\)$/ }).waitFor();
    await due.filter({ hasText: 'Old Secret S2S' }).getByRole('button', { name: 'Rotate secret…' }).waitFor();
    await e2e.expectAccessible('20-health-due');

    // A longer secret age in Settings: the same secret is no longer due.
    await health.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('button', { name: 'Settings' }).first().click();
    await page.getByLabel('Rotate client secrets older than (days)').fill('150');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Settings saved.').waitFor();
    expect((await app.parts.settings.get()).healthSecretMaxAgeDays).toBe(150);
    await page.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('button', { name: /^Health/ }).click();
    await health.getByText('Client secrets are due for rotation after 150 days').waitFor();
    expect(await health.locator('.health-item.health-due').filter({ hasText: 'Old Secret S2S' }).count()).toBe(0);
  }, 120_000);
});
