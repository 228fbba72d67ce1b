/**
 * Wall time of `keysmith list` on a 1,000-integration vault, as a user runs it (a new process that
 * unlocks through the OS keychain), beside its floor: a bare `node` start-up, the cost no Node CLI
 * can avoid. Falls back to passphrase mode (scrypt, on purpose about 0.3 s) where there is no keychain.
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

export async function benchCliList(count: number, runs: number): Promise<void> {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'keysmith-bench-cli-')), 'data');
  const useKeychain = (await probeKeychain()).ok;
  const passphrase = 'bench passphrase';
  const { vault } = await Vault.create(dir, useKeychain ? { method: 'keychain' } : { method: 'passphrase', passphrase }, { keychain: new OsKeychain() });
  await vault.update((doc) => {
    for (let i = 0; i < count; i++) doc.integrations.push(sampleIntegration(i));
  });
  const env = { ...process.env, KEYSMITH_HOME: dir, ...(useKeychain ? {} : { KEYSMITH_PASSPHRASE: passphrase }) };
  const run = (args: string[]) => () => {
    const r = spawnSync(process.execPath, args, { env, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
  };
  const list = await median(runs, run([CLI, 'list']));
  const listJson = await median(runs, run([CLI, 'list', '--json']));
  const node = await median(runs, run(['-e', '']));
  printTable(
    `keysmith list, ${count} integrations, unlocked by ${useKeychain ? 'the OS keychain (Secret Service)' : 'passphrase (no keychain here)'} (median of ${runs})`,
    ['command', 'wall time', 'anchor: node -e ""', 'ratio'],
    [
      ['keysmith list', ms(list), ms(node), ratio(list, node)],
      ['keysmith list --json', ms(listJson), ms(node), ratio(listJson, node)],
    ],
  );
}
