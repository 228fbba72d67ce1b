/**
 * Secrets leaving by a side door: files written for the user (over someone else's file, through a
 * symlink), the environment of `exec`'s child, core dumps, and the echo of a hidden prompt. Each
 * test plays the attacker or the unlucky user: another user's file in place, a symlink planted
 * where the export goes, a crash during `exec`, input typed before the prompt is drawn.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chownSync, closeSync, existsSync, lstatSync, mkdirSync, mkdtempSync, openSync, readFileSync, readSync, readdirSync, statSync, symlinkSync, writeFileSync, writeSync } from 'node:fs';
import { constants, tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, runCli, tempDataDir, type CliResult } from '../support/cli';
import { coreMethod, occurrences, spawnDumpable, takeCore } from '../support/core-dump';
import { startImsEmulator, type ImsEmulator } from '../support/ims-emulator';
import { PTY_TOOLS, onTerminal } from '../support/pty';
import { underCi } from '../support/requirements';
import { createHarness } from '../support/ipc-harness';

const ORG = '1234567890ABCDEF12345678@AdobeOrg';
const TECH = 'ABCDEF0123456789@techacct.adobe.com';
const PASSPHRASE = 'leak-tests-passphrase-4f1e';
const SECRET = 'p8e-LEAK-client-secret-9c2b7d10';
const NOBODY = 65534;
const isRoot = process.getuid?.() === 0;
if (!isRoot) console.log("SKIPPED replacing another user's file: only root can give a file to uid 65534 (CI runs as root)");

/** The test runner's own KEYSMITH_* settings must not leak into what a test asserts. */
const cleanEnv = (): NodeJS.ProcessEnv => Object.fromEntries(Object.keys(process.env).filter((k) => /^keysmith_/i.test(k)).map((k) => [k, undefined]));

function workspace(): { dir: string; env: NodeJS.ProcessEnv; cli: (args: string[], input?: string) => Promise<CliResult> } {
  const data = tempDataDir();
  const dir = path.dirname(data);
  const env = { ...cleanEnv(), KEYSMITH_HOME: data, KEYSMITH_PASSPHRASE: PASSPHRASE };
  return { dir, env, cli: (args, input) => runCli(args, { env, input }) };
}

async function ok(run: Promise<CliResult>): Promise<string> {
  const result = await run;
  expect(result.code, result.stderr).toBe(0);
  return result.stdout;
}

/** A JWT integration with a client secret and a key: every kind of file can be exported from it. */
async function jwtWorkspace(imsUrl = 'https://ims-na1.adobelogin.com') {
  const w = workspace();
  await ok(w.cli(['add', 'jwt', '--name', 'Leaky', '--client-id', 'leak-client', '--org-id', ORG, '--technical-account-id', TECH, '--metascopes', 'ent_cloudmgr_sdk', '--ims-endpoint', imsUrl, '--client-secret-stdin'], SECRET));
  await ok(w.cli(['keygen', 'Leaky', '--cert-out', path.join(w.dir, 'first.crt')]));
  return w;
}

/** A file of another user's, mode 0644, as an attacker would leave it where the export goes. */
function foreignFile(file: string, content: string): void {
  writeFileSync(file, content, { mode: 0o644 });
  chownSync(file, NOBODY, NOBODY);
}

interface FileCommand {
  what: string;
  args: (out: string) => string[];
  input?: string;
  mode: number;
  /** Proof that the file holds what was exported. */
  looksRight: RegExp;
}

const FILE_COMMANDS: FileCommand[] = [
  { what: 'export --include-secrets', args: (out) => ['export', 'Leaky', '--format', 'env', '--include-secrets', '--out', out], mode: 0o600, looksRight: new RegExp(SECRET) },
  { what: 'export-key', args: (out) => ['export-key', 'Leaky', '--out', out], mode: 0o600, looksRight: /BEGIN PRIVATE KEY/ },
  { what: 'bundle export', args: (out) => ['bundle', 'export', 'Leaky', '--out', out, '--passphrase-stdin'], input: 'bundle-passphrase-77', mode: 0o600, looksRight: /\S/ },
  { what: 'export-cert', args: (out) => ['export-cert', 'Leaky', '--out', out], mode: 0o644, looksRight: /BEGIN CERTIFICATE/ },
  { what: 'keygen --cert-out', args: (out) => ['keygen', 'Leaky', '--cert-out', out], mode: 0o644, looksRight: /BEGIN CERTIFICATE/ },
];

