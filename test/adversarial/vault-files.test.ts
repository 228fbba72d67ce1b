/**
 * The vault's files as an adversary sees them: a lock holder paused for minutes, a lock deleted
 * under its holder, another user's (or a world-writable) data folder, a symlink to /dev/zero or a
 * FIFO where a file should be, the vault rolled back to its backup, empty and garbage lock files,
 * and a full disk. Real processes throughout: the built CLI, a writer paused with SIGSTOP, a tmpfs.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  unlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { processState } from '../support/process-state';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SettingsStore } from '../../electron/app/settings-store';
import { vaultPaths } from '../../electron/core/data-dir';
import { acquireLock } from '../../electron/core/file-lock';
import type { Keychain } from '../../electron/core/keychain';
import { TokenCache } from '../../electron/core/tokens/token-cache';
import { Vault } from '../../electron/core/vault';
import { CLI, tempDataDir } from '../support/cli';
import { bundleVaultWriter } from '../support/vault-writer-bundle';

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
  return { kind: 'apiKey' as const, id: randomUUID(), name, clientId: `cid-${name}`, description: '', createdAt: now, updatedAt: now };
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

async function until(what: string, check: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}


/** What the old rule (any lock older than 120 s is stale) needed to break a lock: its record and its mtime ten minutes old. */
function ageLock(file: string): void {
  const owner = JSON.parse(readFileSync(file, 'utf8')) as { at: number };
  const old = Date.now() - 10 * 60_000;
  writeFileSync(file, JSON.stringify({ ...owner, at: old }));
  utimesSync(file, old / 1000, old / 1000);
}

// The writer bundled once (vault-writer-bundle.ts), not started through tsx for every child.
let writerScript: string;
beforeAll(async () => {
  writerScript = await bundleVaultWriter();
});

/** A writer that stops itself (SIGSTOP) inside vault.update, holding the lock with the vault read. */
async function pausedWriter(dir: string, prefix: string): Promise<{ pid: number; done: Promise<Run> }> {
  let pid = 0;
  let out = '';
  const done = run([writerScript, dir, prefix, '1', '--stop-in-update'], {
    env: { KEYSMITH_PASSPHRASE: PASSPHRASE },
    guardMs: 120_000,
    onSpawn: (p) => (pid = p),
  });
  // Readiness: the lock names the writer and the writer is stopped ('T'); it prints only after locking.
  await until('the writer stopped inside its update', () => {
    if (processState(pid) !== 'T') return false;
    try {
      out = readFileSync(vaultPaths(dir).lock, 'utf8');
    } catch {
      return false;
    }
    return (JSON.parse(out) as { pid: number }).pid === pid;
  });
  return { pid, done };
}

describe('a paused lock holder', () => {
  it('keeps its lock however old it looks: another writer is refused, the holder resumes and its write lands', async () => {
    const dir = await createVault(['before']);
    const lock = vaultPaths(dir).lock;
    const writer = await pausedWriter(dir, 'paused');
    ageLock(lock);

    await expect(acquireLock(lock, 1_000)).rejects.toMatchObject({ code: 'vault_busy', message: expect.stringContaining(`process ${writer.pid}`) });
    expect(JSON.parse(readFileSync(lock, 'utf8'))).toMatchObject({ pid: writer.pid });

    process.kill(writer.pid, 'SIGCONT');
    const result = await writer.done;
    expect(result.code, result.stderr).toBe(0);
    expect(await names(dir)).toEqual(['before', 'paused-0']);
    expect(existsSync(lock)).toBe(false);
  });

  it('whose lock was deleted while it was paused writes nothing when it resumes, and the next holder’s write survives', async () => {
    const dir = await createVault(['before']);
    const writer = await pausedWriter(dir, 'paused');
    // As the old busy message advised ("delete that file if no Keysmith is running"), or as a peer
    // on another host does once the paused holder's heartbeat is older than the age rule.
    unlinkSync(vaultPaths(dir).lock);

    const add = await cli(dir, ['add', 'apikey', '--name', 'concurrent', '--client-id', 'cid-concurrent']);
    expect(add.code, add.stderr).toBe(0);

    process.kill(writer.pid, 'SIGCONT');
    const resumed = await writer.done;
    expect(resumed.code).toBe(1);
    expect(resumed.stderr).toMatch(/\[vault_busy\] This process lost its lock .* so it wrote nothing: run the command again/);
    // Every command that said it succeeded has its change in the vault.
    expect(await names(dir)).toEqual(['before', 'concurrent']);
  });

  it('the issue’s case: `keysmith import` stopped while it holds the lock, aged past 120 s: a concurrent add is refused, the import lands whole', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'keysmith-paused-import-'));
    const file = path.join(root, 'project.json');
    writeFileSync(file, consoleProject(8_000, 'Key'));
    let caught: { dir: string; pid: number; done: Promise<Run> } | null = null;
    // The import holds the lock for a fraction of a second now: catch it in the act, trying again if
    // it slips through (each try is a fresh vault).
    for (let attempt = 0; attempt < 10 && !caught; attempt++) {
      const dir = await createVault(['before']);
      const lock = vaultPaths(dir).lock;
      let exited = false;
      const done = cli(dir, ['import', file], 120_000).finally(() => (exited = true));
      // Poll the lock until it names a process (the import: nothing else runs here), then stop it.
      while (!exited) {
        let owner: { pid: number } | null = null;
        try {
          owner = JSON.parse(readFileSync(lock, 'utf8')) as { pid: number };
        } catch {
          owner = null;
        }
        if (owner) {
          try {
            process.kill(owner.pid, 'SIGSTOP');
          } catch {
            continue;
          }
          await until('the import stopped', () => processState(owner.pid) === 'T' || processState(owner.pid) === undefined);
          const still = existsSync(lock) && (JSON.parse(readFileSync(lock, 'utf8')) as { pid: number }).pid === owner.pid;
          if (still) caught = { dir, pid: owner.pid, done };
          else process.kill(owner.pid, 'SIGCONT');
          break;
        }
        await new Promise((r) => setImmediate(r));
      }
      if (!caught) await done;
    }
    expect(caught, 'the import was never caught holding the lock').not.toBeNull();
    const { dir, pid, done } = caught!;
    ageLock(vaultPaths(dir).lock);

    const add = await cli(dir, ['add', 'apikey', '--name', 'concurrent', '--client-id', 'cid-concurrent']);
    expect(add.code).toBe(1);
    expect(add.stderr).toContain(`The vault is busy: process ${pid}`);

    process.kill(pid, 'SIGCONT');
    const imported = await done;
    expect(imported.code, imported.stderr).toBe(0);
    const stored = await names(dir);
    expect(stored).toHaveLength(8_001);
    expect(stored).not.toContain('concurrent');
  });
});

