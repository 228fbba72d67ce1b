/**
 * How long a writer waits before it takes over a lock its holder left behind, beside the anchor of
 * taking a free lock:
 *
 *   node --import tsx bench/lock-takeover.ts [runs=9]
 *
 * - dead pid: a lock naming a process that has exited (a writer killed mid-update);
 * - empty, an hour old: what a crash or a full disk left long ago;
 * - empty, just written: debris is only taken over once a few seconds old (locks are created complete,
 *   so an unreadable one is never a lock being written; the wait covers clocks and slow file systems).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { acquireLock } from '../electron/core/file-lock';
import { ms, printTable } from './measure';

function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '']).pid!;
}

type Plant = (file: string) => void;

const cases: [string, Plant][] = [
  ['no lock (anchor)', () => undefined],
  ['lock of a dead pid', (file) => writeFileSync(file, JSON.stringify({ pid: deadPid(), host: hostname(), at: Date.now(), token: 'dead' }))],
  [
    'empty lock, an hour old',
    (file) => {
      writeFileSync(file, '');
      const old = Date.now() / 1000 - 3600;
      utimesSync(file, old, old);
    },
  ],
  ['garbage lock, just written', (file) => writeFileSync(file, 'garbage')],
];

async function timeTakeover(plant: Plant, runs: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'keysmith-bench-lock-')), 'vault.lock');
    plant(file);
    const start = performance.now();
    const release = await acquireLock(file, 30_000);
    times.push(performance.now() - start);
    await release();
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

export async function benchLockTakeover(runs: number): Promise<void> {
  const rows: string[][] = [];
  for (const [name, plant] of cases) rows.push([name, ms(await timeTakeover(plant, runs))]);
  printTable(`Taking over a lock left behind (acquireLock, median of ${runs})`, ['lock found', 'wait until acquired'], rows);
}

if (require.main === module) {
  benchLockTakeover(Number(process.argv[2] ?? 9)).catch((err: unknown) => {
    console.error(`bench failed: ${(err as Error).message}`);
    process.exit(1);
  });
}
