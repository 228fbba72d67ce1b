/**
 * Recovery restores the unlock the vault had (a passphrase vault stays one, a keychain vault gets a
 * fresh keychain key) rather than quietly moving it somewhere else; `--keychain` / `--passphrase`
 * switch on request; and what it did is said truly. The app's recovery-key unlock too.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { VaultSession } from '../../electron/app/vault-session';
import { vaultPaths } from '../../electron/core/data-dir';
import { OsKeychain, type Keychain } from '../../electron/core/keychain';
import { Vault } from '../../electron/core/vault';
import { runCli, tempDataDir } from '../support/cli';
import { keychainTestsEnabled } from '../support/keychain';
import { MemoryKeychain } from '../support/memory-keychain';

/** No OS keychain in these child processes: nothing here may depend on (or reach) one. */
const NO_KEYCHAIN = { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/keysmith-test-bus', DISPLAY: '' };
const OLD = 'the original passphrase';
const NEW = 'a brand new passphrase';

const refuse = (): never => {
  throw new Error('the keychain must not be used here');
};
const noKeychain: Keychain = { get: refuse, set: refuse, delete: refuse };


function recoveryKeyFrom(output: string): string {
  const match = output.match(/([0-9A-Z]{4}-){12}[0-9A-Z]{4}/);
  if (!match) throw new Error(`no recovery key in: ${output}`);
  return match[0];
}

const oneLine = (stderr: string) => stderr.trimEnd().split('\n');

describe('recover restores the unlock the vault had', () => {
  async function passphraseVault(): Promise<{ env: NodeJS.ProcessEnv; recoveryKey: string; file: string }> {
    const dir = tempDataDir();
    const env = { KEYSMITH_HOME: dir, ...NO_KEYCHAIN };
    const init = await runCli(['init'], { env: { ...env, KEYSMITH_PASSPHRASE: OLD } });
    expect(init.code, init.stderr).toBe(0);
    expect((await runCli(['add', 'apikey', '--name', 'kept', '--client-id', 'abc'], { env: { ...env, KEYSMITH_PASSPHRASE: OLD } })).code).toBe(0);
    return { env, recoveryKey: recoveryKeyFrom(init.stderr), file: vaultPaths(dir).vault };
  }

  it('a passphrase vault stays one: recover sets the new passphrase, never touches the keychain, and says so', async () => {
    const { env, recoveryKey } = await passphraseVault();
    const recovered = await runCli(['recover', '--recovery-key-stdin'], { env: { ...env, KEYSMITH_PASSPHRASE: NEW }, input: `${recoveryKey}\n` });
    expect(recovered.code, recovered.stderr).toBe(0);
    expect(recovered.stdout).toMatch(/new passphrase/);
    expect(recovered.stdout).not.toMatch(/keychain/i);

    const status = await runCli(['status', '--json'], { env: { ...env, KEYSMITH_PASSPHRASE: NEW } });
    expect(status.code, status.stderr).toBe(0);
    expect(JSON.parse(status.stdout).unlockMethods).toEqual(['passphrase', 'recovery']);
    const listed = await runCli(['list', '--json'], { env: { ...env, KEYSMITH_PASSPHRASE: NEW } });
    expect(JSON.parse(listed.stdout).map((i: { name: string }) => i.name)).toEqual(['kept']);
    // The forgotten passphrase no longer opens it: recovery replaced it rather than adding beside it.
    const old = await runCli(['list'], { env: { ...env, KEYSMITH_PASSPHRASE: OLD } });
    expect(old.code).toBe(1);
    expect(old.stderr).toMatch(/Wrong passphrase/);
  });

  it('refuses a new passphrase below the minimum and changes nothing', async () => {
    const { env, recoveryKey, file } = await passphraseVault();
    const before = readFileSync(file);
    const result = await runCli(['recover', '--recovery-key-stdin'], { env: { ...env, KEYSMITH_PASSPHRASE: 'short' }, input: recoveryKey });
    expect(result.code).toBe(1);
    expect(oneLine(result.stderr)).toHaveLength(1);
    expect(result.stderr).toMatch(/at least 8 characters/);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('with a piped recovery key and nowhere to take a new passphrase from, says so before anything changes', async () => {
    const { env, recoveryKey, file } = await passphraseVault();
    const before = readFileSync(file);
    const result = await runCli(['recover', '--recovery-key-stdin'], { env, input: recoveryKey });
    expect(result.code).toBe(2);
    expect(oneLine(result.stderr)).toHaveLength(1);
    expect(result.stderr).toMatch(/KEYSMITH_PASSPHRASE/);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses --keychain and --passphrase together', async () => {
    const { env, recoveryKey, file } = await passphraseVault();
    const before = readFileSync(file);
    const result = await runCli(['recover', '--recovery-key-stdin', '--keychain', '--passphrase'], { env: { ...env, KEYSMITH_PASSPHRASE: NEW }, input: recoveryKey });
    expect(result.code).toBe(2);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('--keychain on a machine without one fails plainly and leaves the passphrase vault as it was', async () => {
    const { env, recoveryKey, file } = await passphraseVault();
    const before = readFileSync(file);
    const result = await runCli(['recover', '--recovery-key-stdin', '--keychain'], { env, input: recoveryKey });
    expect(result.code).toBe(1);
    expect(oneLine(result.stderr)).toHaveLength(1);
    expect(result.stderr).toMatch(/keychain is not available/);
    expect(readFileSync(file).equals(before)).toBe(true);
  });
});

describe('recover on the real OS keychain', () => {
  let enabled = false;
  beforeAll(async () => {
    enabled = await keychainTestsEnabled('recover on the OS keychain');
  });
  const status = async (env: NodeJS.ProcessEnv) => JSON.parse((await runCli(['status', '--json'], { env })).stdout).unlockMethods;

  it('a keychain vault gets a fresh keychain key by default, and says so', async (ctx) => {
    if (!enabled) return ctx.skip();
    const env = { KEYSMITH_HOME: tempDataDir() };
    const init = await runCli(['init'], { env });
    expect(init.code, init.stderr).toBe(0);
    const { vaultId } = (await Vault.readHeader(env.KEYSMITH_HOME))!;
    await new OsKeychain().delete(vaultId);
    const recovered = await runCli(['recover', '--recovery-key-stdin'], { env, input: recoveryKeyFrom(init.stderr) });
    expect(recovered.code, recovered.stderr).toBe(0);
    expect(recovered.stdout).toMatch(/^Vault recovered: a fresh key in the OS keychain opens it\. The recovery key still works\.$/m);
    expect(await status(env)).toEqual(['keychain', 'recovery']);
  });

  it('--passphrase switches a keychain vault: the keychain entry goes, the new passphrase opens it', async (ctx) => {
    if (!enabled) return ctx.skip();
    const env = { KEYSMITH_HOME: tempDataDir() };
    const init = await runCli(['init'], { env });
    const { vaultId } = (await Vault.readHeader(env.KEYSMITH_HOME))!;
    const recovered = await runCli(['recover', '--recovery-key-stdin', '--passphrase'], { env: { ...env, KEYSMITH_PASSPHRASE: NEW }, input: recoveryKeyFrom(init.stderr) });
    expect(recovered.code, recovered.stderr).toBe(0);
    expect(recovered.stdout).toMatch(/switched to a passphrase: your new passphrase opens it; its OS keychain entry was removed/);
    expect(await new OsKeychain().get(vaultId)).toBeNull();
    expect(await status({ ...env, KEYSMITH_PASSPHRASE: NEW })).toEqual(['passphrase', 'recovery']);
  });

  it('--keychain switches a passphrase vault: the passphrase stops opening it, the keychain does', async (ctx) => {
    if (!enabled) return ctx.skip();
    const env = { KEYSMITH_HOME: tempDataDir() };
    const init = await runCli(['init'], { env: { ...env, KEYSMITH_PASSPHRASE: OLD } });
    const recovered = await runCli(['recover', '--recovery-key-stdin', '--keychain'], { env, input: recoveryKeyFrom(init.stderr) });
    expect(recovered.code, recovered.stderr).toBe(0);
    expect(recovered.stdout).toMatch(/switched to the OS keychain: a fresh key in the OS keychain opens it; the passphrase no longer opens it/);
    expect(await status(env)).toEqual(['keychain', 'recovery']);
    const old = await runCli(['list'], { env: { ...env, KEYSMITH_PASSPHRASE: OLD } });
    expect(old.code, old.stdout).toBe(0); // the keychain opens it; the passphrase is no longer asked for
  });
});

describe('switching the unlock on recovery (core, with an in-memory keychain)', () => {
  it('keychain to passphrase: the keychain wrap and its entry go, the passphrase opens it', async () => {
    const keychain = new MemoryKeychain();
    const dir = tempDataDir();
    const { vault, recoveryKey } = await Vault.create(dir, { method: 'keychain' }, { keychain });
    const recovered = await Vault.open(dir, async () => ({ method: 'recovery', recoveryKey }), { keychain });
    await recovered.setUnlocks([{ method: 'passphrase', passphrase: NEW }]);
    expect(recovered.unlockMethods).toEqual(['passphrase', 'recovery']);
    expect(keychain.entries.has(vault.vaultId)).toBe(false);
    const reopened = await Vault.open(dir, async () => ({ method: 'passphrase', passphrase: NEW }), { keychain: noKeychain });
    expect(reopened.vaultId).toBe(vault.vaultId);
  });

  it('passphrase to keychain: the passphrase no longer opens it, the keychain does', async () => {
    const keychain = new MemoryKeychain();
    const dir = tempDataDir();
    const { recoveryKey } = await Vault.create(dir, { method: 'passphrase', passphrase: OLD }, { keychain: noKeychain });
    const recovered = await Vault.open(dir, async () => ({ method: 'recovery', recoveryKey }), { keychain });
    await recovered.setUnlocks([{ method: 'keychain' }]);
    expect(recovered.unlockMethods).toEqual(['keychain', 'recovery']);
    await expect(Vault.open(dir, async () => ({ method: 'passphrase', passphrase: OLD }), { keychain })).rejects.toMatchObject({ code: 'wrong_passphrase' });
    await expect(Vault.open(dir, async () => ({ method: 'keychain' }), { keychain })).resolves.toBeDefined();
  });

  it('the recovery key survives every switch, and a list without an everyday unlock is refused', async () => {
    const keychain = new MemoryKeychain();
    const dir = tempDataDir();
    const { vault, recoveryKey } = await Vault.create(dir, { method: 'keychain' }, { keychain });
    await expect(vault.setUnlocks([])).rejects.toMatchObject({ code: 'invalid_input' });
    await vault.setUnlocks([{ method: 'passphrase', passphrase: NEW }]);
    await vault.setUnlocks([{ method: 'keychain' }]);
    await expect(Vault.open(dir, async () => ({ method: 'recovery', recoveryKey }), { keychain })).resolves.toBeDefined();
  });
});

describe("the app's recovery-key unlock", () => {
  const session = (dataDir: string, keychain: Keychain) => new VaultSession({ dataDir, keychain, fetch: (u, i) => fetch(u, i) });

  it('on a keychain vault whose entry was lost, puts a fresh key back, so the next start unlocks by itself', async () => {
    const keychain = new MemoryKeychain();
    const dir = tempDataDir();
    const { vault, recoveryKey } = await Vault.create(dir, { method: 'keychain' }, { keychain });
    await keychain.delete(vault.vaultId);
    const first = session(dir, keychain);
    try {
      expect(await first.autoUnlock()).toBe(false);
      await first.unlock({ method: 'recovery', recoveryKey });
      expect((await first.status()).methods).toEqual(['keychain', 'recovery']);
    } finally {
      first.lock('user');
    }
    const next = session(dir, keychain);
    try {
      expect(await next.autoUnlock()).toBe(true);
    } finally {
      next.lock('user');
    }
  });

  it('on a passphrase vault, opens it and moves nothing into the keychain', async () => {
    const dir = tempDataDir();
    const { recoveryKey } = await Vault.create(dir, { method: 'passphrase', passphrase: OLD }, { keychain: noKeychain });
    const before = readFileSync(vaultPaths(dir).vault);
    const s = session(dir, noKeychain);
    try {
      await s.unlock({ method: 'recovery', recoveryKey });
      expect((await s.status()).methods).toEqual(['passphrase', 'recovery']);
      expect(readFileSync(vaultPaths(dir).vault).equals(before)).toBe(true);
    } finally {
      s.lock('user');
    }
  });
});
