/**
 * Health and client-secret rotation through the IPC router, as the app's wizard calls them: the
 * same steps and safety as the CLI, over the real vault (shared with the CLI) and the emulator.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callOk, wireApp, type WiredApp } from '../support/ipc-harness';
import { startImsEmulator, type ImsEmulator } from '../support/ims-emulator';
import { CLIENT, FIRST_SECRET, rotationFixture, type RotationFixture } from '../support/rotation-fixture';
import type { HealthReport } from '../../electron/shared/health';
import type { RotationResult, SecretsReport } from '../../electron/shared/secret-rotation';

let ims: ImsEmulator;
let f: RotationFixture;
let app: WiredApp;

beforeEach(async () => {
  ims = await startImsEmulator();
  f = await rotationFixture(ims);
  app = wireApp({ dataDir: f.dir });
  const unlocked = await app.call('vault:unlock', { method: 'passphrase', passphrase: f.env.KEYSMITH_PASSPHRASE });
  expect(unlocked.ok).toBe(true);
});
afterEach(async () => {
  app.dispose();
  await ims.close();
});

const ok = <T>(channel: string, request?: unknown): Promise<T> => callOk<T>(app, channel, request);

describe('rotation over IPC', () => {
  it('lists, rotates, refuses to delete an old secret still in use unless forced, and never answers with a value', async () => {
    const listing = await ok<SecretsReport>('rotation:secrets', { name: 'Rotating' });
    expect(listing.secrets).toEqual([expect.objectContaining({ held: 'yes' })]);

    const switched = await ok<RotationResult>('rotation:rotate', { name: 'Rotating' });
    expect(switched.state).toBe('switched');
    expect(switched.events.map((e) => e.step)).toEqual(expect.arrayContaining(['added', 'proved', 'switched', 'kept']));
    const fresh = ims.secretsOf(CLIENT).find((s) => s.uuid === switched.newUuid)!;
    // The CLI sees the app's rotation: the vault is the one record.
    expect((await f.ok(['secret', 'Rotating'])).trim()).toBe(fresh.value);

    const health = await ok<HealthReport>('health:report', {});
    expect(health.items.filter((i) => i.integration === 'Rotating' && i.severity === 'due')).toEqual([
      expect.objectContaining({ condition: 'second_secret', action: 'finish_rotation' }),
    ]);

    // Something still mints with the old secret after the switch.
    const old = ims.secretsOf(CLIENT).find((s) => s.value === FIRST_SECRET)!;
    const body = new URLSearchParams({ grant_type: 'client_credentials', client_id: CLIENT, client_secret: FIRST_SECRET, scope: 'openid' });
    while ((ims.secretsOf(CLIENT).find((s) => s.value === FIRST_SECRET)!.lastUsedAt ?? 0) <= (old.lastUsedAt ?? 0)) {
      await fetch(`${ims.url}/ims/token/v3`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
    }
    const refused = await app.call('rotation:rotate', { name: 'Rotating', finish: true });
    expect(refused).toMatchObject({ ok: false, error: { code: 'rotation_blocked', action: 'force_finish_rotation' } });
    expect(ims.secretsOf(CLIENT)).toHaveLength(2);

    const done = await ok<RotationResult>('rotation:rotate', { name: 'Rotating', finish: true, force: true });
    expect(done.state).toBe('done');
    expect(ims.secretsOf(CLIENT).map((s) => s.uuid)).toEqual([switched.newUuid]);

    const everything = JSON.stringify(app.responses) + JSON.stringify(app.pushed) + JSON.stringify(app.logged);
    expect(everything).not.toContain(fresh.value);
    expect(everything).not.toContain(FIRST_SECRET);
  });

  it('says what is missing when the integration does not say where its credential lives', async () => {
    await f.ok(['edit', 'Rotating', '--console-org-id', '']);
    const result = await app.call('rotation:rotate', { name: 'Rotating' });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', action: 'edit' } });
  });
});
