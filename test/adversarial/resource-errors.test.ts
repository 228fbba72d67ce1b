/**
 * How the CLI (and the IPC router) read when the machine says no: a reader that goes away
 * (`keysmith list | head -1`), a vault of 150,000 integrations, a full disk, a read-only mount, an
 * immutable folder, a folder without permission, a file size limit, too few file descriptors. Each
 * must be one sentence that says what happened and that nothing was lost, never a stack trace or
 * "Unexpected internal error", and the vault must still hold what it held.
 *
 * The file system failures are real: a tiny tmpfs (mount needs root with CAP_SYS_ADMIN; without it
 * those tests say why and skip, except under CI where they fail), `chattr +i`, `setpriv` dropping
 * root's permission override, `ulimit`. EDQUOT alone is injected: this needs a kernel built with
 * quota support, which a test cannot count on.
 */
import { execFileSync, spawn } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, type TestContext } from 'vitest';
import { KeysmithError, userMessage } from '../../electron/core/errors';
import { Vault } from '../../electron/core/vault';
import { resolveAppPath } from '../../electron/app/app-protocol';
import { toIpcError } from '../../electron/ipc/errors';
import { createHarness, noKeychain, type Harness } from '../support/ipc-harness';
import { childResult } from '../support/child-result';
import { CLI, runCli, tempDataDir, type CliResult } from '../support/cli';
import { bulkApiKeys, writeRawIntegrations } from '../support/raw-vault';

const PASSPHRASE = 'resource errors passphrase';
const IN_CI = Boolean(process.env.CI);
const IS_ROOT = process.getuid?.() === 0;
const RECOVERY_KEY = /\b[0-9A-Z]{4}(?:-[0-9A-Z]{4}){12}\b/;

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) {
    try {
      cleanup();
    } catch {
      // best effort: a failed cleanup must not hide the test's own result
    }
  }
});

/** Skips with the reason printed, except under CI, where a missing capability is a failure. */
function unavailable(ctx: TestContext, reason: string): never {
  if (IN_CI) throw new Error(`cannot run under CI: ${reason}`);
  console.warn(`skipped "${ctx.task.name}": ${reason}`);
  ctx.skip();
  throw new Error('unreachable');
}

const firstLine = (err: unknown) => String((err as { stderr?: Buffer }).stderr ?? err).trim().split('\n')[0];

/** A fresh tmpfs of `size` (e.g. "64k"), unmounted after the test. */
function tmpfs(ctx: TestContext, size: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'keysmith-tmpfs-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0700`, 'tmpfs', dir], { stdio: 'pipe' });
  } catch (err) {
    return unavailable(ctx, `cannot mount a tmpfs (${firstLine(err)}): needs root with CAP_SYS_ADMIN`);
  }
  cleanups.push(() => execFileSync('umount', ['-l', dir], { stdio: 'pipe' }));
  return dir;
}

/** Writes zeros until the file system says ENOSPC. */
function fillDisk(dir: string): string {
  const filler = path.join(dir, 'filler');
  const fd = openSync(filler, 'w');
  const chunk = Buffer.alloc(4096);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
  } finally {
    closeSync(fd);
  }
  return filler;
}

/** One line, "keysmith: …", the sentence wanted, nothing lost said, no stack, no "internal error". */
function expectSentence(result: CliResult, pattern: RegExp): void {
  expect(result.code, result.stderr).toBe(1);
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines, result.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^keysmith: /);
  expect(lines[0]).not.toMatch(/Unexpected internal error/);
  expect(lines[0]).toMatch(pattern);
  expect(lines[0]).toMatch(/Nothing saved before was lost/);
}

/** A passphrase vault made by the CLI, holding the integration "kept". */
async function vaultWithKept(dataDir: string): Promise<NodeJS.ProcessEnv> {
  const env = { KEYSMITH_HOME: dataDir, KEYSMITH_PASSPHRASE: PASSPHRASE };
  const added = await runCli(['add', 'apikey', '--name', 'kept', '--client-id', 'kept-id'], { env });
  expect(added.code, added.stderr).toBe(0);
  return env;
}

