/**
 * `keysmith token` paused (SIGSTOP) while it holds its integration's mint lock, mid-request to the
 * token endpoint: the emulator stops the CLI the instant its token request arrives, then answers
 * it (the answer waits in the paused process's socket). A second `keysmith token` must either wait
 * and then share the first one's token, or give up after the documented bound (90 s, README "The
 * cache and retries") with one sentence; it must never mint a second token behind the lock's back
 * or leave a torn cache. The holder, resumed, finishes normally.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { processState } from '../support/process-state';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI, type CliResult } from '../support/cli';
import { childResult } from '../support/child-result';
import { startImsEmulator, type ImsEmulator } from '../support/ims-emulator';
import { rotationFixture, type RotationFixture } from '../support/rotation-fixture';
import { waitFor } from '../support/wait-for';

let ims: ImsEmulator | undefined;
const stopped: number[] = [];
afterEach(async () => {
  // A failed test must not leave a stopped process behind.
  for (const pid of stopped.splice(0)) {
    try {
      process.kill(pid, 'SIGCONT');
    } catch {
      // already gone
    }
  }
  await ims?.close();
  ims = undefined;
});


const isMint = (r: { method: string; path: string }) => r.method === 'POST' && r.path.startsWith('/ims/token');
const mints = () => ims!.requests.filter(isMint).length;
const mintLocks = (dir: string) => readdirSync(dir).filter((n) => /^tokens-.*\.lock$/.test(n));

function startToken(f: RotationFixture): { pid: number; done: Promise<CliResult> } {
  const child = spawn(process.execPath, [CLI, 'token', 'Rotating'], { env: { ...process.env, ...f.env }, stdio: ['pipe', 'pipe', 'pipe'] });
  return { pid: child.pid!, done: childResult(child) };
}

/** A `keysmith token` stopped by SIGSTOP as its token request reaches the emulator, holding the mint lock. */
async function pausedHolder(f: RotationFixture): Promise<{ pid: number; done: Promise<CliResult> }> {
  let pid = 0;
  let caught = false;
  // The hook stops the CLI and lets the request through untouched (it never claims it).
  void ims!.intercept((r) => {
    if (isMint(r) && pid && !caught) {
      caught = true;
      process.kill(pid, 'SIGSTOP');
      stopped.push(pid);
    }
    return false;
  }, {});
  const first = startToken(f);
  pid = first.pid;
  await waitFor(() => processState(first.pid) === 'T', { what: 'the first keysmith token stopped inside its mint', timeoutMs: 60_000 });
  const [lock] = mintLocks(f.dir);
  expect(lock, 'the paused process holds the mint lock').toBeDefined();
  expect(JSON.parse(readFileSync(`${f.dir}/${lock}`, 'utf8'))).toMatchObject({ pid: first.pid });
  return first;
}

function oneSentence(r: CliResult): void {
  expect(r.stderr.trim().split('\n'), r.stderr).toHaveLength(1);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

describe('keysmith token paused while it holds the mint lock', () => {
  it('a second one waits for it and hands over the same token, with one request to the endpoint', { timeout: 180_000 }, async () => {
    ims = await startImsEmulator();
    const f = await rotationFixture(ims);
    const before = mints();
    const first = await pausedHolder(f);
    const second = startToken(f);
    // Whether the second is already waiting on the lock or not yet there, it must not mint.
    process.kill(first.pid, 'SIGCONT');
    const [a, b] = await Promise.all([first.done, second.done]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    expect(b.stdout).toBe(a.stdout);
    expect(mints() - before).toBe(1);
    expect(mintLocks(f.dir)).toEqual([]);
  });

  it('a second one gives up after the documented bound in one sentence, mints nothing, and the holder then finishes', { timeout: 300_000 }, async () => {
    ims = await startImsEmulator();
    const f = await rotationFixture(ims);
    const before = mints();
    const first = await pausedHolder(f);
    const second = await startToken(f).done;
    expect(second.code).toBe(1);
    oneSentence(second);
    // It names the holder the lock file gives, as the vault lock's message does.
    expect(second.stderr).toContain(`another Keysmith process (pid ${first.pid}) has been getting this token for 90 s without finishing: try again, or check that process`);
    expect(second.stdout).toBe('');
    expect(mints() - before).toBe(1);

    process.kill(first.pid, 'SIGCONT');
    const resumed = await first.done;
    expect(resumed.code, resumed.stderr).toBe(0);
    // Its own request timer ran out while it was stopped, so it may have asked once more: its
    // business, under its lock. The cache is whole: the next call is served from it, asking nothing.
    const afterResume = mints();
    const third = await f.cli(['token', 'Rotating', '--format', 'json']);
    expect(third.code, third.stderr).toBe(0);
    expect(JSON.parse(third.stdout)).toMatchObject({ accessToken: resumed.stdout.trim(), fromCache: true });
    expect(mints()).toBe(afterResume);
    expect(mintLocks(f.dir)).toEqual([]);
  });
});