const OLD = 'the old content, which nobody may see replaced through this file\n';

function readThrough(fd: number): string {
  const buf = Buffer.alloc(4096);
  return buf.subarray(0, readSync(fd, buf, 0, buf.length, 0)).toString();
}

/** Nothing but `expected` in the folder: no temp file of the write left behind. */
function expectOnly(dir: string, expected: string[]): void {
  expect(readdirSync(dir).sort()).toEqual([...expected].sort());
}

describe('files written for the user', () => {
  describe.each(FILE_COMMANDS)('$what', (c) => {
    it('refuses an existing file and a dangling symlink without --force, and writes nothing', async () => {
      const w = await jwtWorkspace();
      const dir = mkdtempSync(path.join(w.dir, 'out-'));
      const existing = path.join(dir, 'existing');
      writeFileSync(existing, OLD);
      let result = await w.cli(c.args(existing), c.input);
      expect(result.code, result.stderr).toBe(1);
      expect(result.stderr).toMatch(/already exists.*--force/);
      expect(readFileSync(existing, 'utf8')).toBe(OLD);

      const dangling = path.join(dir, 'dangling');
      const pointsTo = path.join(dir, 'created-through-the-link');
      symlinkSync(pointsTo, dangling);
      result = await w.cli(c.args(dangling), c.input);
      expect(result.code, result.stderr).toBe(1);
      expect(result.stderr).toMatch(/already exists/);
      expect(existsSync(pointsTo)).toBe(false);
      expectOnly(dir, ['existing', 'dangling']);
    });

    it('writes a new file when the name is free, with the mode it promises', async () => {
      const w = await jwtWorkspace();
      const dir = mkdtempSync(path.join(w.dir, 'out-'));
      const out = path.join(dir, 'fresh');
      await ok(w.cli(c.args(out), c.input));
      expect(readFileSync(out, 'utf8')).toMatch(c.looksRight);
      expect(statSync(out).mode & 0o777).toBe(c.mode);
      expectOnly(dir, ['fresh']);
    });

    it.skipIf(!isRoot)('with --force replaces another user\'s 0644 file by a new file of its own, never writing into the old one', async () => {
      const w = await jwtWorkspace();
      const dir = mkdtempSync(path.join(w.dir, 'out-'));
      const target = path.join(dir, 'foreign');
      foreignFile(target, OLD);
      const before = statSync(target);
      // The other user's view of the old file: an open descriptor keeps reading what it points to.
      const theirs = openSync(target, 'r');
      try {
        await ok(w.cli([...c.args(target), '--force'], c.input));
        const after = statSync(target);
        expect(after.ino).not.toBe(before.ino);
        expect(after.uid).toBe(process.getuid!());
        expect(after.mode & 0o777).toBe(c.mode);
        expect(readFileSync(target, 'utf8')).toMatch(c.looksRight);
        expect(readThrough(theirs)).toBe(OLD);
      } finally {
        closeSync(theirs);
      }
      expectOnly(dir, ['foreign']);
    });

    it('with --force replaces a symlink by the file and leaves the file it pointed to untouched', async () => {
      const w = await jwtWorkspace();
      const dir = mkdtempSync(path.join(w.dir, 'out-'));
      const elsewhere = mkdtempSync(path.join(w.dir, 'elsewhere-'));
      const victim = path.join(elsewhere, 'victim');
      if (isRoot) foreignFile(victim, OLD);
      else writeFileSync(victim, OLD, { mode: 0o644 });
      const link = path.join(dir, 'link');
      symlinkSync(victim, link);
      await ok(w.cli([...c.args(link), '--force'], c.input));
      expect(lstatSync(link).isFile()).toBe(true);
      expect(lstatSync(link).mode & 0o777).toBe(c.mode);
      expect(readFileSync(link, 'utf8')).toMatch(c.looksRight);
      expect(readFileSync(victim, 'utf8')).toBe(OLD);
      expect(statSync(victim).mode & 0o777).toBe(0o644);
      expectOnly(dir, ['link']);
    });
  });

  it('says so in one line when the folder does not exist, and when the name is a folder', async () => {
    const w = await jwtWorkspace();
    let result = await w.cli(['export-key', 'Leaky', '--out', path.join(w.dir, 'no-such-folder', 'key.pem')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^keysmith: Cannot write .*key\.pem: its folder does not exist\n$/);
    const folder = mkdtempSync(path.join(w.dir, 'folder-'));
    result = await w.cli(['export-key', 'Leaky', '--out', folder, '--force']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^keysmith: Cannot write .*: it is a folder; give a file name\n$/);
    expect(readdirSync(folder)).toEqual([]);
  });
});

describe('a full disk', () => {
  const mounted: string[] = [];
  afterAll(() => mounted.forEach((dir) => spawnSync('umount', ['-l', dir])));

  it('--force onto a full disk fails in one sentence, keeps the existing file whole and leaves no temp file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'keysmith-full-'));
    const mount = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k,mode=0700', 'tmpfs', dir], { encoding: 'utf8' });
    if (mount.status !== 0) {
      const why = `cannot mount a tmpfs (${(mount.stderr || String(mount.error)).trim()}): needs root with CAP_SYS_ADMIN`;
      if (underCi()) throw new Error(why);
      console.log(`SKIPPED full disk: ${why}`);
      return;
    }
    mounted.push(dir);
    const w = await jwtWorkspace();
    const existing = path.join(dir, 'key.pem');
    writeFileSync(existing, OLD);
    const filler = openSync(path.join(dir, 'filler'), 'w');
    try {
      for (;;) writeSync(filler, Buffer.alloc(4096));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
    } finally {
      closeSync(filler);
    }
    const result = await w.cli(['export-key', 'Leaky', '--out', existing, '--force']);
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).toMatch(/^keysmith: Could not write .*key\.pem: the disk is full \(ENOSPC\)\. Nothing saved before was lost[^\n]*\n$/);
    expect(result.stderr).not.toMatch(/keysmith-tmp/);
    expect(readFileSync(existing, 'utf8')).toBe(OLD);
    expectOnly(dir, ['filler', 'key.pem']);
  });
});