async function expectStillHoldsKept(env: NodeJS.ProcessEnv): Promise<void> {
  const list = await runCli(['list'], { env });
  expect(list.code, list.stderr).toBe(0);
  expect(list.stdout).toMatch(/^kept\s/m);
  expect(list.stdout).not.toMatch(/^lost\s/m);
}

const addLost = (env: NodeJS.ProcessEnv) => runCli(['add', 'apikey', '--name', 'lost', '--client-id', 'lost-id'], { env });

interface ClosedRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdoutSeen: string;
  stderr: string;
}

/**
 * Runs the CLI and closes the read end of its stdout: after the first chunk (as `head -1` does), or
 * before it writes anything.
 */
function runWithStdoutClosed(args: string[], env: NodeJS.ProcessEnv, when: 'after-first-chunk' | 'at-once', input = ''): Promise<ClosedRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdoutSeen = '';
    let stderr = '';
    if (when === 'at-once') child.stdout.destroy();
    else {
      child.stdout.once('data', (chunk: Buffer) => {
        stdoutSeen = chunk.toString();
        child.stdout.destroy();
      });
    }
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdoutSeen, stderr }));
    child.stdin.end(input);
  });
}

describe('a large vault', () => {
  it('lists 150,000 integrations', async () => {
    const dir = tempDataDir();
    await writeRawIntegrations(dir, PASSPHRASE, bulkApiKeys(150_000));
    const result = await runCli(['list'], { env: { KEYSMITH_HOME: dir, KEYSMITH_PASSPHRASE: PASSPHRASE } });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    // Piped, list writes one tab-separated row per integration and no header.
    expect(lines).toHaveLength(150_000);
    expect(lines.filter((l) => /^bulk-149999\s/.test(l))).toHaveLength(1);
  }, 180_000);
});

describe('data-sized arrays are never spread into a call', () => {
  // A spread passes each element as an argument, on the stack: past ~100,000 it throws RangeError.
  it('the app protocol resolves a URL of 500,000 path segments (1 MB, under the 2 MB URL cap of Chromium)', () => {
    const root = path.resolve('/srv/keysmith/dist/renderer');
    const result = resolveAppPath(root, `app://keysmith${'/a'.repeat(500_000)}`);
    expect(result).toMatchObject({ ok: true, filePath: [root, ...Array.from({ length: 500_000 }, () => 'a')].join(path.sep) });
  });
});

describe('a reader that goes away', () => {
  it('`keysmith list | head -1`: exits 141 as a pipe writer does, nothing on stderr', async () => {
    const dir = tempDataDir();
    // ~30 bytes a row: far more than a pipe buffer, so the reader is gone while the CLI still writes.
    await writeRawIntegrations(dir, PASSPHRASE, bulkApiKeys(20_000));
    const run = await runWithStdoutClosed(['list'], { KEYSMITH_HOME: dir, KEYSMITH_PASSPHRASE: PASSPHRASE }, 'after-first-chunk');
    expect(run.stdoutSeen).toMatch(/^bulk-0\tapiKey\t/);
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(run.stderr).toBe('');
    expect(run.signal).toBeNull();
    expect(run.code).toBe(141);
  }, 120_000);

  it('`keysmith init | head -1`: the recovery key is still shown (on stderr) and opens the vault', async () => {
    const dir = tempDataDir();
    const run = await runWithStdoutClosed(['init', '--passphrase-stdin'], { KEYSMITH_HOME: dir }, 'at-once', `${PASSPHRASE}\n`);
    expect(run.stderr).not.toMatch(/^\s+at /m);
    const recoveryKey = RECOVERY_KEY.exec(run.stderr)?.[0];
    expect(recoveryKey, run.stderr).toBeDefined();
    expect(run.code).toBe(141);
    const vault = await Vault.open(dir, async () => ({ method: 'recovery', recoveryKey: recoveryKey! }), { keychain: noKeychain });
    expect(vault.document.integrations).toEqual([]);
  }, 60_000);
});

