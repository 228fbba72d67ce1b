/**
 * A writer can die at any instruction (SIGKILL, power button, OOM killer). The vault promises that a
 * write it acknowledged survives and that the file always opens. Here real writer processes are
 * killed at random moments (during start-up, during scrypt, in the middle of updates) and after
 * every kill the vault is opened with the passphrase and checked against what was acknowledged.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { deriveFromPassphrase } from '../../electron/core/crypto-primitives';
import { vaultPaths } from '../../electron/core/data-dir';
import type { Keychain } from '../../electron/core/keychain';
import { Vault } from '../../electron/core/vault';
import type { VaultDocument } from '../../electron/core/vault-document';
import { decryptBody, findWrap, parseVault, unwrapDataKey } from '../../electron/core/vault-envelope';
import { tempDataDir } from '../support/cli';
import { bundleVaultWriter } from '../support/vault-writer-bundle';

const PASSPHRASE = 'crash-safety passphrase';
const TARGET_ACKED = 300;
// Enough kills to land in every phase of an update; each round costs ~1.5 s on 2 cores (start-up,
// the writer's scrypt, the check's scrypt), so the cap keeps an idle one under ~2 minutes; a loaded
// one takes several times that, hence the test's own timeout.
const MIN_ROUNDS = 30;
const MAX_ROUNDS = 80;
const refuse = (): never => {
  throw new Error('the keychain must not be used for a passphrase vault');
};
const noKeychain: Keychain = { get: refuse, set: refuse, delete: refuse };
const byPassphrase = async () => ({ method: 'passphrase' as const, passphrase: PASSPHRASE });

// The writer bundled once (vault-writer-bundle.ts), not started through tsx for every child.
let writerScript: string;
beforeAll(async () => {
  writerScript = await bundleVaultWriter();
});

/** Seeded, so a failing run's kill schedule can be read back from the seed in its message. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type KillPlan = { afterSpawnMs: number } | { afterFirstOkMs: number } | { whenPrinted: string } | 'never';

interface WriterRun {
  acked: string[];
  printed: string[];
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  pid: number;
}

/** Runs the writer and SIGKILLs it as planned; resolves once it is gone, with every complete line it printed. */
function runWriter(dir: string, prefix: string, count: number, plan: KillPlan, extraArgs: string[] = []): Promise<WriterRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [writerScript, dir, prefix, String(count), ...extraArgs], {
      env: { ...process.env, KEYSMITH_PASSPHRASE: PASSPHRASE },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    const kill = () => child.kill('SIGKILL');
    // A writer that never gets going must not hang the test: kill it, and the checks below fail.
    const guard = setTimeout(kill, 30_000);
    if (typeof plan === 'object' && 'afterSpawnMs' in plan) timer = setTimeout(kill, plan.afterSpawnMs);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (typeof plan === 'object' && 'afterFirstOkMs' in plan && timer === undefined && out.includes('ok ')) {
        timer = setTimeout(kill, plan.afterFirstOkMs);
      }
      if (typeof plan === 'object' && 'whenPrinted' in plan && out.includes(`${plan.whenPrinted}\n`)) kill();
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(guard);
      clearTimeout(timer);
      // Only complete lines count: a torn last line was never fully acknowledged.
      const printed = out.split('\n').slice(0, -1);
      const acked = printed.filter((l) => l.startsWith('ok ')).map((l) => l.slice(3));
      resolve({ acked, printed, code, signal, stderr, pid: child.pid! });
    });
  });
}

async function dataKeyOf(dir: string): Promise<Buffer> {
  const parsed = parseVault(await readFile(vaultPaths(dir).vault), 'vault');
  const wrap = findWrap(parsed.header, 'passphrase')!;
  const kek = await deriveFromPassphrase(PASSPHRASE, Buffer.from(wrap.kdf.salt, 'base64'), wrap.kdf);
  return unwrapDataKey(parsed.header.vaultId, wrap, kek)!;
}

/** Names present per writer prefix, as sorted indices. */
function indicesByPrefix(doc: Readonly<VaultDocument>): Map<string, number[]> {
  const byPrefix = new Map<string, number[]>();
  for (const { name } of doc.integrations) {
    const m = /^(.+)-(\d+)$/.exec(name);
    expect(m, `unexpected integration name ${name}`).not.toBeNull();
    const list = byPrefix.get(m![1]!) ?? [];
    list.push(Number(m![2]));
    byPrefix.set(m![1]!, list);
  }
  for (const list of byPrefix.values()) list.sort((a, b) => a - b);
  return byPrefix;
}

/**
 * What must hold after any kill: the vault opens with the passphrase (no tamper error), holds every
 * acknowledged name, and each writer's names are a gap-free run 0..m-1 with at most one write
 * beyond what it acknowledged (the one it finished but was killed before printing). The backup is
 * a readable generation, the same as or just before the current one.
 */
