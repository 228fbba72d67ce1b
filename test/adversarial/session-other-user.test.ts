/**
 * `eval "$(keysmith unlock)"` against a second local user, and against forged session files. The
 * second user is real: as root the CLI is run through `setpriv` as `nobody` (uid 65534); without
 * root those tests skip and say why. The data folder's parent is opened to everyone (0755), so the
 * only barriers under test are Keysmith's own: the folder and file modes it makes and the ownership
 * checks it does. In every refusal: one line, no stack, nothing from the vault printed.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, copyFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { CLI, runCli, type CliResult } from '../support/cli';
import { childResult } from '../support/child-result';
import { findTool, requirement } from '../support/requirements';

const PASSPHRASE = 'second user session tests';
const NOBODY = 65534;
const IS_ROOT = process.getuid?.() === 0;
const SETPRIV = findTool('setpriv');
const secondUser = requirement(
  'second-user session tests',
  !IS_ROOT ? 'dropping to a second uid (nobody) needs root; run as root (CI does)' : SETPRIV ? null : '`setpriv` is not installed (apt-get install util-linux)',
  // Not root is a property of the runner, not something .ci/run installs: a printed skip everywhere.
  { requiredWhen: IS_ROOT },
);

let dir: string;
const env = (extra: NodeJS.ProcessEnv = {}) => ({ KEYSMITH_HOME: dir, KEYSMITH_PASSPHRASE: undefined, KEYSMITH_SESSION: undefined, ...extra });

/** A data folder under a parent everyone may enter, with a passphrase vault holding "Stock". */
async function passphraseVault(owner?: number): Promise<string> {
  const parent = mkdtempSync(path.join(tmpdir(), 'keysmith-2user-'));
  chmodSync(parent, 0o755);
  const home = path.join(parent, 'data');
  if (owner !== undefined) {
    mkdirSync(home, { mode: 0o700 });
    chownSync(home, owner, owner);
  }
  const run = (args: string[], input?: string) => (owner === undefined ? runCli(args, { env: { KEYSMITH_HOME: home, KEYSMITH_PASSPHRASE: PASSPHRASE }, input }) : asNobody(args, { KEYSMITH_HOME: home, KEYSMITH_PASSPHRASE: PASSPHRASE }, input));
  for (const args of [['init'], ['add', 'apikey', '--name', 'Stock', '--client-id', 'stock-key-0123']]) {
    const r = await run(args);
    expect(r.code, r.stderr).toBe(0);
  }
  return home;
}

/**
 * The built CLI copied where nobody can read it: the checkout may live under a home only root can
 * enter (CI clones wherever it likes). A passphrase vault needs no module beside the bundle.
 */
let nobodysCli: string | undefined;
function cliForNobody(): string {
  if (nobodysCli === undefined) {
    const copy = mkdtempSync(path.join(tmpdir(), 'keysmith-2user-cli-'));
    // bin/keysmith.mjs only launches the bundle in dist/cli: the bundle is what is copied.
    cpSync(path.join(path.dirname(CLI), '..', 'dist', 'cli'), copy, { recursive: true });
    for (const entry of [copy, ...readdirSync(copy, { recursive: true }).map((name) => path.join(copy, String(name)))]) {
      chmodSync(entry, statSync(entry).isDirectory() ? 0o755 : 0o644);
    }
    nobodysCli = path.join(copy, 'cli.mjs');
  }
  return nobodysCli;
}

/** The built CLI as uid/gid 65534 with no supplementary groups, from a folder it may enter. */
function asNobody(args: string[], extraEnv: NodeJS.ProcessEnv, input?: string): Promise<CliResult> {
  const child = spawn(SETPRIV!, [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', '--', process.execPath, cliForNobody(), ...args], {
    cwd: '/',
    env: { ...process.env, HOME: '/nonexistent', KEYSMITH_PASSPHRASE: undefined, KEYSMITH_SESSION: undefined, ...extraEnv },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  return childResult(child, input);
}

async function unlock(home: string, owner?: number): Promise<string> {
  const e = { KEYSMITH_HOME: home, KEYSMITH_PASSPHRASE: undefined };
  const r = owner === undefined ? await runCli(['unlock', '--passphrase-stdin'], { env: e, input: PASSPHRASE }) : await asNobody(['unlock', '--passphrase-stdin'], e, PASSPHRASE);
  expect(r.code, r.stderr).toBe(0);
  return /KEYSMITH_SESSION='([^']+)'/.exec(r.stdout)![1]!;
}

const sessionFile = (home: string) => path.join(home, readdirSync(home).find((n) => n.startsWith('session-'))!);

function refusedInOneLine(r: CliResult, pattern: RegExp): void {
  expect(r.code, r.stdout + r.stderr).toBe(1);
  expect(r.stderr.trim().split('\n'), r.stderr).toHaveLength(1);
  expect(r.stderr).toMatch(pattern);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.stdout).toBe('');
  expect(r.stderr).not.toContain('stock-key-0123');
}

beforeEach(async () => {
  dir = await passphraseVault();
});

