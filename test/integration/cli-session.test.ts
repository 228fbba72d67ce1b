/**
 * Sessions for passphrase vaults (`eval "$(keysmith unlock)"`, core/vault-session.ts): the
 * passphrase is typed once; the session key lives only in the shell's environment and the file
 * beside the vault holds the data key sealed under it. Tried as an attacker would: the key is in no
 * file, an edited expiry or a file from another vault opens nothing, a locked or expired session
 * opens nothing, `exec` does not pass the session on.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { runCli, tempDataDir } from '../support/cli';
import { PTY_TOOLS, onTerminal } from '../support/pty';

const PASSPHRASE = 'correct horse battery staple';
let dir: string;
const noPassphrase = () => ({ KEYSMITH_HOME: dir, KEYSMITH_PASSPHRASE: undefined, KEYSMITH_SESSION: undefined });

async function passphraseVault(home: string): Promise<void> {
  const env = { KEYSMITH_HOME: home, KEYSMITH_PASSPHRASE: PASSPHRASE };
  expect((await runCli(['init'], { env })).code).toBe(0);
  expect((await runCli(['add', 'apikey', '--name', 'Stock', '--client-id', 'stock-key'], { env })).code).toBe(0);
}

/** `eval "$(keysmith unlock --passphrase-stdin)"`, as a script would run it: the token from the export line. */
async function unlock(extra: string[] = []): Promise<string> {
  const result = await runCli(['unlock', '--passphrase-stdin', ...extra], { env: noPassphrase(), input: PASSPHRASE });
  expect(result.code, result.stderr).toBe(0);
  const match = /^export KEYSMITH_SESSION='(ks1\.[0-9a-f]{32}\.[A-Za-z0-9_-]{43})'\n$/.exec(result.stdout);
  expect(match, result.stdout).not.toBeNull();
  expect(result.stderr).toMatch(/Session started; it ends at \d{4}-\d\d-\d\d \d\d:\d\d/);
  return match![1]!;
}

const sessionFiles = () => readdirSync(dir).filter((n) => n.startsWith('session-'));

beforeEach(async () => {
  dir = tempDataDir();
  await passphraseVault(dir);
});