describe("the app's export", () => {
  it('replaces a file chosen in the save dialog, or a symlink there, by a new file of its own', async () => {
    const h = await createHarness({ passphrase: PASSPHRASE });
    try {
      expect((await h.call('vault:unlock', { method: 'passphrase', passphrase: PASSPHRASE })).ok).toBe(true);
      const created = await h.call('integrations:create', { fields: { kind: 'oauthS2S', name: 'App', clientId: 'app-client', clientSecrets: [SECRET], orgId: ORG, scopes: ['openid'] } });
      expect(created.ok, JSON.stringify(created)).toBe(true);

      const target = path.join(h.workDir, 'chosen.env');
      if (isRoot) foreignFile(target, OLD);
      else writeFileSync(target, OLD, { mode: 0o644 });
      const theirs = openSync(target, 'r');
      try {
        h.dialogs.saveQueue.push(target);
        expect(await h.call('interop:export', { name: 'App', format: 'env', includeSecrets: true })).toMatchObject({ ok: true, value: { saved: true, path: target } });
        expect(statSync(target).uid).toBe(process.getuid!());
        expect(statSync(target).mode & 0o777).toBe(0o600);
        expect(readFileSync(target, 'utf8')).toContain(SECRET);
        expect(readThrough(theirs)).toBe(OLD);
      } finally {
        closeSync(theirs);
      }

      const victim = path.join(h.workDir, 'victim');
      writeFileSync(victim, OLD, { mode: 0o644 });
      const link = path.join(h.workDir, 'link.env');
      symlinkSync(victim, link);
      h.dialogs.saveQueue.push(link);
      expect((await h.call('interop:export', { name: 'App', format: 'env', includeSecrets: true })).ok).toBe(true);
      expect(lstatSync(link).isFile()).toBe(true);
      expect(lstatSync(link).mode & 0o777).toBe(0o600);
      expect(readFileSync(victim, 'utf8')).toBe(OLD);
    } finally {
      h.dispose();
    }
  });
});