describe('a full disk', () => {
  it('ENOSPC: one sentence, and the vault keeps what it held', async (ctx) => {
    const mount = tmpfs(ctx, '64k');
    const env = await vaultWithKept(path.join(mount, 'data'));
    const filler = fillDisk(mount);
    expectSentence(await addLost(env), /disk is full \(ENOSPC\)/);
    rmSync(filler);
    await expectStillHoldsKept(env);
  }, 60_000);

  it('ENOSPC through the IPC router: code io and the same sentence, not "internal"', async (ctx) => {
    const mount = tmpfs(ctx, '64k');
    const h: Harness = await createHarness({ passphrase: PASSPHRASE, createVault: false });
    cleanups.push(() => h.dispose());
    // The harness's data folder becomes the tiny disk.
    mkdirSync(h.dataDir, { recursive: true });
    execFileSync('mount', ['--bind', mount, h.dataDir], { stdio: 'pipe' });
    cleanups.push(() => execFileSync('umount', ['-l', h.dataDir], { stdio: 'pipe' }));
    await Vault.create(h.dataDir, { method: 'passphrase', passphrase: PASSPHRASE }, { keychain: noKeychain });
    expect((await h.call('vault:unlock', { method: 'passphrase', passphrase: PASSPHRASE })).ok).toBe(true);
    fillDisk(h.dataDir);
    const result = await h.call('integrations:create', { fields: { kind: 'apiKey', name: 'lost', clientId: 'lost-id' } });
    expect(result).toMatchObject({ ok: false, error: { code: 'io', message: expect.stringMatching(/disk is full \(ENOSPC\)\. Nothing saved before was lost/) } });
  }, 60_000);
});

describe('a read-only file system', () => {
  it('EROFS: writing says so in one sentence; reading still works', async (ctx) => {
    const mount = tmpfs(ctx, '1m');
    const env = await vaultWithKept(path.join(mount, 'data'));
    execFileSync('mount', ['-o', 'remount,ro', mount], { stdio: 'pipe' });
    expectSentence(await addLost(env), /read-only \(EROFS\)/);
    await expectStillHoldsKept(env);
  }, 60_000);
});

describe('no permission', () => {
  it('EPERM: an immutable vault folder (chattr +i)', async (ctx) => {
    const mount = tmpfs(ctx, '1m');
    const dataDir = path.join(mount, 'data');
    const env = await vaultWithKept(dataDir);
    try {
      execFileSync('chattr', ['+i', dataDir], { stdio: 'pipe' });
    } catch (err) {
      unavailable(ctx, `chattr +i failed (${firstLine(err)})`);
    }
    cleanups.push(() => execFileSync('chattr', ['-i', dataDir], { stdio: 'pipe' }));
    expectSentence(await addLost(env), /not permitted \(EPERM\)/);
    await expectStillHoldsKept(env);
  }, 60_000);

  it('EACCES: a vault folder without write permission', async (ctx) => {
    const dataDir = tempDataDir();
    const env = await vaultWithKept(dataDir);
    execFileSync('chmod', ['0500', dataDir]);
    cleanups.push(() => execFileSync('chmod', ['0700', dataDir]));
    // Root ignores modes; without the capability that lets it, root is refused as anyone else is.
    const prefix = IS_ROOT ? ['setpriv', '--bounding-set', '-dac_override,-dac_read_search', '--'] : [];
    if (IS_ROOT) {
      try {
        execFileSync(prefix[0]!, [...prefix.slice(1), 'true'], { stdio: 'pipe' });
      } catch (err) {
        unavailable(ctx, `setpriv cannot drop CAP_DAC_OVERRIDE (${firstLine(err)})`);
      }
    }
    expectSentence(await runPrefixed(prefix, ['add', 'apikey', '--name', 'lost', '--client-id', 'lost-id'], env), /permission denied \(EACCES\)/);
    await expectStillHoldsKept(env);
  }, 60_000);
});

