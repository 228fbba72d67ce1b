/**
 * The vault session behind the IPC handlers, on a real vault and the IMS emulator: refresh events
 * flow while unlocked and stop at lock; lock drops the vault and token service; changes another
 * process writes (the CLI) are picked up; unlock attempts are serialised; keychain auto-unlock.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addIntegration } from '../../electron/core/integration-store';
import type { RefreshEvent } from '../../electron/core/tokens/refresh-scheduler';
import { Vault } from '../../electron/core/vault';
import { VaultSession } from '../../electron/app/vault-session';
import { startImsEmulator, type ImsEmulator } from '../support/ims-emulator';
import { tempDataDir } from '../support/cli';
import { noKeychain } from '../support/app-stand-ins';
import { waitFor } from '../support/wait-for';

const PASSPHRASE = 'session tests passphrase';
const ORG = '1234567890ABCDEF12345678@AdobeOrg';
let ims: ImsEmulator;

beforeEach(async () => {
  ims = await startImsEmulator();
  ims.registerClient({ clientId: 'auto', clientSecrets: ['auto-secret'], orgId: ORG, scopes: ['openid'] });
});
afterEach(() => ims.close());

/** A session over a new vault holding one auto-refreshing S2S integration, recording its events. */
async function autoRefreshingSession() {
  const dir = tempDataDir();
  const { vault } = await Vault.create(dir, { method: 'passphrase', passphrase: PASSPHRASE }, { keychain: noKeychain });
  await vault.update((doc) =>
    addIntegration(doc, { kind: 'oauthS2S', name: 'Auto', clientId: 'auto', clientSecrets: ['auto-secret'], scopes: ['openid'], imsEndpoint: ims.url, autoRefresh: true, refreshMarginMinutes: 0 }),
  );
  const session = new VaultSession({ dataDir: dir, keychain: noKeychain, fetch: (u, i) => fetch(u, i), scheduler: { maxJitterMs: 0, firstRetryMs: 100 } });
  const events: RefreshEvent[] = [];
  const locks: string[] = [];
  session.on('refresh', (e) => events.push(e));
  session.on('locked', (r) => locks.push(r));
  const refreshes = () => events.filter((e) => e.type === 'refreshed').length;
  return { session, events, locks, refreshes };
}

describe('vault session', () => {
  it('pushes refresh events while unlocked, and none after lock; lock drops the decrypted state', async () => {
    ims.setLifetimes({ s2sSeconds: 1 });
    const watched = await autoRefreshingSession();
    // Left unlocked beside the one under test: its refreshes show that time enough for more passed.
    const control = await autoRefreshingSession();
    try {
      await Promise.all([watched.session.unlock({ method: 'passphrase', passphrase: PASSPHRASE }), control.session.unlock({ method: 'passphrase', passphrase: PASSPHRASE })]);
      await waitFor(() => watched.refreshes() >= 2, { what: 'two refreshes' });
      watched.session.lock('screen-lock');
      const seen = watched.events.length;
      expect(watched.locks).toEqual(['screen-lock']);
      expect(watched.session.isUnlocked).toBe(false);
      expect(() => watched.session.tokens()).toThrow(/locked/);
      await expect(watched.session.vault()).rejects.toMatchObject({ code: 'vault_locked' });
      await expect(watched.session.tokenEntries()).rejects.toMatchObject({ code: 'vault_locked' });
      // Two more refreshes of the control mean more than two token lifetimes went by after the lock.
      const controlSeen = control.refreshes();
      await waitFor(() => control.refreshes() >= controlSeen + 2, { what: 'two more refreshes of the session left unlocked' });
      expect(watched.events.length).toBe(seen);
      watched.session.lock('user'); // locking twice is harmless
      expect(watched.locks).toEqual(['screen-lock']);
    } finally {
      watched.session.lock('user');
      control.session.lock('user');
    }
  });

  it('reloads what another process wrote, and tells listeners', async () => {
    const dir = tempDataDir();
    await Vault.create(dir, { method: 'passphrase', passphrase: PASSPHRASE }, { keychain: noKeychain });
    const session = new VaultSession({ dataDir: dir, keychain: noKeychain, fetch: (u, i) => fetch(u, i) });
    await session.unlock({ method: 'passphrase', passphrase: PASSPHRASE });
    let changes = 0;
    session.on('changed', () => changes++);
    try {
      expect((await session.vault()).document.integrations).toHaveLength(0);
      // "The CLI": another Vault object on the same file.
      const other = await Vault.open(dir, async () => ({ method: 'passphrase', passphrase: PASSPHRASE }), { keychain: noKeychain });
      await other.update((doc) => addIntegration(doc, { kind: 'apiKey', name: 'From the CLI', clientId: 'k' }));
      expect((await session.vault()).document.integrations.map((i) => i.name)).toEqual(['From the CLI']);
      expect(changes).toBe(1);
      await session.vault();
      expect(changes).toBe(1); // unchanged file: no reload
    } finally {
      session.lock('user');
    }
  });

  it('runs unlock attempts one at a time and keeps the last error until a success', async () => {
    const dir = tempDataDir();
    await Vault.create(dir, { method: 'passphrase', passphrase: PASSPHRASE }, { keychain: noKeychain });
    const session = new VaultSession({ dataDir: dir, keychain: noKeychain, fetch: (u, i) => fetch(u, i) });
    const order: string[] = [];
    const attempt = (p: string) =>
      session.unlock({ method: 'passphrase', passphrase: p }).then(
        () => order.push(`ok:${p}`),
        (e: { code: string }) => order.push(`${e.code}:${p}`),
      );
    await Promise.all([attempt('a'), attempt('b'), attempt(PASSPHRASE)]);
    expect(order).toEqual(['wrong_passphrase:a', 'wrong_passphrase:b', `ok:${PASSPHRASE}`]);
    expect((await session.status()).lastError).toBeNull();
    session.lock('user');
  });

  it('unlocks with the keychain at start when the vault has a keychain unlock, and says why not when it cannot', async () => {
    const store = new Map<string, string>();
    const keychain = {
      get: async (a: string) => store.get(a) ?? null,
      set: async (a: string, s: string) => void store.set(a, s),
      delete: async (a: string) => store.delete(a),
    };
    const dir = tempDataDir();
    await Vault.create(dir, { method: 'keychain' }, { keychain });
    const session = new VaultSession({ dataDir: dir, keychain, fetch: (u, i) => fetch(u, i) });
    expect(await session.autoUnlock()).toBe(true);
    expect((await session.status()).state).toBe('unlocked');
    session.lock('user');
    store.clear(); // the keychain entry is lost
    expect(await session.autoUnlock()).toBe(false);
    expect(await session.status()).toMatchObject({ state: 'locked', lastError: { code: 'vault_key_missing' } });

    const passphraseOnly = tempDataDir();
    await Vault.create(passphraseOnly, { method: 'passphrase', passphrase: PASSPHRASE }, { keychain: noKeychain });
    expect(await new VaultSession({ dataDir: passphraseOnly, keychain: noKeychain, fetch }).autoUnlock()).toBe(false);
    expect(await new VaultSession({ dataDir: tempDataDir(), keychain: noKeychain, fetch }).status()).toMatchObject({ state: 'missing' });
  });
});