describe('keysmith unlock and lock', () => {
  it('opens the vault without the passphrase until locked', async () => {
    expect((await runCli(['list'], { env: noPassphrase() })).code).toBe(1);
    const token = await unlock();
    const listed = await runCli(['list'], { env: { ...noPassphrase(), KEYSMITH_SESSION: token } });
    expect(listed).toMatchObject({ code: 0, stdout: 'Stock\tapiKey\tstock-key\t-\n' });
    const status = await runCli(['status'], { env: { ...noPassphrase(), KEYSMITH_SESSION: token } });
    expect(status.stdout).toMatch(/^Session: until \d{4}-\d\d-\d\d \d\d:\d\d/m);

    const locked = await runCli(['lock'], { env: { ...noPassphrase(), KEYSMITH_SESSION: token } });
    expect(locked).toMatchObject({ code: 0, stdout: 'unset KEYSMITH_SESSION\n' });
    expect(sessionFiles()).toEqual([]);
    const after = await runCli(['list'], { env: { ...noPassphrase(), KEYSMITH_SESSION: token } });
    expect(after.code).toBe(1);
    expect(after.stderr).toMatch(/KEYSMITH_SESSION does not open it \(the session was ended/);
  });

  it('keeps the session key in no file: the file holds only ciphertext, private to the user', async () => {
    const token = await unlock();
    const key = Buffer.from(token.split('.')[2]!, 'base64url');
    const [file] = sessionFiles();
    expect(statSync(path.join(dir, file!)).mode & 0o777).toBe(0o600);
    for (const name of readdirSync(dir)) {
      const bytes = readFileSync(path.join(dir, name));
      expect(bytes.includes(key), name).toBe(false);
      expect(bytes.includes(Buffer.from(token.split('.')[2]!)), name).toBe(false);
      expect(bytes.includes(Buffer.from(key.toString('base64'))), name).toBe(false);
    }
  });

  it('an edited expiry, a wrong key or a session of another vault opens nothing', async () => {
    const token = await unlock(['--minutes', '1']);
    const file = path.join(dir, sessionFiles()[0]!);
    const original = readFileSync(file, 'utf8');
    const record = JSON.parse(original) as { expiresAt: number };
    // Pushing the expiry out: the expiry is sealed in, so the file no longer opens.
    writeFileSync(file, JSON.stringify({ ...record, expiresAt: record.expiresAt + 3_600_000 }), { mode: 0o600 });
    const extended = await runCli(['list'], { env: { ...noPassphrase(), KEYSMITH_SESSION: token } });
    expect(extended.code).toBe(1);
    expect(extended.stderr).toMatch(/the session key does not open its file/);

    writeFileSync(file, original, { mode: 0o600 });
    const forged = `${token.slice(0, -4)}AAAA`;
    expect((await runCli(['list'], { env: { ...noPassphrase(), KEYSMITH_SESSION: forged } })).code).toBe(1);

    const other = tempDataDir();
    await passphraseVault(other);
    const moved = await runCli(['list'], { env: { KEYSMITH_HOME: other, KEYSMITH_PASSPHRASE: undefined, KEYSMITH_SESSION: token } });
    expect(moved.code).toBe(1);
    expect(moved.stderr).toMatch(/the session was ended, or belongs to another data folder/);
  });

  it('an expired session opens nothing and its file is deleted', async () => {
    const token = await unlock();
    const file = path.join(dir, sessionFiles()[0]!);
    const record = JSON.parse(readFileSync(file, 'utf8')) as { expiresAt: number };
    writeFileSync(file, JSON.stringify({ ...record, expiresAt: Date.now() - 1 }), { mode: 0o600 });
    const result = await runCli(['list'], { env: { ...noPassphrase(), KEYSMITH_SESSION: token } });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/the session has expired/);
    expect(sessionFiles()).toEqual([]);
  });

  it('lock --all ends every session; exec does not hand the session to its command', async () => {
    const first = await unlock();
    await unlock(['--minutes', '720']);
    const seen = await runCli(['exec', 'Stock', '--', process.execPath, '-e', 'process.stdout.write(String(process.env.KEYSMITH_SESSION))'], { env: { ...noPassphrase(), KEYSMITH_SESSION: first } });
    expect(seen).toMatchObject({ code: 0, stdout: 'undefined' });
    const all = await runCli(['lock', '--all'], { env: noPassphrase() });
    expect(all.code).toBe(0);
    expect(all.stderr).toBe('Ended 2 sessions.\n');
    expect(sessionFiles()).toEqual([]);
  });

  it('refuses a session longer than 12 hours, and makes none with a wrong passphrase', async () => {
    const tooLong = await runCli(['unlock', '--passphrase-stdin', '--minutes', '721'], { env: noPassphrase(), input: PASSPHRASE });
    expect(tooLong.code).toBe(2);
    const wrong = await runCli(['unlock', '--passphrase-stdin'], { env: noPassphrase(), input: 'not the passphrase' });
    expect(wrong.code).toBe(1);
    expect(sessionFiles()).toEqual([]);
  });

  it.skipIf(PTY_TOOLS === null)('asks for the passphrase on the terminal, hidden, and prints the line to eval', async () => {
    const { code, screen } = await onTerminal(['unlock', '--shell', 'fish'], noPassphrase(), async (t) => {
      await t.waitForEchoOff();
      t.type(`${PASSPHRASE}\r`);
    });
    expect(code, screen).toBe(0);
    expect(screen).not.toContain(PASSPHRASE);
    expect(screen).toMatch(/set -gx KEYSMITH_SESSION 'ks1\.[0-9a-f]{32}\.[A-Za-z0-9_-]{43}'/);
    expect(screen).toMatch(/To use it, run this command as: eval "\$\(keysmith unlock\)"/);
  });
});

describe('hostile session files', () => {
  it('a session file swapped for a symlink or a huge file is refused in one line, and opens nothing', async () => {
    const { symlinkSync, unlinkSync, writeFileSync: write } = await import('node:fs');
    const token = await unlock();
    const file = path.join(dir, sessionFiles()[0]!);
    const elsewhere = path.join(tempDataDir(), '..', 'elsewhere.kss');
    write(elsewhere, readFileSync(file));
    unlinkSync(file);
    symlinkSync(elsewhere, file);
    const linked = await runCli(['list'], { env: { ...noPassphrase(), KEYSMITH_SESSION: token } });
    expect(linked.code).toBe(1);
    expect(linked.stderr.trim().split('\n')).toHaveLength(1);
    expect(linked.stderr).not.toMatch(/\n\s+at /);
    expect(linked.stdout).toBe('');

    unlinkSync(file);
    write(file, Buffer.alloc(1024 * 1024, 0x7b), { mode: 0o600 });
    const huge = await runCli(['list'], { env: { ...noPassphrase(), KEYSMITH_SESSION: token } });
    expect(huge.code).toBe(1);
    expect(huge.stderr.trim().split('\n')).toHaveLength(1);
    expect(huge.stdout).toBe('');
  });
});
