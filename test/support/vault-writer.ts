/**
 * A separate process that writes to an existing passphrase vault, for the crash-safety and
 * concurrency tests:
 *
 *   node --import tsx test/support/vault-writer.ts <dataDir> <prefix> <count> [--hold-lock | --stop-in-update]
 *
 * Opens the vault once (KEYSMITH_PASSPHRASE; one scrypt run), then makes `count` separate
 * `vault.update()` calls, each adding the API key integration `<prefix>-<i>`, and prints
 * `ok <prefix>-<i>` only once that update has resolved: a printed name is a write the vault promised
 * to keep, so a parent that SIGKILLs this process may demand to find it.
 *
 * With --hold-lock it instead takes the vault lock, leaves a half-written temp file beside the vault
 * (as a writer killed mid-write does), prints `locked` and waits to be killed: the exact debris
 * the next writer must clean up or step over.
 *
 * With --stop-in-update each update, once it holds the lock and has read the vault, prints
 * `stopping` and stops itself with SIGSTOP: a holder paused mid-write, at a known point, until the
 * parent sends SIGCONT.
 */
import { writeFile } from 'node:fs/promises';
import { vaultPaths } from '../../electron/core/data-dir';
import { acquireLock } from '../../electron/core/file-lock';
import { addIntegration } from '../../electron/core/integration-store';
import type { Keychain } from '../../electron/core/keychain';
import { Vault } from '../../electron/core/vault';

// A passphrase vault never reaches the keychain; if it ever did, fail loudly rather than touch the OS store.
const refuse = (): never => {
  throw new Error('vault-writer: the keychain must not be used for a passphrase vault');
};
const noKeychain: Keychain = { get: refuse, set: refuse, delete: refuse };

async function main(): Promise<void> {
  const [dir, prefix, countText, flag] = process.argv.slice(2);
  const count = Number(countText);
  const passphrase = process.env.KEYSMITH_PASSPHRASE;
  if (!dir || !prefix || !Number.isInteger(count) || count < 0 || !passphrase || (flag !== undefined && flag !== '--hold-lock' && flag !== '--stop-in-update')) {
    process.stderr.write('usage: KEYSMITH_PASSPHRASE=... vault-writer.ts <dataDir> <prefix> <count> [--hold-lock | --stop-in-update]\n');
    process.exit(2);
  }

  if (flag === '--hold-lock') {
    const paths = vaultPaths(dir);
    await acquireLock(paths.lock);
    await writeFile(`${paths.vault}.tmp-${process.pid}-deadbeef`, 'half a vault');
    process.stdout.write('locked\n');
    setInterval(() => undefined, 60_000); // stay alive, holding the lock, until killed
    return;
  }

  const vault = await Vault.open(dir, async () => ({ method: 'passphrase', passphrase }), { keychain: noKeychain });
  for (let i = 0; i < count; i++) {
    const name = `${prefix}-${i}`;
    await vault.update((doc) => {
      if (flag === '--stop-in-update') {
        process.stdout.write('stopping\n');
        process.kill(process.pid, 'SIGSTOP');
      }
      addIntegration(doc, { kind: 'apiKey', name, clientId: `cid-${prefix}-${i}` });
    });
    // stdout is a pipe: synchronous on Linux, so the line is out before the next write starts.
    process.stdout.write(`ok ${name}\n`);
  }
}

main().then(
  () => undefined,
  (err: unknown) => {
    const code = (err as { code?: string }).code;
    process.stderr.write(`vault-writer: ${code ? `[${code}] ` : ''}${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