describe('exec', () => {
  let ims: ImsEmulator;
  beforeAll(async () => {
    ims = await startImsEmulator();
  });
  afterAll(() => ims?.close());

  async function s2sWorkspace(clientId: string) {
    const w = workspace();
    ims.registerClient({ clientId, clientSecrets: [SECRET], orgId: ORG, scopes: ['openid'] });
    await ok(w.cli(['add', 'oauth-s2s', '--name', 'Exec', '--client-id', clientId, '--org-id', ORG, '--scopes', 'openid', '--ims-endpoint', ims.url, '--client-secret-stdin'], SECRET));
    return w;
  }

  it("gives the child the documented variables and its own environment, without Keysmith's unlock material", async () => {
    const w = await s2sWorkspace('exec-env');
    const printEnv = `process.stdout.write(JSON.stringify(process.env))`;
    const parentEnv = { ...w.env, KEYSMITH_RECOVERY_KEY: 'made-up-recovery-key', KEYSMITH_SOME_FUTURE_SECRET: 'future', KEYSMITH_API_KEY: 'stale-from-an-outer-exec', KEYSMITH_HTTP_TIMEOUT_MS: '30000', MY_OWN_SETTING: 'kept' };
    const result = await runCli(['exec', 'Exec', '--', process.execPath, '-e', printEnv], { env: parentEnv });
    expect(result.code, result.stderr).toBe(0);
    const child = JSON.parse(result.stdout) as Record<string, string>;
    expect(Object.keys(child).filter((k) => /^keysmith_/i.test(k)).sort()).toEqual(['KEYSMITH_ACCESS_TOKEN', 'KEYSMITH_API_KEY', 'KEYSMITH_HOME', 'KEYSMITH_HTTP_TIMEOUT_MS', 'KEYSMITH_ORG_ID']);
    expect(child).toMatchObject({ KEYSMITH_API_KEY: 'exec-env', KEYSMITH_ORG_ID: ORG, KEYSMITH_HOME: w.env.KEYSMITH_HOME, MY_OWN_SETTING: 'kept' });
    expect(child.KEYSMITH_ACCESS_TOKEN).toMatch(/^ey/);
    const all = JSON.stringify(child);
    expect(all).not.toContain(PASSPHRASE);
    expect(all).not.toContain(SECRET);
  });

  it('passes the exit code through, and a death by signal as the same signal (or 128+n where that would dump core)', async () => {
    const w = await s2sWorkspace('exec-codes');
    expect((await w.cli(['exec', 'Exec', '--', 'sh', '-c', 'exit 42'])).code).toBe(42);

    expect(await spawnCli(['exec', 'Exec', '--', 'sh', '-c', 'kill -TERM $$'], w.env).exited).toEqual({ code: null, signal: 'SIGTERM' });

    // SIGABRT would make Keysmith dump core itself: an exit code says it instead.
    expect((await w.cli(['exec', 'Exec', '--', 'sh', '-c', 'ulimit -c 0; kill -ABRT $$'])).code).toBe(128 + constants.signals.SIGABRT);
    expect((await w.cli(['exec', 'Exec', '--', 'sh', '-c', 'ulimit -c 0; kill -SEGV $$'])).code).toBe(128 + constants.signals.SIGSEGV);
  });

  it('forwards SIGTERM, SIGINT and SIGHUP to the child and exits with its answer', async () => {
    const w = await s2sWorkspace('exec-signals');
    for (const [signal, answer] of [['SIGTERM', 3], ['SIGINT', 4], ['SIGHUP', 5]] as const) {
      const ready = path.join(w.dir, `ready-${signal}`);
      const script = `process.on(${JSON.stringify(signal)}, () => process.exit(${answer})); require('fs').writeFileSync(${JSON.stringify(ready)}, ''); setInterval(() => {}, 1e9)`;
      const run = spawnCli(['exec', 'Exec', '--', process.execPath, '-e', script], w.env);
      await waitFor(() => existsSync(ready), `the child of exec to start (${signal})`);
      process.kill(run.pid, signal);
      expect(await run.exited).toEqual({ code: answer, signal: null });
    }
  });
});

