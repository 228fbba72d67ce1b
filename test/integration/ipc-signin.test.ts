/**
 * The app's sign-in through the real IPC router and vault session: `signin:start` opens the system
 * browser through the injected openExternal (a stand-in that follows the IMS emulator's redirect
 * to the loopback), the identity and expiries come back without any token, the token is then
 * minted and copied like any other, and `signin:signOut` revokes and forgets.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../support/ipc-harness';
import { startImsEmulator, type ImsEmulator } from '../support/ims-emulator';
import { follow } from '../support/redirect-following-browser';

const PASSPHRASE = 'ipc sign-in passphrase';
let ims: ImsEmulator;
let app: Harness;
const opened: string[] = [];

beforeEach(async () => {
  ims = await startImsEmulator();
  ims.users.registerUserClient({ clientId: 'native-app', appType: 'native', redirectUris: ['http://127.0.0.1/callback'] });
  opened.length = 0;
  app = await createHarness({
    passphrase: PASSPHRASE,
    unlock: true,
    openExternal: async (url) => {
      opened.push(url);
      void follow(url);
    },
  });
});
afterEach(async () => {
  app.dispose();
  await ims.close();
});

describe('sign-in over IPC', () => {
  it('signs in through the system browser port, shows who, hands out the token, and signs out', async () => {
    const created = await app.call('integrations:create', { fields: { kind: 'oauthUser', name: 'Adobe', clientId: 'native-app', scopes: ['openid', 'AdobeID', 'offline_access'], imsEndpoint: ims.url } });
    expect(created.ok).toBe(true);
    expect((await app.call('signin:status', { name: 'Adobe' })).ok && (await app.call<{ state: string }>('signin:status', { name: 'Adobe' }))).toMatchObject({ value: { state: 'signed_out' } });

    const started = await app.call<Record<string, unknown>>('signin:start', { name: 'Adobe' });
    expect(started).toMatchObject({ ok: true, value: { state: 'signed_in', identity: { name: 'Ada Lovelace', email: 'ada@example.test' }, hasRefreshToken: true } });
    expect(opened).toHaveLength(1);
    expect(opened[0]).toMatch(new RegExp(`^${ims.url}/ims/authorize/v2\\?`));
    // Nothing secret crossed to the renderer: no access, refresh or ID token in any answer.
    expect(JSON.stringify(app.responses)).not.toMatch(/ims-user-(at|rt)-|eyJ/);

    // The token panel and the list see the person's token as any other.
    expect(await app.call('tokens:status', { name: 'Adobe' })).toMatchObject({ ok: true, value: { state: 'valid' } });
    const minted = await app.call<{ state: string }>('tokens:mint', { name: 'Adobe' });
    expect(minted).toMatchObject({ ok: true, value: { state: 'valid' } });
    const copied = await app.call('tokens:copy', { name: 'Adobe', format: 'raw' });
    expect(copied.ok).toBe(true);
    expect(app.board.text).toMatch(/^ims-user-at-/);

    const out = await app.call('signin:signOut', { name: 'Adobe' });
    expect(out).toMatchObject({ ok: true, value: { state: 'signed_out', revocation: 'revoked' } });
    const after = await app.call<unknown>('tokens:mint', { name: 'Adobe' });
    expect(after).toMatchObject({ ok: false, error: { code: 'token_unavailable' } });
  });

  it('refuses a machine integration with a sentence, opening nothing', async () => {
    await app.call('integrations:create', { fields: { kind: 'apiKey', name: 'Key', clientId: 'k' } });
    const result = await app.call('signin:start', { name: 'Key' });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(opened).toEqual([]);
  });
});
