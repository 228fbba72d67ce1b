/**
 * `keysmith health` on a vault with one integration per condition, built through the CLI (and, for
 * what only time makes, a dated edit of the real vault file), with real mints against the emulator.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli, tempDataDir } from '../support/cli';
import { startImsEmulator, type ImsEmulator } from '../support/ims-emulator';
import { CLIENT, ORG, rotationFixture, type RotationFixture } from '../support/rotation-fixture';
import { Vault } from '../../electron/core/vault';
import { MemoryKeychain } from '../support/memory-keychain';
import type { HealthReport } from '../../electron/shared/health';

let ims: ImsEmulator;
let f: RotationFixture;
const DAY_MS = 86_400_000;

beforeEach(async () => {
  ims = await startImsEmulator();
  f = await rotationFixture(ims, { name: 'Rotated' });
});
afterEach(() => ims.close());

async function editVault(change: (doc: { integrations: Record<string, unknown>[] }) => void): Promise<void> {
  const vault = await Vault.open(f.dir, async () => ({ method: 'passphrase', passphrase: f.env.KEYSMITH_PASSPHRASE! }), { keychain: new MemoryKeychain() });
  await vault.update((doc) => change(doc as unknown as { integrations: Record<string, unknown>[] }));
}

const s2s = (name: string, clientId: string, secret: string) =>
  f.ok(['add', 'oauth-s2s', '--name', name, '--client-id', clientId, '--org-id', ORG, '--scopes', 'openid', '--ims-endpoint', ims.url, '--client-secret-stdin'], secret);

async function health(...flags: string[]): Promise<{ code: number; report: HealthReport; stdout: string }> {
  const json = await f.cli(['health', '--json', ...flags]);
  const text = await f.cli(['health', ...flags]);
  expect(text.code).toBe(json.code);
  return { code: json.code, report: JSON.parse(json.stdout) as HealthReport, stdout: text.stdout };
}

describe('keysmith health', () => {
  it('reports each condition once, due ones first, and exits 3 while something is due', async () => {
    // A rotation switched but not finished: the old secret is left behind at Adobe.
    await f.ok(['rotate-secret', 'Rotated']);
    // Healthy: minted fine just now.
    await s2s('Healthy', 'healthy-client', 'healthy-secret');
    ims.registerClient({ clientId: 'healthy-client', clientSecrets: ['healthy-secret'], orgId: ORG, scopes: ['openid'] });
    await f.ok(['token', 'Healthy']);
    // The last mint failed, with a server that puts escape sequences in its description.
    await s2s('Failing', 'failing-client', 'wrong-secret');
    ims.registerClient({ clientId: 'failing-client', clientSecrets: ['right-secret'], orgId: ORG, scopes: ['openid'] });
    ims.failNext({ status: 401, body: JSON.stringify({ error: 'invalid_client', error_description: 'bad \u001b]0;pwned\u0007 secret \u001b[31mred' }) });
    expect((await f.cli(['token', 'Failing'])).code).toBe(1);
    // Never used.
    await s2s('Idle', 'idle-client', 'idle-secret');
    // Old secret: added 120 days ago.
    await s2s('Old', 'old-client', 'old-secret');
    // Interrupted rotation.
    await s2s('Interrupted', 'interrupted-client', 'interrupted-secret');
    await editVault((doc) => {
      const byName = (n: string) => doc.integrations.find((i) => i.name === n)!;
      byName('Old').createdAt = new Date(Date.now() - 120 * DAY_MS).toISOString();
      byName('Interrupted').secretRotation = { pending: { step: 'adding', startedAt: new Date().toISOString(), before: [] } };
    });
    // A JWT integration, past Adobe's end of life.
    await f.ok(['add', 'jwt', '--name', 'Legacy', '--client-id', 'jwt-client', '--org-id', ORG, '--technical-account-id', 'ABC@techacct.adobe.com', '--metascopes', 'ent_cloudmgr_sdk', '--client-secret-stdin'], 'jwt-secret');
    // A certificate expiring in 10 days.
    await f.ok(['add', 'oauth2', '--name', 'Signed', '--client-id', 'signed-client', '--token-url', 'http://127.0.0.1:1/token', '--auth-method', 'private_key_jwt', '--scopes', 'api.read']);
    await f.ok(['keygen', 'Signed', '--days', '10', '--cert-out', `${f.dir}-signed.crt`]);

    const { code, report, stdout } = await health();
    expect(code).toBe(3);
    const conditions = (name: string) => report.items.filter((i) => i.integration === name).map((i) => `${i.severity}:${i.condition}`).sort();
    // Rotation's own mints are not uses.
    expect(conditions('Rotated')).toEqual(['due:second_secret', 'info:never_used']);
    expect(conditions('Healthy')).toEqual([]);
    expect(conditions('Failing')).toEqual(['due:mint_failed']);
    expect(conditions('Idle')).toEqual(['info:never_used']);
    expect(conditions('Old')).toEqual(['due:secret_old', 'info:never_used']);
    expect(conditions('Interrupted')).toEqual(['due:rotation_interrupted', 'info:never_used']);
    expect(conditions('Legacy')).toEqual(['due:jwt_end_of_life', 'info:never_used']);
    expect(conditions('Signed')).toEqual(['due:certificate_expiring', 'info:never_used']);
    expect(report.due).toBe(6);
    expect(report.items.slice(0, 6).every((i) => i.severity === 'due')).toBe(true);
    expect(report.items.find((i) => i.condition === 'second_secret')!.action).toBe('finish_rotation');
    expect(report.items.find((i) => i.condition === 'jwt_end_of_life')!.action).toBe('migrate');
    // The failure reason is there, its escape sequences are not; no secret is printed.
    expect(report.items.find((i) => i.condition === 'mint_failed')!.message).toMatch(/client secret do not match/);
    expect(stdout).not.toContain('\u001b');
    expect(stdout).not.toContain('\u0007');
    expect(JSON.stringify(report)).not.toMatch(/\\u001b|\\u0007/);
    expect(stdout).toContain('keysmith rotate-secret "Rotated" --finish');
    for (const secret of ['healthy-secret', 'wrong-secret', 'old-secret', 'interrupted-secret', ...ims.secretsOf(CLIENT).map((x) => x.value)]) expect(stdout + JSON.stringify(report)).not.toContain(secret);

    // A larger age limit clears the old secret; finishing the rotation clears the left-behind one.
    expect((await health('--secret-max-age', '365')).report.items.some((i) => i.condition === 'secret_old')).toBe(false);
    await f.ok(['rotate-secret', 'Rotated', '--finish']);
    expect((await health()).report.items.filter((i) => i.integration === 'Rotated' && i.severity === 'due')).toEqual([]);
  });

  it('exits 0 when nothing is due, and on a machine without a vault', async () => {
    await f.ok(['token', 'Rotated']);
    const { code, stdout } = await health();
    expect(code).toBe(0);
    expect(stdout).toMatch(/Nothing needs attention|Nothing is due/);
    const empty = await runCli(['health', '--json'], { env: { KEYSMITH_HOME: tempDataDir() } });
    expect(empty.code, empty.stderr).toBe(0);
    expect(JSON.parse(empty.stdout)).toMatchObject({ items: [], due: 0 });
    const bad = await f.cli(['health', '--secret-max-age', 'ninety']);
    expect(bad.code).toBe(2);
  });
});