describe.skipIf(!secondUser)('a second local user (nobody) against a session', () => {
  it('cannot read the session file or use a leaked KEYSMITH_SESSION, even with the data folder opened to reading', async () => {
    const token = await unlock(dir);
    const file = sessionFile(dir);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(file).mode & 0o777).toBe(0o600);

    // The folder as Keysmith made it: the other user cannot even look in.
    refusedInOneLine(await asNobody(['list'], { KEYSMITH_HOME: dir, KEYSMITH_SESSION: token }), /belongs to another user|permission denied|EACCES/i);

    // Opened to reading by its owner (0755, which Keysmith accepts): the session file stays private.
    chmodSync(dir, 0o755);
    const cat = spawnSync(SETPRIV!, [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', '--', 'cat', file], { encoding: 'utf8' });
    expect(cat.status).not.toBe(0);
    expect(cat.stderr).toMatch(/Permission denied/);
    refusedInOneLine(await asNobody(['list'], { KEYSMITH_HOME: dir, KEYSMITH_SESSION: token }), /belongs to another user/);
    // The owner's own session still works.
    const mine = await runCli(['list'], { env: env({ KEYSMITH_SESSION: token }) });
    expect(mine.code, mine.stderr).toBe(0);
    expect(mine.stdout).toContain('Stock');
  });

  it('refuses a session file another user owns, although it holds a valid session', async () => {
    const token = await unlock(dir);
    const file = sessionFile(dir);
    // What another user would plant, given a way in: the very bytes of a working session, but theirs.
    chownSync(file, NOBODY, NOBODY);
    refusedInOneLine(await runCli(['list'], { env: env({ KEYSMITH_SESSION: token }) }), /belongs to another user \(uid 65534/);

    // Or a symlink to a file of theirs.
    const theirs = path.join(path.dirname(dir), 'theirs.kss');
    copyFileSync(file, theirs);
    chownSync(theirs, NOBODY, NOBODY);
    unlinkSync(file);
    symlinkSync(theirs, file);
    refusedInOneLine(await runCli(['list'], { env: env({ KEYSMITH_SESSION: token }) }), /symbolic link/);
  });

  it('refuses a data folder other users may write, where a session file could be planted', async () => {
    const token = await unlock(dir);
    chmodSync(dir, 0o733);
    refusedInOneLine(await runCli(['list'], { env: env({ KEYSMITH_SESSION: token }) }), /can be written by other users \(mode 733\)/);
    chmodSync(dir, 0o700);
    expect((await runCli(['list'], { env: env({ KEYSMITH_SESSION: token }) })).code).toBe(0);
  });

  it('will not open another user’s vault and session that KEYSMITH_HOME and KEYSMITH_SESSION point at', async () => {
    const theirs = await passphraseVault(NOBODY);
    const theirToken = await unlock(theirs, NOBODY);
    expect(statSync(sessionFile(theirs)).uid).toBe(NOBODY);
    // Root could read those files; Keysmith refuses them, so nobody can hand a root shell a vault to trust.
    const r = await runCli(['list'], { env: { KEYSMITH_HOME: theirs, KEYSMITH_PASSPHRASE: undefined, KEYSMITH_SESSION: theirToken } });
    refusedInOneLine(r, /belongs to another user \(uid 65534/);
  });
});

describe('a session file planted by the same user', () => {
  it('with a forged key is refused in one line, opens nothing, and the real session keeps working', async () => {
    const token = await unlock(dir);
    const real = JSON.parse(readFileSync(sessionFile(dir), 'utf8')) as Record<string, unknown>;
    // A file shaped like the real one (same vault id, a long expiry), sealed under nothing Keysmith made.
    const id = randomBytes(16).toString('hex');
    const planted = path.join(dir, `session-${id}.kss`);
    writeFileSync(planted, JSON.stringify({ ...real, expiresAt: Date.now() + 3_600_000, nonce: randomBytes(12).toString('base64'), sealed: randomBytes(48).toString('base64') }), { mode: 0o600 });
    const forged = `ks1.${id}.${randomBytes(32).toString('base64url')}`;
    refusedInOneLine(await runCli(['list'], { env: env({ KEYSMITH_SESSION: forged }) }), /^keysmith: .*KEYSMITH_SESSION does not open it \(the session key does not open its file/);

    // The real session's id with a forged key.
    const wrongKey = `${token.split('.').slice(0, 2).join('.')}.${randomBytes(32).toString('base64url')}`;
    refusedInOneLine(await runCli(['list'], { env: env({ KEYSMITH_SESSION: wrongKey }) }), /the session key does not open its file/);

    // Not a token at all, with shell and terminal characters in it.
    refusedInOneLine(await runCli(['list'], { env: env({ KEYSMITH_SESSION: 'ks1.../../vault.ksv.\u001b[2J$(id)' }) }), /KEYSMITH_SESSION is not a Keysmith session/);

    const mine = await runCli(['list'], { env: env({ KEYSMITH_SESSION: token }) });
    expect(mine.code, mine.stderr).toBe(0);
    expect(mine.stdout).toContain('Stock');
  });
});
