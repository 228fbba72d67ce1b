/**
 * `keysmith health` uses the thresholds chosen in the app: the settings file the app's own store
 * writes changes what the CLI reports, flags win over it, and a damaged, hostile or foreign file
 * costs one warning line and the defaults, never the report.
 */
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SettingsStore } from '../../electron/app/settings-store';
import type { HealthReport } from '../../electron/shared/health';
import { runCli, tempDataDir } from '../support/cli';
import { copyDataDir } from '../support/data-dir-template';

const PASSPHRASE = 'health settings passphrase';
let template: string;

beforeAll(async () => {
  template = tempDataDir();
  const env = { KEYSMITH_HOME: template, KEYSMITH_PASSPHRASE: PASSPHRASE };
  expect((await runCli(['init'], { env })).code).toBe(0);
  // A certificate with 40 days left: inside a 60-day warning, outside the default 30.
  const add = await runCli(['add', 'oauth2', '--name', 'Signed', '--client-id', 'signed-client', '--token-url', 'http://127.0.0.1:1/token', '--auth-method', 'private_key_jwt', '--scopes', 'api.read'], { env });
  expect(add.code, add.stderr).toBe(0);
  expect((await runCli(['keygen', 'Signed', '--days', '40', '--cert-out', `${template}-signed.crt`], { env })).code).toBe(0);
}, 120_000);

async function health(dir: string, ...flags: string[]) {
  const env = { KEYSMITH_HOME: dir, KEYSMITH_PASSPHRASE: PASSPHRASE };
  const json = await runCli(['health', '--json', ...flags], { env });
  const report = JSON.parse(json.stdout) as HealthReport;
  return { code: json.code, stderr: json.stderr, expiring: report.items.some((i) => i.condition === 'certificate_expiring') };
}

describe('keysmith health and the app settings', () => {
  it('follows the certificate warning set in the app, with flags winning', async () => {
    const dir = copyDataDir(template);
    expect(await health(dir)).toMatchObject({ code: 0, stderr: '', expiring: false });
    await new SettingsStore(dir).set({ healthCertificateDays: 60, theme: 'dark' });
    expect(await health(dir)).toMatchObject({ code: 3, stderr: '', expiring: true });
    expect(await health(dir, '--certificate-days', '20')).toMatchObject({ code: 0, expiring: false });
    const text = await runCli(['health'], { env: { KEYSMITH_HOME: dir, KEYSMITH_PASSPHRASE: PASSPHRASE } });
    expect(text.stdout).toMatch(/^DUE +"Signed": Certificate expiring\./m);
  });

  it('warns once and uses the defaults when the file cannot be used', async () => {
    const cases: [string, (file: string) => void, RegExp][] = [
      ['not JSON', (f) => writeFileSync(f, '{"healthCertificateDays": 60', { mode: 0o600 }), /\(it is not valid JSON\); health uses its default thresholds$/],
      ['not an object', (f) => writeFileSync(f, '[60]', { mode: 0o600 }), /\(it does not hold a JSON object\)/],
      ['too large', (f) => writeFileSync(f, `{"theme":"dark","x":"${'a'.repeat(70_000)}"}`, { mode: 0o600 }), /bytes, more than Keysmith ever writes there/],
      ['a symlink', (f) => {
        const elsewhere = `${f}.elsewhere`;
        writeFileSync(elsewhere, '{"healthCertificateDays": 60}', { mode: 0o600 });
        symlinkSync(elsewhere, f);
      }, /was not used \(/],
      ['a folder', (f) => mkdirSync(f), /was not used \(/],
      ['escape sequences in a bad value', (f) => writeFileSync(f, '{"healthCertificateDays": "60\\u001b[2J"}', { mode: 0o600 }), /has an invalid healthCertificateDays; health uses the default for it$/],
    ];
    for (const [what, make, message] of cases) {
      const dir = copyDataDir(template);
      const file = path.join(dir, 'settings.json');
      rmSync(file, { force: true });
      make(file);
      const result = await health(dir);
      expect(result.expiring, what).toBe(false);
      expect(result.code, what).toBe(0);
      const lines = result.stderr.trimEnd().split('\n');
      expect(lines, what).toHaveLength(1);
      expect(lines[0], what).toMatch(/^warning: the settings file .*settings\.json /);
      expect(lines[0], what).toMatch(message);
      expect(result.stderr, what).not.toContain('\u001b');
    }
  });

  it('keeps the good thresholds when another setting is damaged, and ignores __proto__', async () => {
    const dir = copyDataDir(template);
    writeFileSync(path.join(dir, 'settings.json'), '{"theme": 42, "__proto__": {"healthCertificateDays": 10}, "healthCertificateDays": 60}', { mode: 0o600 });
    expect(await health(dir)).toMatchObject({ code: 3, stderr: '', expiring: true });
    writeFileSync(path.join(dir, 'settings.json'), '{"__proto__": {"healthCertificateDays": 60}}', { mode: 0o600 });
    expect(await health(dir)).toMatchObject({ code: 0, stderr: '', expiring: false });
  });
});
