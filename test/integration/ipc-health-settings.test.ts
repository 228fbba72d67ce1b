/**
 * The app's health thresholds: saved in Settings (validated like every setting), applied by
 * `health:report` when the renderer names none, and overridden per request. Over a real vault the
 * CLI wrote and the IPC router as main registers it.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Vault } from '../../electron/core/vault';
import type { HealthReport } from '../../electron/shared/health';
import type { Settings } from '../../electron/shared/settings-schema';
import { SETTINGS_FILE } from '../../electron/app/settings-store';
import { runCli, tempDataDir } from '../support/cli';
import { callOk, noKeychain, wireApp, type WiredApp } from '../support/ipc-harness';

const PASSPHRASE = 'health settings passphrase';
const ORG = '1234567890ABCDEF12345678@AdobeOrg';
const DAY_MS = 86_400_000;

let dir: string;
let app: WiredApp | undefined;

async function cli(args: string[], input?: string): Promise<void> {
  const r = await runCli(args, { env: { KEYSMITH_HOME: dir, KEYSMITH_PASSPHRASE: PASSPHRASE }, input });
  if (r.code !== 0) throw new Error(`keysmith ${args.join(' ')} failed (${r.code}): ${r.stderr}`);
}

/** "Old" holds a secret Keysmith has had for 100 days; "Signed" a certificate that expires in 40. */
beforeEach(async () => {
  dir = tempDataDir();
  await cli(['add', 'oauth-s2s', '--name', 'Old', '--client-id', 'old-client', '--org-id', ORG, '--scopes', 'openid', '--client-secret-stdin'], 'old-secret-value');
  await cli(['add', 'jwt', '--name', 'Signed', '--client-id', 'jwt-client', '--org-id', ORG, '--technical-account-id', 'A@techacct.adobe.com', '--metascopes', 'm', '--client-secret-stdin'], 'x');
  // The certificate for the Console goes into the test's own directory, not the working one.
  await cli(['keygen', 'Signed', '--days', '40', '--cert-out', path.join(path.dirname(dir), 'signed.crt')]);
  const vault = await Vault.open(dir, async () => ({ method: 'passphrase', passphrase: PASSPHRASE }), { keychain: noKeychain });
  await vault.update((doc) => {
    const old = doc.integrations.find((i) => i.name === 'Old')!;
    old.createdAt = new Date(Date.now() - 100 * DAY_MS).toISOString();
  });
}, 60_000);
afterEach(() => {
  app?.dispose();
  app = undefined;
});

async function open(): Promise<WiredApp> {
  app = wireApp({ dataDir: dir });
  const unlocked = await app.call('vault:unlock', { method: 'passphrase', passphrase: PASSPHRASE });
  expect(unlocked.ok).toBe(true);
  return app;
}

const dueConditions = (r: HealthReport) => r.items.filter((i) => i.severity === 'due').map((i) => `${i.integration}:${i.condition}`).sort();

describe('health thresholds in the app', () => {
  it('uses 90 and 30 days by default, the saved settings once changed, and a request\'s own thresholds over both', async () => {
    const a = await open();
    const defaults = await callOk<Settings>(a, 'settings:get');
    expect(defaults).toMatchObject({ healthSecretMaxAgeDays: 90, healthCertificateDays: 30 });
    // Signed is a JWT integration: its end-of-life item is due whatever the thresholds.
    const base = dueConditions(await callOk<HealthReport>(a, 'health:report', {}));
    expect(base).toContain('Old:secret_old');
    expect(base).not.toContain('Signed:certificate_expiring');

    const saved = await callOk<Settings>(a, 'settings:set', { healthSecretMaxAgeDays: 120, healthCertificateDays: 60 });
    expect(saved).toMatchObject({ healthSecretMaxAgeDays: 120, healthCertificateDays: 60 });
    const changed = dueConditions(await callOk<HealthReport>(a, 'health:report', {}));
    expect(changed).not.toContain('Old:secret_old');
    expect(changed.some((c) => c.startsWith('Signed:certificate'))).toBe(true);

    const asked = dueConditions(await callOk<HealthReport>(a, 'health:report', { secretMaxAgeDays: 99, certificateDays: 10 }));
    expect(asked).toContain('Old:secret_old');
    expect(asked.some((c) => c.startsWith('Signed:certificate'))).toBe(false);

    // The settings survive a restart of the app.
    a.dispose();
    const again = await open();
    expect(await callOk<Settings>(again, 'settings:get')).toMatchObject({ healthSecretMaxAgeDays: 120, healthCertificateDays: 60 });
    expect(dueConditions(await callOk<HealthReport>(again, 'health:report', {}))).not.toContain('Old:secret_old');
  });

  it('refuses bad thresholds field by field, keeping what was saved', async () => {
    const a = await open();
    for (const bad of [0, -1, 1.5, 36_501, Number.MAX_SAFE_INTEGER, '90', null, [], { valueOf: 90 }]) {
      const result = await a.call('settings:set', { healthSecretMaxAgeDays: bad });
      expect(result, `healthSecretMaxAgeDays ${JSON.stringify(bad)}`).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'healthSecretMaxAgeDays' } });
      const cert = await a.call('settings:set', { healthCertificateDays: bad });
      expect(cert, `healthCertificateDays ${JSON.stringify(bad)}`).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'healthCertificateDays' } });
      const report = await a.call('health:report', { secretMaxAgeDays: bad });
      expect(report.ok).toBe(false);
    }
    const error = await a.call('settings:set', { healthSecretMaxAgeDays: 0 });
    expect(error).toMatchObject({ error: { message: expect.stringMatching(/between 1 and 36500 days/) } });
    expect(await callOk<Settings>(a, 'settings:get')).toMatchObject({ healthSecretMaxAgeDays: 90, healthCertificateDays: 30 });
  });

  it('falls back to the default for a damaged threshold in settings.json, and keeps the other settings', async () => {
    const a = await open();
    await callOk(a, 'settings:set', { autoLockMinutes: 7, healthCertificateDays: 45 });
    a.dispose();
    const file = path.join(dir, SETTINGS_FILE);
    const raw = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    await writeFile(file, JSON.stringify({ ...raw, healthSecretMaxAgeDays: '__proto__', healthCertificateDays: 45 }));
    const again = await open();
    const read = await callOk<Settings & { warning?: string }>(again, 'settings:get');
    expect(read).toMatchObject({ autoLockMinutes: 7, healthSecretMaxAgeDays: 90, healthCertificateDays: 45 });
    expect(read.warning).toMatch(/using defaults for the secret age limit;/);
  });
});
