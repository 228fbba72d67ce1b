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
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Vault } from '../../electron/core/vault';
import { resolveAppPath } from '../../electron/app-protocol';
import { noKeychain } from '../integration/ipc-harness';
import { CLI, runCli, tempDataDir } from '../support/cli';
import { bulkApiKeys, writeRawIntegrations } from '../support/raw-vault';

const PASSPHRASE = 'resource errors passphrase';
const RECOVERY_KEY = /\b[0-9A-Z]{4}(?:-[0-9A-Z]{4}){12}\b/;

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
    expect(lines).toHaveLength(150_001);
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
    expect(run.stdoutSeen).toMatch(/^NAME\s+KIND/);
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
