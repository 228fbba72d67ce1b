/**
 * The vault on the real OS keychain (gnome-keyring's Secret Service in a private D-Bus session, as
 * `npm test` starts it): create, reopen from another process, lose the key, recover, and the plain
 * errors for a keychain that is locked or absent.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { OsKeychain } from '../../electron/core/keychain';
import { Vault } from '../../electron/core/vault';
import { CLI, runCli, tempDataDir } from '../support/cli';
import { keychainTestsEnabled } from '../support/keychain';
import { requireTool } from '../support/requirements';

const keychain = new OsKeychain();
const deps = { keychain };
const viaKeychain = async () => ({ method: 'keychain' as const });

let enabled = false;
beforeAll(async () => {
  enabled = await keychainTestsEnabled('vault on the OS keychain');
});

function recoveryKeyFrom(output: string): string {
  const match = output.match(/([0-9A-Z]{4}-){12}[0-9A-Z]{4}/);
  if (!match) throw new Error(`no recovery key in: ${output}`);
  return match[0];
}

describe('vault on the real Secret Service', () => {
  it('round-trips through the keychain, in this process and in another', async (ctx) => {
    if (!enabled) return ctx.skip();
    const dir = tempDataDir();
    const { vault } = await Vault.create(dir, { method: 'keychain' }, deps);
    expect(vault.unlockMethods).toEqual(['keychain', 'recovery']);
    // The keychain holds a 256-bit key under the vault's id, not the data itself.
    const stored = await keychain.get(vault.vaultId);
    expect(Buffer.from(stored!, 'base64')).toHaveLength(32);

    await vault.update((doc) => {
      doc.integrations.push({ kind: 'apiKey', name: 'k1', description: '', clientId: 'cid', id: crypto.randomUUID(), createdAt: '', updatedAt: '' });
    });
    const reopened = await Vault.open(dir, viaKeychain, deps);
    expect(reopened.document.integrations.map((i) => i.name)).toEqual(['k1']);

    const listed = await runCli(['list', '--json'], { env: { KEYSMITH_HOME: dir } });
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout).map((i: { name: string }) => i.name)).toEqual(['k1']);
  });

  it('keeps one keychain entry per vault, so two data directories never share a key', async (ctx) => {
    if (!enabled) return ctx.skip();
    const a = await Vault.create(tempDataDir(), { method: 'keychain' }, deps);
    const b = await Vault.create(tempDataDir(), { method: 'keychain' }, deps);
    expect(a.vault.vaultId).not.toBe(b.vault.vaultId);
    expect(await keychain.get(a.vault.vaultId)).not.toBe(await keychain.get(b.vault.vaultId));
    await expect(Vault.open(a.vault.paths.dir, viaKeychain, deps)).resolves.toBeDefined();
    await expect(Vault.open(b.vault.paths.dir, viaKeychain, deps)).resolves.toBeDefined();
  });

  it('creates the vault on first use through the CLI and prints the recovery key once', async (ctx) => {
    if (!enabled) return ctx.skip();
    const dir = tempDataDir();
    const added = await runCli(['add', 'apikey', '--name', 'first', '--client-id', 'abc'], { env: { KEYSMITH_HOME: dir } });
    expect(added.code).toBe(0);
    expect(added.stderr).toMatch(/Recovery key/);
    recoveryKeyFrom(added.stderr);
    const second = await runCli(['add', 'apikey', '--name', 'second', '--client-id', 'abc'], { env: { KEYSMITH_HOME: dir } });
    expect(second.code).toBe(0);
    expect(second.stderr).not.toMatch(/Recovery key/);
  });

  it('says the key is missing when the keychain entry is gone, and `keysmith recover` brings it back', async (ctx) => {
    if (!enabled) return ctx.skip();
    const dir = tempDataDir();
    const env = { KEYSMITH_HOME: dir };
    const init = await runCli(['init'], { env });
    expect(init.code).toBe(0);
    const recoveryKey = recoveryKeyFrom(init.stderr); // stdout is not a terminal here
    expect((await runCli(['add', 'apikey', '--name', 'kept', '--client-id', 'abc'], { env })).code).toBe(0);

    const { vaultId } = (await Vault.readHeader(dir))!;
    expect(await keychain.delete(vaultId)).toBe(true);
    const before = readFileSync(path.join(dir, 'vault.ksv'));

    const missing = await runCli(['list'], { env });
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).toMatch(/not in the OS keychain.*keysmith recover/);

    const wrong = await runCli(['recover', '--recovery-key-stdin'], { env, input: recoveryKey.replace(/^..../, 'AAAA') });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/does not belong to this vault/);
    expect(readFileSync(path.join(dir, 'vault.ksv'))).toEqual(before);

    // Typed in lower case and without dashes, as people do.
    const recovered = await runCli(['recover', '--recovery-key-stdin'], { env, input: `${recoveryKey.replace(/-/g, '').toLowerCase()}\n` });
    expect(recovered.code, recovered.stderr).toBe(0);
    const listed = await runCli(['list', '--json'], { env });
    expect(JSON.parse(listed.stdout).map((i: { name: string }) => i.name)).toEqual(['kept']);
  });

  it('says the keychain holds a different key when the entry was overwritten', async (ctx) => {
    if (!enabled) return ctx.skip();
    const dir = tempDataDir();
    const { vault } = await Vault.create(dir, { method: 'keychain' }, deps);
    await keychain.set(vault.vaultId, Buffer.alloc(32, 7).toString('base64'));
    await expect(Vault.open(dir, viaKeychain, deps)).rejects.toMatchObject({ code: 'vault_key_mismatch' });
  });

  it('reports a locked keychain as locked, not as a missing key', async (ctx) => {
    if (!enabled) return ctx.skip();
    const why = 'a private keyring is started and locked over D-Bus';
    if (![requireTool('dbus-run-session', why, 'dbus'), requireTool('gnome-keyring-daemon', why, 'gnome-keyring'), requireTool('gdbus', why, 'libglib2.0-bin')].every(Boolean)) return ctx.skip();
    // A private session, so locking its login keyring cannot disturb the other tests.
    const home = mkdtempSync(path.join(tmpdir(), 'keysmith-locked-'));
    const dir = path.join(home, 'data');
    const lock = `gdbus call --session --dest org.freedesktop.secrets --object-path /org/freedesktop/secrets --method org.freedesktop.Secret.Service.Lock "[objectpath '/org/freedesktop/secrets/collection/login']" >/dev/null`;
    const script = [
      'echo -n pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null',
      `"${process.execPath}" "${CLI}" add apikey --name a --client-id b >/dev/null 2>&1 || exit 90`,
      lock,
      `"${process.execPath}" "${CLI}" list`,
    ].join('; ');
    const result = spawnSync('dbus-run-session', ['--', 'sh', '-c', script], {
      env: { ...process.env, HOME: home, XDG_DATA_HOME: path.join(home, 'share'), KEYSMITH_HOME: dir, DISPLAY: '' },
      encoding: 'utf8',
    });
    expect(result.status, result.stderr).toBe(1);
    expect(result.stderr).toMatch(/keysmith: The OS keychain is locked: unlock it/);
  });

  it('reports an absent keychain with how to use passphrase mode, and creates nothing', async () => {
    const dir = tempDataDir();
    const env = { KEYSMITH_HOME: dir, DBUS_SESSION_BUS_ADDRESS: '', DISPLAY: '' };
    const result = await runCli(['add', 'apikey', '--name', 'a', '--client-id', 'b'], { env });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/keychain is not available.*keysmith init --passphrase.*KEYSMITH_PASSPHRASE/);
    expect(await Vault.exists(dir)).toBe(false);
  });

});
