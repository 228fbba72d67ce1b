/**
 * Whole CLI commands as a user runs them: a new process that unlocks through the OS keychain (or,
 * where there is none, a passphrase), each beside its anchor in the same run.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Vault } from '../electron/core/vault';
import { OsKeychain } from '../electron/core/keychain';
import { probeKeychain } from '../test/support/keychain';
import { median, ms, printTable, ratio } from './measure';
import { sampleIntegration } from './vault.bench';

const CLI = path.resolve(__dirname, '..', 'bin', 'keysmith.mjs');

interface BenchVault {
  env: NodeJS.ProcessEnv;
  unlock: string;
}

/** A vault of `count` integrations in a fresh data directory, on the keychain when there is one. */
async function benchVault(count: number): Promise<BenchVault> {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'keysmith-bench-cli-')), 'data');
  const useKeychain = (await probeKeychain()).ok;
  const passphrase = 'bench passphrase';
  const { vault } = await Vault.create(dir, useKeychain ? { method: 'keychain' } : { method: 'passphrase', passphrase }, { keychain: new OsKeychain() });
  await vault.update((doc) => {
    for (let i = 0; i < count; i++) doc.integrations.push(sampleIntegration(i));
  });
  return {
    env: { ...process.env, KEYSMITH_HOME: dir, ...(useKeychain ? {} : { KEYSMITH_PASSPHRASE: passphrase }) },
    unlock: useKeychain ? 'the OS keychain (Secret Service)' : 'passphrase (no keychain here; scrypt is ~0.3 s by design)',
  };
}

function runner(env: NodeJS.ProcessEnv, cwd?: string) {
  return (command: string, args: string[]) => () => {
    const r = spawnSync(command, args, { env, cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${r.stderr}`);
  };
}

export async function benchCliList(count: number, runs: number): Promise<void> {
  const { env, unlock } = await benchVault(count);
  const run = runner(env);
  const list = await median(runs, run(process.execPath, [CLI, 'list']));
  const listJson = await median(runs, run(process.execPath, [CLI, 'list', '--json']));
  const node = await median(runs, run(process.execPath, ['-e', '']));
  printTable(
    `keysmith list, ${count} integrations, unlocked by ${unlock} (median of ${runs})`,
    ['command', 'wall time', 'anchor: node -e ""', 'ratio'],
    [
      ['keysmith list', ms(list), ms(node), ratio(list, node)],
      ['keysmith list --json', ms(listJson), ms(node), ratio(listJson, node)],
    ],
  );
}

/**
 * The whole `keysmith keygen` (process start, unlock, RSA 2048 keygen, certificate, vault write,
 * certificate file) beside Adobe's documented `openssl req` command. Key generation is a random
 * prime search, so both need many runs for a stable median.
 */
export async function benchCliKeygen(runs: number): Promise<void> {
  const { env, unlock } = await benchVault(10);
  const cwd = mkdtempSync(path.join(tmpdir(), 'keysmith-bench-keygen-'));
  const run = runner(env, cwd);
  let n = 0;
  const keygen = await median(runs, () => run(process.execPath, [CLI, 'keygen', 'Integration 00001', '--cert-out', `k${n++}.crt`])());
  const openssl = await median(runs, () =>
    run('openssl', ['req', '-x509', '-sha256', '-nodes', '-days', '365', '-newkey', 'rsa:2048', '-keyout', `o${n}.key`, '-out', `o${n++}.crt`, '-subj', '/CN=bench'])(),
  );
  printTable(
    `keysmith keygen (RSA 2048, whole command, vault unlocked by ${unlock}; median of ${runs}; target within 1.5x)`,
    ['command', 'wall time', 'anchor: openssl req -x509 -sha256 -nodes -days 365 -newkey rsa:2048', 'ratio'],
    [['keysmith keygen', ms(keygen), ms(openssl), ratio(keygen, openssl)]],
  );
}