describe('a lock file Keysmith did not make', () => {
  it.runIf(isRoot)('refuses a lock file of another user rather than waiting on it or breaking it', async () => {
    const dir = await createVault(['before']);
    const lock = vaultPaths(dir).lock;
    writeFileSync(lock, JSON.stringify({ pid: process.pid, host: hostname(), at: Date.now(), token: 'foreign' }));
    chownSync(lock, NOBODY, NOBODY);
    const result = await cli(dir, ['add', 'apikey', '--name', 'x', '--client-id', 'cid-x']);
    expect(result.code).toBe(1);
    oneLine(result.stderr);
    expect(result.stderr).toContain(`The file ${lock} belongs to another user`);
    expect(await names(dir)).toEqual(['before']);
  });

  for (const [what, plant] of PLANTS) {
    it(`as vault.lock (${what}) is refused at once, in one line, instead of hanging or filling memory`, async () => {
      const dir = await createVault(['before']);
      const lock = vaultPaths(dir).lock;
      plant(lock);
      const result = await cli(dir, ['add', 'apikey', '--name', 'x', '--client-id', 'cid-x'], 30_000);
      expect(result.signal, 'add hung on the planted lock').toBeNull();
      expect(result.code).toBe(1);
      oneLine(result.stderr);
      expect(result.stderr).toContain(`${lock} is ${planted(what)}, not a file Keysmith wrote: remove it (\`rm ${lock}\`)`);
      expect(await names(dir)).toEqual(['before']);
    });
  }
});

describe('debris in place of a lock', () => {
  it('an empty vault.lock an hour old does not block writes (it gave "busy" after 15 s every time)', async () => {
    const dir = await createVault(['before']);
    const lock = vaultPaths(dir).lock;
    writeFileSync(lock, '');
    const hourAgo = Date.now() / 1000 - 3600;
    utimesSync(lock, hourAgo, hourAgo);
    const result = await cli(dir, ['add', 'apikey', '--name', 'after', '--client-id', 'cid-after']);
    expect(result.code, result.stderr).toBe(0);
    expect(await names(dir)).toEqual(['after', 'before']);
    expect(existsSync(lock)).toBe(false);
  });

  it('a fresh garbage vault.lock is taken over once it is a few seconds old: locks are never written in place', async () => {
    const dir = await createVault();
    const lock = vaultPaths(dir).lock;
    writeFileSync(lock, 'not a lock \u0000\u0001');
    const release = await acquireLock(lock, 15_000);
    expect(JSON.parse(readFileSync(lock, 'utf8'))).toMatchObject({ pid: process.pid });
    await release();
  });

  it('leftover lock candidates and moved-aside locks of dead processes are swept by the next writer', async () => {
    const dir = await createVault(['before']);
    const dead = await run(['-e', '']);
    const debris = [`vault.lock.${dead.pid}-0123456789abcdef`, `vault.lock.break.${dead.pid}-fedcba9876543210`, 'vault.lock.stale-00112233'];
    const old = Date.now() / 1000 - 60;
    for (const name of debris) {
      writeFileSync(path.join(dir, name), '');
      utimesSync(path.join(dir, name), old, old);
    }
    const result = await cli(dir, ['add', 'apikey', '--name', 'after', '--client-id', 'cid-after']);
    expect(result.code, result.stderr).toBe(0);
    expect(readdirSync(dir).filter((n) => n.startsWith('vault.lock'))).toEqual([]);
  });
});

