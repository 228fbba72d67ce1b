/**
 * The vault's files as an adversary sees them: a lock holder paused for minutes, a lock deleted
 * under its holder, another user's (or a world-writable) data folder, a symlink to /dev/zero or a
 * FIFO where a file should be, the vault rolled back to its backup, empty and garbage lock files,
 * and a full disk. Real processes throughout: the built CLI, a writer paused with SIGSTOP, a tmpfs.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SettingsStore } from '../../electron/app/settings-store';
import { vaultPaths } from '../../electron/core/data-dir';
import type { Keychain } from '../../electron/core/keychain';
import { TokenCache } from '../../electron/core/tokens/token-cache';
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

const NOBODY = 65534;
const isRoot = process.getuid?.() === 0;

/** Snapshot of a folder (names, sizes, mtimes), to show a refused command changed nothing. */
function snapshot(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .map((n) => {
      const st = statSync(path.join(dir, n), { throwIfNoEntry: false });
      return `${n} ${st?.size} ${st?.mtimeMs}`;
    });
}

const oneLine = (text: string) => expect(text.trimEnd().split('\n'), text).toHaveLength(1);

describe('a data folder or file another user controls', () => {
  it.runIf(isRoot)('refuses a data folder owned by another user, in one line saying how to fix it, and changes nothing', async () => {
    const dir = await createVault(['before']);
    chownSync(dir, NOBODY, NOBODY);
    const before = snapshot(dir);
    for (const args of [['list'], ['status'], ['add', 'apikey', '--name', 'x', '--client-id', 'cid-x']]) {
      const result = await cli(dir, args);
      expect(result.code, args.join(' ')).toBe(1);
      oneLine(result.stderr);
      expect(result.stderr).toContain(`The folder ${dir} belongs to another user (uid ${NOBODY}`);
      expect(result.stderr).toContain(`chown 0 ${dir} && chmod 700 ${dir}`);
    }
    expect(snapshot(dir)).toEqual(before);
  });

  it('refuses a data folder others may write (chmod o+w, g+w): "chmod 700 DIR"', async () => {
    for (const mode of [0o777, 0o770, 0o702]) {
      const dir = await createVault(['before']);
      chmodSync(dir, mode);
      const before = snapshot(dir);
      for (const args of [['list'], ['add', 'apikey', '--name', 'x', '--client-id', 'cid-x']]) {
        const result = await cli(dir, args);
        expect(result.code, `${mode.toString(8)} ${args.join(' ')}`).toBe(1);
        oneLine(result.stderr);
        expect(result.stderr).toContain(`run \`chmod 700 ${dir}\``);
      }
      expect(snapshot(dir)).toEqual(before);
    }
  });

  it('refuses a vault file others may write, or owned by another user', async () => {
    const dir = await createVault(['before']);
    const vault = vaultPaths(dir).vault;
    chmodSync(vault, 0o620);
    let result = await cli(dir, ['list']);
    expect(result.code).toBe(1);
    oneLine(result.stderr);
    expect(result.stderr).toContain(`run \`chmod 600 ${vault}\``);
    chmodSync(vault, 0o600);
    if (isRoot) {
      chownSync(vault, NOBODY, NOBODY);
      result = await cli(dir, ['list']);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`The file ${vault} belongs to another user (uid ${NOBODY}`);
      chownSync(vault, 0, 0);
    }
    result = await cli(dir, ['list']);
    expect(result.code, result.stderr).toBe(0);
  });
});

const mkfifo = (file: string) => {
  const made = spawnSync('mkfifo', [file]);
  if (made.status !== 0) throw new Error(`mkfifo failed: ${made.stderr}`);
};

/** What an adversary plants where a file of the data folder should be. */
const PLANTS = [
  ['a symlink to /dev/zero', (file: string) => symlinkSync('/dev/zero', file)],
  ['a FIFO', mkfifo],
] as const;
const planted = (what: string) => (what.startsWith('a symlink') ? 'a symbolic link' : 'a FIFO');

describe('a symlink or FIFO where a file of the data folder should be', () => {
  for (const [what, plant] of PLANTS) {
    it(`as vault.ksv (${what}) is refused at once by list, status and add`, async () => {
      const dir = await createVault(['before']);
      const vault = vaultPaths(dir).vault;
      rmSync(vault);
      plant(vault);
      for (const args of [['list'], ['status'], ['add', 'apikey', '--name', 'x', '--client-id', 'cid-x']]) {
        const result = await cli(dir, args, 30_000);
        expect(result.signal, `${args[0]} hung`).toBeNull();
        expect(result.code, args[0]).toBe(1);
        oneLine(result.stderr);
        expect(result.stderr).toContain(`${vault} is ${planted(what)}`);
      }
    });

    it(`as tokens.ksc or settings.json (${what}) is discarded like damage, without hanging`, async () => {
      const dir = tempDataDir();
      const { vault } = await Vault.create(dir, { method: 'passphrase', passphrase: PASSPHRASE }, deps);
      const cache = new TokenCache(vault);
      plant(cache.path);
      expect(await cache.read()).toEqual({});
      const settings = new SettingsStore(dir);
      plant(settings.file);
      const defaults = await new SettingsStore(tempDataDir()).get();
      expect(await settings.get()).toEqual(defaults);
    });
  }
});
