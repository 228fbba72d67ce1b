/**
 * The vault's files as an adversary sees them: a lock holder paused for minutes, a lock deleted
 * under its holder, another user's (or a world-writable) data folder, a symlink to /dev/zero or a
 * FIFO where a file should be, the vault rolled back to its backup, empty and garbage lock files,
 * and a full disk. Real processes throughout: the built CLI, a writer paused with SIGSTOP, a tmpfs.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Keychain } from '../../electron/core/keychain';
import { Vault } from '../../electron/core/vault';
import { CLI, tempDataDir } from '../support/cli';

const PASSPHRASE = 'adversarial files passphrase';
const refuse = (): never => {
  throw new Error('the keychain must not be used for a passphrase vault');
};
const deps = { keychain: { get: refuse, set: refuse, delete: refuse } satisfies Keychain };
const byPassphrase = async () => ({ method: 'passphrase' as const, passphrase: PASSPHRASE });

async function createVault(names: string[] = []): Promise<string> {
  const dir = tempDataDir();
  const { vault } = await Vault.create(dir, { method: 'passphrase', passphrase: PASSPHRASE }, deps);
  for (const name of names) await vault.update((doc) => void doc.integrations.push(apiKey(name)));
  return dir;
}

function apiKey(name: string) {
  const now = new Date().toISOString();
  return { kind: 'apiKey' as const, id: `id-${name}`, name, clientId: `cid-${name}`, description: '', createdAt: now, updatedAt: now };
}

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  pid: number;
}

/**
 * A child process run to completion; one that hangs (the old behaviour with a FIFO) is killed after
 * `guardMs`, and its exit shows the signal, so the test fails instead of hanging the suite.
 */
function run(args: string[], opts: { env?: NodeJS.ProcessEnv; guardMs?: number; onSpawn?: (pid: number) => void } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const guard = setTimeout(() => child.kill('SIGKILL'), opts.guardMs ?? 60_000);
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(guard);
      resolve({ code, signal, stdout, stderr, pid: child.pid! });
    });
    opts.onSpawn?.(child.pid!);
  });
}

const cli = (dir: string, args: string[], guardMs?: number) =>
  run([CLI, ...args], { env: { KEYSMITH_HOME: dir, KEYSMITH_PASSPHRASE: PASSPHRASE }, ...(guardMs !== undefined && { guardMs }) });

async function names(dir: string): Promise<string[]> {
  const vault = await Vault.open(dir, byPassphrase, deps);
  return vault.document.integrations.map((i) => i.name).sort();
}

/** A Developer Console project JSON of `count` API key credentials, all called `name`. */
function consoleProject(count: number, name: string): string {
  const credentials = Array.from({ length: count }, (_, i) => ({ id: String(i), name, integration_type: 'apikey', api_key: { client_id: `c${i.toString(36)}` } }));
  return JSON.stringify({ project: { name: 'p', workspace: { name: 'w', details: { credentials } } } });
}

describe('a large import', () => {
  it('of 28,000 credentials with one name gives them distinct names in one pass (naming duplicates was quadratic: minutes under the lock)', async () => {
    const dir = await createVault();
    const file = path.join(path.dirname(dir), 'project.json');
    writeFileSync(file, consoleProject(28_000, 'Key'));
    const result = await cli(dir, ['import', file], 110_000);
    expect(result.signal, 'the import was still running after 110 s').toBeNull();
    expect(result.code, result.stderr).toBe(0);
    const stored = await names(dir);
    expect(stored).toHaveLength(28_000);
    expect(new Set(stored.map((n) => n.toLowerCase())).size).toBe(28_000);
    expect(stored).toEqual(expect.arrayContaining(['p w Key', 'p w Key (2)', 'p w Key (28000)']));
  }, 120_000);
});
