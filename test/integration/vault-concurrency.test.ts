/**
 * The app and the CLI may write at the same moment, and no update may be lost: every change is a
 * locked read-modify-write of the file. Here real processes write at once and the result is counted.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { vaultPaths } from '../../electron/core/data-dir';
import type { Keychain } from '../../electron/core/keychain';
import { Vault } from '../../electron/core/vault';
import { ROOT, runCli, tempDataDir } from '../support/cli';

const PASSPHRASE = 'concurrency passphrase';
const refuse = (): never => {
  throw new Error('the keychain must not be used for a passphrase vault');
};
const noKeychain: Keychain = { get: refuse, set: refuse, delete: refuse };
const byPassphrase = async () => ({ method: 'passphrase' as const, passphrase: PASSPHRASE });

async function createVault(): Promise<string> {
  const dir = tempDataDir();
  await Vault.create(dir, { method: 'passphrase', passphrase: PASSPHRASE }, { keychain: noKeychain });
  return dir;
}

/** `node --import tsx test/support/vault-writer.ts`, run to completion. */
function runWriter(dir: string, prefix: string, count: number): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join('test', 'support', 'vault-writer.ts'), dir, prefix, String(count)], {
      cwd: ROOT,
      env: { ...process.env, KEYSMITH_PASSPHRASE: PASSPHRASE },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const names = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix}-${i}`);

/** Opens a copy of the backup generation as if it were the vault, without touching the original. */
async function openBackup(dir: string): Promise<Vault> {
  const copy = path.join(path.dirname(dir), 'backup-copy');
  mkdirSync(copy, { mode: 0o700 });
  copyFileSync(vaultPaths(dir).backup, vaultPaths(copy).vault);
  return Vault.open(copy, byPassphrase, { keychain: noKeychain });
}

describe('concurrent writers', () => {
  it('two processes each adding 100 integrations at once lose none of the 200', async () => {
    const dir = await createVault();
    const startGeneration = (await Vault.readHeader(dir))!.generation;

    const [a, b] = await Promise.all([runWriter(dir, 'alpha', 100), runWriter(dir, 'beta', 100)]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    // Each writer acknowledged every one of its updates, in order.
    expect(a.stdout).toBe(names('alpha', 100).map((n) => `ok ${n}\n`).join(''));
    expect(b.stdout).toBe(names('beta', 100).map((n) => `ok ${n}\n`).join(''));

    const vault = await Vault.open(dir, byPassphrase, { keychain: noKeychain });
    const stored = vault.document.integrations.map((i) => i.name);
    expect(stored).toHaveLength(200);
    expect(new Set(stored).size).toBe(200);
    expect([...stored].sort()).toEqual([...names('alpha', 100), ...names('beta', 100)].sort());
    expect(vault.generation).toBe(startGeneration + 200);

    // The backup is the generation just before the last write: one integration fewer.
    const backup = await openBackup(dir);
    expect(backup.generation).toBe(vault.generation - 1);
    expect(backup.document.integrations).toHaveLength(199);
    expect(stored).toEqual(expect.arrayContaining(backup.document.integrations.map((i) => i.name)));
  });

  it('two CLI processes adding 10 integrations each, concurrently, keep all 20', async () => {
    const dir = await createVault();
    const env = { KEYSMITH_HOME: dir, KEYSMITH_PASSPHRASE: PASSPHRASE };

    // Each sequence runs its `keysmith add`s one after another; the two sequences overlap.
    const addAll = async (prefix: string) => {
      for (const name of names(prefix, 10)) {
        const result = await runCli(['add', 'apikey', '--name', name, '--client-id', `cid-${name}`], { env });
        expect(result.code, `${name}: ${result.stderr}`).toBe(0);
      }
    };
    await Promise.all([addAll('cli-a'), addAll('cli-b')]);

    const list = await runCli(['list', '--json'], { env });
    expect(list.code, list.stderr).toBe(0);
    const rows = JSON.parse(list.stdout) as { name: string; clientId: string }[];
    expect(rows).toHaveLength(20);
    expect(rows.map((r) => r.name).sort()).toEqual([...names('cli-a', 10), ...names('cli-b', 10)].sort());
    for (const row of rows) expect(row.clientId).toBe(`cid-${row.name}`);
  });
});