describe('process limits', () => {
  it('EFBIG: a vault larger than `ulimit -f` allows', async () => {
    const dataDir = tempDataDir();
    await writeRawIntegrations(dataDir, PASSPHRASE, bulkApiKeys(400)); // ~100 KB
    const env = { KEYSMITH_HOME: dataDir, KEYSMITH_PASSPHRASE: PASSPHRASE };
    // 16 blocks: 8 or 16 KiB depending on the shell, either way far below the vault.
    const result = await runPrefixed(['sh', '-c', 'ulimit -f 16 && exec "$@"', 'sh'], ['add', 'apikey', '--name', 'lost', '--client-id', 'lost-id'], env);
    expectSentence(result, /larger than this system allows \(EFBIG\)/);
    const list = await runCli(['list', '--json'], { env });
    expect(list.code, list.stderr).toBe(0);
    expect((JSON.parse(list.stdout) as unknown[]).length).toBe(400);
  }, 60_000);

  it('EMFILE: at every `ulimit -n`, either it works or one sentence says so', async () => {
    const dataDir = tempDataDir();
    const env = await vaultWithKept(dataDir);
    const outcomes: string[] = [];
    for (let limit = 12; limit <= 40; limit++) {
      const result = await runPrefixed(['sh', '-c', `ulimit -n ${limit} && exec "$@"`, 'sh'], ['list'], env);
      // Below some limit Node itself cannot start (an abort) or cannot open the launcher file: that
      // happens before any Keysmith code runs, so it is not Keysmith's to word.
      if (result.code === -1 || /Assertion failed/.test(result.stderr) || result.stderr.includes(`open '${CLI}'`)) {
        outcomes.push(`${limit}: node could not start`);
        continue;
      }
      if (result.code === 0) {
        expect(result.stdout).toMatch(/^kept\s/m);
        outcomes.push(`${limit}: ok`);
        continue;
      }
      expect(result.stderr, `ulimit -n ${limit}`).not.toMatch(/^\s+at /m);
      expect(result.stderr, `ulimit -n ${limit}`).not.toMatch(/Unexpected internal error/);
      expect(result.stderr.trimEnd().split('\n'), `ulimit -n ${limit}`).toHaveLength(1);
      expect(result.stderr, `ulimit -n ${limit}`).toMatch(/^keysmith: .*too many files open \(EMFILE\)/);
      outcomes.push(`${limit}: sentence`);
    }
    expect(outcomes.some((o) => o.endsWith('sentence')), outcomes.join('\n')).toBe(true);
    expect(outcomes.some((o) => o.endsWith('ok')), outcomes.join('\n')).toBe(true);
  }, 180_000);
});

describe('every errno a user can meet has a sentence', () => {
  /** Shaped as Node's own fs errors; only EDQUOT is built here, the others come from the tests above too. */
  const systemError = (code: string, syscall: string, filePath?: string) =>
    Object.assign(new Error(`${code}: failed, ${syscall}${filePath ? ` '${filePath}'` : ''}`), { code, errno: -1, syscall, ...(filePath && { path: filePath }) });

  it.each(['ENOSPC', 'EDQUOT', 'EROFS', 'EFBIG', 'EACCES', 'EPERM', 'EMFILE', 'ENFILE', 'EIO'])('%s reads as a sentence in the CLI and over IPC', (code) => {
    const err = systemError(code, 'write', '/home/u/.config/Keysmith/vault.ksv.tmp-1-ab');
    const message = userMessage(err);
    expect(message).not.toMatch(/Unexpected internal error/);
    expect(message).toMatch(new RegExp(`^Could not write /home/u/\\.config/Keysmith/vault\\.ksv\\.tmp-1-ab: .+ \\(${code}\\)\\. Nothing saved before was lost: .+`));
    const logged: unknown[] = [];
    expect(toIpcError(err, (_m, e) => logged.push(e))).toEqual({ code: 'io', message });
    expect(logged).toEqual([]);
  });

  it('an error without a path or a known errno is still an internal error', () => {
    expect(userMessage(systemError('EDQUOT', 'write'))).toMatch(/^Could not write a file: your disk quota is used up/);
    expect(userMessage(Object.assign(new Error('boom'), { code: 'ERR_SOMETHING' }))).toBe('Unexpected internal error: boom');
    expect(userMessage(new KeysmithError('io', 'kept as it is'))).toBe('kept as it is');
  });
});

async function runPrefixed(prefix: string[], args: string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  const [command, ...rest] = prefix.length > 0 ? prefix : [process.execPath];
  const argv = prefix.length > 0 ? [...rest, process.execPath, CLI, ...args] : [CLI, ...args];
  return childResult(spawn(command!, argv, { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] }));
}
