/**
 * How long `keysmith import` of a big Developer Console project holds the vault lock. Every
 * credential has the same name, the worst case for naming duplicates ("Name", "Name (2)", ...),
 * which once made a 28,000-credential import hold the lock for minutes.
 *
 *   node scripts/build.mjs cli && node --import tsx bench/large-import.ts [count=28000]
 *
 * The vault is created first (passphrase mode, so no keychain is needed), then the import runs as
 * a real CLI process while this process polls for `vault.lock`: the hold is from its first
 * appearance to its removal. Polling every 2 ms can only shorten the figure by that much.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { vaultPaths } from '../electron/core/data-dir';
import { Vault } from '../electron/core/vault';
import { MemoryKeychain } from './vault.bench';

const CLI = path.resolve(__dirname, '..', 'bin', 'keysmith.mjs');
const PASSPHRASE = 'large import bench';

/** A Console project JSON whose `count` API key credentials are all called "Key": small enough per credential to stay under the 5 MiB import cap. */
export function consoleProject(count: number): string {
  const credentials = Array.from({ length: count }, (_, i) => ({
    id: String(i),
    name: 'Key',
    integration_type: 'apikey',
    api_key: { client_id: `c${i.toString(36)}` },
  }));
  return JSON.stringify({ project: { name: 'p', workspace: { name: 'w', details: { credentials } } } });
}

export interface ImportTiming {
  wallMs: number;
  lockHeldMs: number;
  code: number | null;
  stderr: string;
}

export async function timeLargeImport(count: number): Promise<ImportTiming> {
  const root = mkdtempSync(path.join(tmpdir(), 'keysmith-bench-import-'));
  const dir = path.join(root, 'data');
  await Vault.create(dir, { method: 'passphrase', passphrase: PASSPHRASE }, { keychain: new MemoryKeychain() });
  const file = path.join(root, 'project.json');
  writeFileSync(file, consoleProject(count));
  const lock = vaultPaths(dir).lock;

  const start = performance.now();
  const child = spawn(process.execPath, [CLI, 'import', file], {
    env: { ...process.env, KEYSMITH_HOME: dir, KEYSMITH_PASSPHRASE: PASSPHRASE },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  let lockedAt: number | null = null;
  let unlockedAt: number | null = null;
  const poll = setInterval(() => {
    const held = existsSync(lock);
    if (held && lockedAt === null) lockedAt = performance.now();
    if (!held && lockedAt !== null && unlockedAt === null) unlockedAt = performance.now();
  }, 2);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const end = performance.now();
  clearInterval(poll);
  return { wallMs: end - start, lockHeldMs: lockedAt === null ? 0 : (unlockedAt ?? end) - lockedAt, code, stderr: stderr.slice(-400) };
}

if (require.main === module) {
  const count = Number(process.argv[2] ?? 28_000);
  timeLargeImport(count).then(
    (t) => {
      console.log(`keysmith import of ${count} same-named credentials: exit ${t.code}, wall ${(t.wallMs / 1000).toFixed(2)} s, vault.lock held ${(t.lockHeldMs / 1000).toFixed(2)} s`);
      if (t.code !== 0) console.log(t.stderr);
    },
    (err: unknown) => {
      console.error(`bench failed: ${(err as Error).message}`);
      process.exit(1);
    },
  );
}
