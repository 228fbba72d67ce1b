/**
 * A writer killed mid-export (kill -9) leaves its `.NAME.<hex>-<pid>.keysmith-tmp` beside the output;
 * the next write to the same target removes it, and removes nothing a live writer, another target or
 * another user may own.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, symlinkSync, utimesSync, watch, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { STALE_TEMP_AGE_MS } from '../../electron/core/fresh-file';
import { writeOutputFile } from '../../electron/core/output-file';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const freshDir = () => mkdtempSync(path.join(tmpdir(), 'keysmith-leftovers-'));
const temps = (dir: string) => readdirSync(dir).filter((n) => n.endsWith('.keysmith-tmp'));

/**
 * Starts a writer of a 64 MiB export and SIGKILLs it the moment its temp file appears. Resolves with
 * whether it died mid-write (its temp file still there) rather than finishing first.
 */
function killMidWrite(target: string): Promise<boolean> {
  const dir = path.dirname(target);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'test', 'support', 'output-writer.ts'), target, '64'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const watcher = watch(dir, (_event, name) => {
      if (typeof name === 'string' && name.endsWith('.keysmith-tmp')) child.kill('SIGKILL');
    });
    child.on('close', (code, signal) => {
      watcher.close();
      if (signal !== 'SIGKILL' && code !== 0) reject(new Error(`the writer failed: ${err}`));
      else resolve(signal === 'SIGKILL' && temps(dir).length > 0);
    });
  });
}

describe('temp files left by a killed export', () => {
  it('are removed by the next write to the same target, which still lands whole', async () => {
    const dir = freshDir();
    const target = path.join(dir, 'private.key');
    // The writer can win the race on an idle machine: try again until one dies mid-write.
    let killed = false;
    for (let attempt = 0; attempt < 5 && !killed; attempt++) killed = await killMidWrite(target);
    expect(killed, 'a writer was SIGKILLed while its temp file existed').toBe(true);
    const left = temps(dir);
    expect(left.length).toBeGreaterThan(0);
    expect(left.every((n) => /^\.private\.key\.[0-9a-f]{12}-\d+\.keysmith-tmp$/.test(n))).toBe(true);

    await writeOutputFile(target, 'KEY\n', { mode: 0o600, overwrite: true });
    expect(temps(dir)).toEqual([]);
    expect(readFileSync(target, 'utf8')).toBe('KEY\n');
  }, 120_000);

  it('of a live writer, of another target, or not regular files are kept; an old one naming no writer is removed', async () => {
    const dir = freshDir();
    const target = path.join(dir, 'out.pem');
    // process.ppid is alive for the whole test: a writer still at work.
    const live = `.out.pem.aaaaaaaaaaaa-${process.ppid}.keysmith-tmp`;
    const otherTarget = `.out.pem.bak.bbbbbbbbbbbb-999999999.keysmith-tmp`;
    const notOurs = '.out.pem.notours.keysmith-tmp';
    const link = `.out.pem.cccccccccccc-999999999.keysmith-tmp`;
    const recentOld = '.out.pem.dddddddddddd.keysmith-tmp'; // an older version's name, no writer named: kept while young
    const staleOld = '.out.pem.eeeeeeeeeeee.keysmith-tmp';
    const deadWriter = `.out.pem.ffffffffffff-999999999.keysmith-tmp`; // pid above pid_max: no such process
    for (const n of [live, otherTarget, notOurs, recentOld, staleOld, deadWriter]) writeFileSync(path.join(dir, n), 'half');
    writeFileSync(path.join(dir, 'victim'), 'kept');
    symlinkSync(path.join(dir, 'victim'), path.join(dir, link));
    const longAgo = (Date.now() - STALE_TEMP_AGE_MS - 60_000) / 1000;
    utimesSync(path.join(dir, staleOld), longAgo, longAgo);

    await writeOutputFile(target, 'PEM\n', { mode: 0o600, overwrite: false });
    expect(temps(dir).sort()).toEqual([live, otherTarget, notOurs, link, recentOld].sort());
    expect(readFileSync(path.join(dir, 'victim'), 'utf8')).toBe('kept');
  });

  it('older than the safe age are removed even when their pid is running again', async () => {
    const dir = freshDir();
    const target = path.join(dir, 'cert.pem');
    const reused = `.cert.pem.abcdefabcdef-${process.ppid}.keysmith-tmp`;
    writeFileSync(path.join(dir, reused), 'half');
    const longAgo = (Date.now() - STALE_TEMP_AGE_MS - 60_000) / 1000;
    utimesSync(path.join(dir, reused), longAgo, longAgo);
    await writeOutputFile(target, 'CERT\n', { mode: 0o644, overwrite: false });
    expect(temps(dir)).toEqual([]);
  });
});
