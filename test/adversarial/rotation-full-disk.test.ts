/**
 * A full disk at the worst moment of a secret rotation: Adobe has just added a secret (its value is
 * shown once) and the vault write that should keep it fails with ENOSPC. The data folder is on a
 * real tmpfs, filled by the emulator's request hook the instant the add request arrives, so the
 * add itself succeeds at "Adobe" and only the write after it meets the full disk. Afterwards: one
 * sentence, no secret printed, the vault whole and still holding the secret in use (which still
 * mints), no temp or lock files left, and a re-run once there is room finishes the rotation.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startImsEmulator, type ImsEmulator } from '../support/ims-emulator';
import { CLIENT, FIRST_SECRET, mintsAt, rotationFixture, storedSecrets } from '../support/rotation-fixture';
import { requirement } from '../support/requirements';
import type { CliResult } from '../support/cli';

let ims: ImsEmulator | undefined;
let mountPoint: string | null = null;
afterEach(async () => {
  await ims?.close();
  ims = undefined;
  if (mountPoint) spawnSync('umount', [mountPoint]);
  mountPoint = null;
});

/** A fresh 1 MiB tmpfs, or null after printing why the test skips (mount needs CAP_SYS_ADMIN). */
function tmpfs(): string | null {
  const point = mkdtempSync(path.join(tmpdir(), 'keysmith-rotfull-'));
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m,mode=0700', 'tmpfs', point], { encoding: 'utf8' });
  const problem = r.status === 0 ? null : `cannot mount a tmpfs (${(r.stderr || String(r.error)).trim()}): needs root with CAP_SYS_ADMIN`;
  if (!requirement('rotation on a full disk', problem)) return null;
  mountPoint = point;
  return point;
}

/** Appends pages to `file` until the file system refuses with ENOSPC. */
function fill(file: string): void {
  const page = Buffer.alloc(4096, 1);
  writeFileSync(file, '');
  for (;;) {
    try {
      writeFileSync(file, page, { flag: 'a' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
      return;
    }
  }
}



function expectOneSentence(result: CliResult, values: string[]): void {
  expect(result.code).toBe(1);
  expect(result.stderr.trim().split('\n'), result.stderr).toHaveLength(1);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  for (const value of values) expect(result.stdout + result.stderr).not.toContain(value);
}

const debris = (dir: string) => readdirSync(dir).filter((n) => /\.lock$|\.tmp|tmp-|baktmp/.test(n));
const isAdd = (r: { method: string; path: string }) => r.method === 'POST' && /\/secrets$/.test(r.path);

describe('a full disk during rotate-secret', () => {
  it('loses nothing when the vault write after Adobe adds a secret fails; a re-run with room finishes', { timeout: 180_000 }, async (ctx) => {
    const point = tmpfs();
    if (!point) return ctx.skip();
    ims = await startImsEmulator();
    const dir = path.join(point, 'data');
    mkdirSync(dir, { mode: 0o700 });
    const f = await rotationFixture(ims, { dir });
    const passphrase = f.env.KEYSMITH_PASSPHRASE!;
    const filler = path.join(point, 'filler');

    // The hook runs as the add request arrives, before the emulator adds the secret and answers it.
    let adds = 0;
    void ims.intercept((r) => {
      if (isAdd(r) && ++adds === 1) fill(filler);
      return false;
    }, {});

    const full = await f.cli(['rotate-secret', 'Rotating']);
    expect(adds).toBe(1);
    const added = ims.secretsOf(CLIENT).map((s) => s.value).filter((v) => v !== FIRST_SECRET);
    expect(added).toHaveLength(1);
    expectOneSentence(full, [FIRST_SECRET, ...added]);
    expect(full.stderr).toMatch(/Adobe added client secret .* could not be saved in the vault .*disk is full \(ENOSPC\).*the secret in use is unchanged/);

    // The vault is whole, holds the secret in use, which still mints; nothing half-written is left.
    expect(await storedSecrets(dir, passphrase)).toEqual({ secrets: [FIRST_SECRET], step: 'adding' });
    expect(await mintsAt(ims!, FIRST_SECRET)).toBe(true);
    expect(debris(dir)).toEqual([]);

    // Still full: a re-run fails the same clean way and never leaves Adobe with more than two secrets.
    const again = await f.cli(['rotate-secret', 'Rotating']);
    expectOneSentence(again, [FIRST_SECRET, ...ims.secretsOf(CLIENT).map((s) => s.value)]);
    expect(ims.secretsOf(CLIENT).length).toBeLessThanOrEqual(2);
    expect((await storedSecrets(dir, passphrase)).secrets).toEqual([FIRST_SECRET]);
    expect(await mintsAt(ims!, FIRST_SECRET)).toBe(true);
    expect(debris(dir)).toEqual([]);

    // Room again: the same command finishes, the unsaved secret is gone at Adobe, the new one is in use.
    rmSync(filler);
    const rerun = await f.cli(['rotate-secret', 'Rotating']);
    expect(rerun.code, rerun.stderr).toBe(0);
    const atAdobe = ims.secretsOf(CLIENT);
    expect(atAdobe.map((s) => s.value)).toContain(FIRST_SECRET);
    expect(atAdobe).toHaveLength(2);
    const newValue = atAdobe.find((s) => s.value !== FIRST_SECRET)!.value;
    expect(await storedSecrets(dir, passphrase)).toEqual({ secrets: [newValue, FIRST_SECRET], step: 'switched' });
    expect(await mintsAt(ims!, newValue)).toBe(true);

    const finished = await f.cli(['rotate-secret', 'Rotating', '--finish']);
    expect(finished.code, finished.stderr).toBe(0);
    expect(ims.secretsOf(CLIENT).map((s) => s.value)).toEqual([newValue]);
    expect(await storedSecrets(dir, passphrase)).toEqual({ secrets: [newValue], step: undefined });
    expect(debris(dir)).toEqual([]);
  });
});