describe('core dumps', () => {
  const method = coreMethod();
  let ims: ImsEmulator;
  beforeAll(async () => {
    ims = await startImsEmulator();
  });
  afterAll(() => ims?.close());

  it.runIf(method)('the core of a process holding a secret in its environment shows it: the search works', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'keysmith-core-control-'));
    const target = spawnDumpable('sleep', ['600'], { cwd, env: { ...process.env, CONTROL_SECRET: SECRET } });
    await waitFor(() => readFileSync(`/proc/${target.pid}/cmdline`, 'utf8').startsWith('sleep'), 'sleep to start');
    let core: Buffer;
    try {
      core = await takeCore(target, method!);
    } finally {
      if (method!.kind === 'gcore') process.kill(target.pid, 'SIGKILL');
    }
    expect(occurrences(core, SECRET)).toBeGreaterThan(0);
  });

  it.runIf(method)('a core of `keysmith exec` holds neither the client secret nor the passphrase', async () => {
    const w = workspace();
    ims.registerClient({ clientId: 'core-client', clientSecrets: [SECRET], orgId: ORG, scopes: ['openid'] });
    await ok(w.cli(['add', 'oauth-s2s', '--name', 'Core', '--client-id', 'core-client', '--org-id', ORG, '--scopes', 'openid', '--ims-endpoint', ims.url, '--client-secret-stdin'], SECRET));
    const cwd = path.join(w.dir, 'cwd');
    mkdirSync(cwd);
    const childPid = path.join(w.dir, 'child.pid');
    const target = spawnDumpable(process.execPath, [CLI, 'exec', 'Core', '--', 'sh', '-c', `echo $$ > ${childPid}.tmp && mv ${childPid}.tmp ${childPid} && exec sleep 600`], { cwd, env: { ...process.env, ...w.env } });
    await waitFor(() => existsSync(childPid), `the child of exec to start; output: ${target.stdout()}`);
    let core: Buffer;
    try {
      core = await takeCore(target, method!);
    } finally {
      process.kill(Number(readFileSync(childPid, 'utf8')), 'SIGKILL');
    }
    const found = { clientSecret: occurrences(core, SECRET), passphrase: occurrences(core, PASSPHRASE) };
    console.log(`core of keysmith exec (${method!.kind}, ${core.length} bytes): ${JSON.stringify(found)}`);
    expect(found).toEqual({ clientSecret: 0, passphrase: 0 });
  });

  it.runIf(method)('the command run by exec inherits the filter: its core leaves out the token in its environment too', async () => {
    const w = workspace();
    ims.registerClient({ clientId: 'core-child', clientSecrets: [SECRET], orgId: ORG, scopes: ['openid'] });
    await ok(w.cli(['add', 'oauth-s2s', '--name', 'Child', '--client-id', 'core-child', '--org-id', ORG, '--scopes', 'openid', '--ims-endpoint', ims.url, '--client-secret-stdin'], SECRET));
    const token = (await ok(w.cli(['token', 'Child']))).trim();
    const cwd = path.join(w.dir, 'cwd');
    mkdirSync(cwd);
    // The command, not Keysmith, is dumped here; it inherits the raised RLIMIT_CORE.
    const target = spawnDumpable(process.execPath, [CLI, 'exec', 'Child', '--', 'sleep', '600'], { cwd, env: { ...process.env, ...w.env } });
    const sleeper = await waitForChild(target.pid, 'sleep');
    expect(readFileSync(`/proc/${sleeper}/environ`, 'latin1')).toContain(token);
    const core = await takeCore({ pid: sleeper, cwd }, method!).finally(() => {
      try {
        process.kill(sleeper, 'SIGKILL');
      } catch {
        // died of SIGABRT already
      }
    });
    expect(occurrences(core, token)).toBe(0);
    // exec ends as its command did: 128 + SIGABRT (it does not re-raise a signal that dumps core), or SIGKILL.
    expect(await target.exited).toEqual(method!.kind === 'kernel' ? { code: 128 + constants.signals.SIGABRT, signal: null } : { code: null, signal: 'SIGKILL' });
  });
});