async function expectVaultHolds(dir: string, ackedByPrefix: Map<string, number>, dataKey: Buffer, context: string): Promise<number> {
  const vault = await Vault.open(dir, byPassphrase, { keychain: noKeychain });
  const doc = vault.document;
  const names = doc.integrations.map((i) => i.name);
  expect(new Set(names).size, `${context}: duplicate names`).toBe(names.length);
  // Every update adds exactly one integration, so the generation counts them (create wrote generation 1).
  expect(vault.generation, `${context}: generation vs integrations`).toBe(names.length + 1);

  const present = indicesByPrefix(doc);
  for (const [prefix, acked] of ackedByPrefix) {
    const indices = present.get(prefix) ?? [];
    expect(indices, `${context}: writer ${prefix} left a gap`).toEqual(indices.map((_, i) => i));
    expect(indices.length, `${context}: writer ${prefix} lost acknowledged writes`).toBeGreaterThanOrEqual(acked);
    expect(indices.length, `${context}: writer ${prefix} has writes it never made`).toBeLessThanOrEqual(acked + 1);
  }
  for (const prefix of present.keys()) expect(ackedByPrefix.has(prefix), `${context}: unknown writer ${prefix}`).toBe(true);

  const paths = vaultPaths(dir);
  if (existsSync(paths.backup)) {
    const backup = parseVault(readFileSync(paths.backup), paths.backup);
    JSON.parse(decryptBody(backup, dataKey, paths.backup).toString('utf8'));
    expect([vault.generation - 1, vault.generation], `${context}: backup generation`).toContain(backup.header.generation);
  }
  return names.length;
}

const leftovers = (dir: string) => readdirSync(dir).filter((n) => /^vault\.ksv\.(tmp|baktmp)-/.test(n));

describe('vault crash safety', () => {
  it(`keeps every acknowledged write when writers are SIGKILLed at random moments (>= ${TARGET_ACKED} writes)`, async () => {
    const seed = Number(process.env.KEYSMITH_CRASH_SEED ?? Date.now() % 1_000_000);
    const random = prng(seed);
    const dir = tempDataDir();
    await Vault.create(dir, { method: 'passphrase', passphrase: PASSPHRASE }, { keychain: noKeychain });
    const dataKey = await dataKeyOf(dir);

    const ackedByPrefix = new Map<string, number>();
    let totalAcked = 0;
    let round = 0;
    let killedMidWrites = 0;
    for (; (totalAcked < TARGET_ACKED || round < MIN_ROUNDS) && round < MAX_ROUNDS; round++) {
      const prefix = `r${round}`;
      // One round in four kills during start-up or the scrypt unlock (before any write); the others
      // kill 0-250 ms into the stream of updates, i.e. at an arbitrary point of some update.
      const plan: KillPlan =
        round % 4 === 0 ? { afterSpawnMs: Math.floor(5 + random() * 900) } : { afterFirstOkMs: Math.floor(random() * 250) };
      const run = await runWriter(dir, prefix, 10_000, plan);
      const context = `seed ${seed}, round ${round} (${JSON.stringify(plan)}, ${run.acked.length} acked)`;
      expect(run.signal, `${context}: the writer was to die by SIGKILL, got exit ${run.code}: ${run.stderr}`).toBe('SIGKILL');
      ackedByPrefix.set(prefix, run.acked.length);
      totalAcked += run.acked.length;
      if (run.acked.length > 0) killedMidWrites++;
      await expectVaultHolds(dir, ackedByPrefix, dataKey, context);
    }
    expect(totalAcked, `seed ${seed}: only ${totalAcked} acknowledged writes in ${round} rounds`).toBeGreaterThanOrEqual(TARGET_ACKED);
    expect(killedMidWrites).toBeGreaterThan(MIN_ROUNDS / 2);
    console.log(`crash safety: seed ${seed}, ${round} kills (${killedMidWrites} after some writes), ${totalAcked} acknowledged writes kept`);

    // Whatever the last kill left (a lock naming a dead pid, temp files) must not stop the next writer.
    const next = await runWriter(dir, 'after', 3, 'never');
    expect(next.code, next.stderr).toBe(0);
    expect(next.acked).toEqual(['after-0', 'after-1', 'after-2']);
    ackedByPrefix.set('after', 3);
    await expectVaultHolds(dir, ackedByPrefix, dataKey, `seed ${seed}, after the last kill`);
    expect(leftovers(dir)).toEqual([]);
    expect(existsSync(vaultPaths(dir).lock)).toBe(false);
  }, 600_000); // up to MAX_ROUNDS rounds of spawn + scrypt + check: minutes on a loaded 2-core machine

  it('a lock and a half-written temp file left by a killed writer do not block the next writer', async () => {
    const dir = tempDataDir();
    await Vault.create(dir, { method: 'passphrase', passphrase: PASSPHRASE }, { keychain: noKeychain });
    const paths = vaultPaths(dir);

    // The holder takes the vault lock, drops a temp file, and is killed while holding both.
    const holder = await runWriter(dir, 'holder', 0, { whenPrinted: 'locked' }, ['--hold-lock']);
    expect(holder.signal, holder.stderr).toBe('SIGKILL');
    expect(JSON.parse(readFileSync(paths.lock, 'utf8'))).toMatchObject({ pid: holder.pid });
    expect(leftovers(dir)).toHaveLength(1);

    const next = await runWriter(dir, 'next', 5, 'never');
    expect(next.code, next.stderr).toBe(0);
    expect(next.acked).toEqual(['next-0', 'next-1', 'next-2', 'next-3', 'next-4']);

    const vault = await Vault.open(dir, byPassphrase, { keychain: noKeychain });
    expect(vault.document.integrations.map((i) => i.name)).toEqual(['next-0', 'next-1', 'next-2', 'next-3', 'next-4']);
    expect(vault.generation).toBe(6);
    expect(leftovers(dir)).toEqual([]);
    expect(existsSync(paths.lock)).toBe(false);
  });
});