describe('a full disk', () => {
  let mountPoint: string | null = null;
  afterEach(() => {
    if (mountPoint) spawnSync('umount', [mountPoint]);
    mountPoint = null;
  });

  it('fails an add in one line, leaves the vault as it was and no debris, and the next add after freeing space works', async (ctx) => {
    const point = mkdtempSync(path.join(tmpdir(), 'keysmith-full-'));
    const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=256k,mode=0700', 'tmpfs', point], { encoding: 'utf8' });
    if (mounted.status !== 0) {
      // Needs root (CAP_SYS_ADMIN); CI runs as root. Without it a tmpfs truly cannot be made here.
      const why = (mounted.stderr || mounted.error?.message || `exit ${mounted.status}`).trim();
      console.warn(`SKIPPED full-disk test: cannot mount a tmpfs (${why})${process.env.CI ? ' although CI is set: this runner lacks CAP_SYS_ADMIN' : ''}`);
      ctx.skip();
    }
    mountPoint = point;
    const dir = path.join(point, 'data');
    mkdirSync(dir, { mode: 0o700 });
    const { vault } = await Vault.create(dir, { method: 'passphrase', passphrase: PASSPHRASE }, deps);
    // ~40 KB of vault, so that a lock (one page) can fit where a new vault cannot.
    await vault.update((doc) => {
      for (let i = 0; i < 20; i++) doc.integrations.push({ ...apiKey(`big-${i}`), description: 'x'.repeat(2000) });
    });
    const vaultBytes = readFileSync(vaultPaths(dir).vault);
    const debris = () => readdirSync(dir).filter((n) => n.startsWith('vault.lock') || /\.(tmp|baktmp)-/.test(n));

    // Fill every last block, keeping two pages aside in `reserve`.
    const reserve = path.join(point, 'reserve');
    writeFileSync(reserve, Buffer.alloc(8192, 1));
    const filler = path.join(point, 'filler');
    const chunk = Buffer.alloc(4096, 1);
    writeFileSync(filler, '');
    for (;;) {
      try {
        writeFileSync(filler, chunk, { flag: 'a' });
      } catch {
        break;
      }
    }
    const add = ['add', 'apikey', '--name', 'x', '--client-id', 'cid-x'];
    /** The add fails in one line naming `file`, the vault is as it was, and nothing is left behind. */
    const expectRefusedAt = async (file: string) => {
      const refused = await cli(dir, add);
      expect(refused.code).toBe(1);
      oneLine(refused.stderr);
      expect(refused.stderr).toContain(`keysmith: Could not write ${file}: the disk is full (ENOSPC). Nothing saved before was lost: free some space and try again`);
      expect(readFileSync(vaultPaths(dir).vault).equals(vaultBytes)).toBe(true);
      expect(debris()).toEqual([]);
    };

    // Room for nothing: the lock cannot even be created.
    await expectRefusedAt(vaultPaths(dir).lock);

    // Room for the lock, not for the new vault.
    rmSync(reserve);
    await expectRefusedAt(vaultPaths(dir).vault);

    rmSync(filler);
    const freed = await cli(dir, add);
    expect(freed.code, freed.stderr).toBe(0);
    expect(await names(dir)).toContain('x');
  });
});

describe('a vault rolled back to an older generation', () => {
  it('(mv vault.ksv.bak vault.ksv) is refused as tampered, in one line saying what to do; deleting the record accepts it', async () => {
    const dir = await createVault();
    for (const name of ['first', 'second']) {
      const add = await cli(dir, ['add', 'apikey', '--name', name, '--client-id', `cid-${name}`]);
      expect(add.code, add.stderr).toBe(0);
    }
    const paths = vaultPaths(dir);
    renameSync(paths.backup, paths.vault);

    for (const args of [['list'], ['status'], ['add', 'apikey', '--name', 'third', '--client-id', 'cid-third']]) {
      const result = await cli(dir, args);
      expect(result.code, args[0]).toBe(1);
      oneLine(result.stderr);
      expect(result.stderr).toContain(`The vault ${paths.vault} went back from generation 3 to 2`);
      expect(result.stderr).toContain(`delete ${paths.generation} to accept it`);
    }
    await expect(Vault.open(dir, byPassphrase, deps)).rejects.toMatchObject({ code: 'vault_tampered' });

    rmSync(paths.generation);
    const list = await cli(dir, ['list', '--json']);
    expect(list.code, list.stderr).toBe(0);
    expect((JSON.parse(list.stdout) as { name: string }[]).map((r) => r.name)).toEqual(['first']);
  });

  it('restore-backup, the deliberate step back, is not mistaken for a rollback', async () => {
    const dir = await createVault(['first', 'second']);
    const restore = await cli(dir, ['restore-backup']);
    expect(restore.code, restore.stderr).toBe(0);
    const add = await cli(dir, ['add', 'apikey', '--name', 'third', '--client-id', 'cid-third']);
    expect(add.code, add.stderr).toBe(0);
    expect(await names(dir)).toEqual(['first', 'third']);
  });
});