describe.skipIf(PTY_TOOLS === null)('hidden prompts against fast input', () => {
  it('keeps echo off from before the first prompt until after the repeat, so a paste of both answers is never shown', async () => {
    const w = workspace();
    const typed = 'pasted-passphrase-1357';
    const { code, screen } = await onTerminal(['init', '--passphrase'], { ...w.env, KEYSMITH_PASSPHRASE: undefined }, async (t) => {
      await t.waitForEchoOff();
      t.type(`${typed}\r${typed}\r`);
    });
    expect(code, screen).toBe(0);
    expect(screen).toMatch(/New vault passphrase: [\s\S]*Repeat the passphrase: /);
    expect(screen).not.toContain(typed);
    expect((await runCli(['status', '--json'], { env: { ...w.env, KEYSMITH_PASSPHRASE: typed } })).code).toBe(0);
  });

  it('has echo off whenever a prompt is on the screen', async () => {
    const w = workspace();
    await ok(w.cli(['init', '--passphrase-stdin'], PASSPHRASE));
    const { code, screen } = await onTerminal(['add', 'oauth-s2s', '--name', 'Typed', '--client-id', 'c', '--scopes', 'openid'], { ...w.env, KEYSMITH_PASSPHRASE: undefined }, async (t) => {
      await t.waitForScreen(/Vault passphrase: $/);
      expect(await t.echoes()).toBe(false);
      t.type(`${PASSPHRASE}\r`);
      await t.waitForScreen(/Client secret \(input hidden\): $/);
      expect(await t.echoes()).toBe(false);
      t.type(`${SECRET}\r`);
    });
    expect(code, screen).toBe(0);
    expect(screen).not.toContain(PASSPHRASE);
    expect(screen).not.toContain(SECRET);
    expect((await w.cli(['secret', 'Typed'])).stdout).toBe(SECRET);
  });

  it('takes a bundle passphrase and its repeat pasted at once, with Windows line ends, and shows neither', async () => {
    const w = await jwtWorkspace();
    const out = path.join(w.dir, 'team.ksb');
    const typed = 'bundle-pasted-2468';
    const { code, screen } = await onTerminal(['bundle', 'export', 'Leaky', '--out', out], w.env, async (t) => {
      await t.waitForEchoOff();
      t.type(`${typed}\r\n${typed}\r\n`);
    });
    expect(code, screen).toBe(0);
    expect(screen).not.toContain(typed);
    const other = workspace();
    await ok(other.cli(['bundle', 'import', out, '--passphrase-stdin'], typed));
    expect((await other.cli(['secret', 'Leaky'])).stdout).toBe(SECRET);
  });
});

/** The pid of `parent`'s child running `name`, once it runs. */
async function waitForChild(parent: number, name: string): Promise<number> {
  let found = 0;
  await waitFor(() => {
    for (const entry of readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        if (Number(fields[1]) === parent && stat.includes(`(${name})`)) found = Number(entry);
      } catch {
        // gone meanwhile
      }
    }
    return found !== 0;
  }, `${name} to start under ${parent}`);
  return found;
}

function spawnCli(args: string[], env: NodeJS.ProcessEnv): { pid: number; exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }> } {
  const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...env }, stdio: 'ignore' });
  return { pid: child.pid!, exited: new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal }))) };
}

async function waitFor(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      if (condition()) return;
    } catch {
      // not there yet
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
