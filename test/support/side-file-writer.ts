/**
 * A separate process that stores token cache entries in an existing passphrase vault's `tokens.ksc`,
 * for the side file concurrency test:
 *
 *   KEYSMITH_PASSPHRASE=... node --import tsx test/support/side-file-writer.ts <dataDir> <prefix> <count> <id,id,...>
 *
 * Opens the vault once, waits for a line on stdin (so two writers start together), then makes
 * `count` separate `TokenCache.put` calls for the ids `<prefix>-<i>`, each a read-modify-write under
 * the file's lock, keeping every id in the comma-separated live list. Prints `done` at the end.
 */
import type { Keychain } from '../../electron/core/keychain';
import { TokenCache } from '../../electron/core/tokens/token-cache';
import { Vault } from '../../electron/core/vault';

const refuse = (): never => {
  throw new Error('side-file-writer: the keychain must not be used for a passphrase vault');
};
const noKeychain: Keychain = { get: refuse, set: refuse, delete: refuse };

async function main(): Promise<void> {
  const [dir, prefix, countText, liveText] = process.argv.slice(2);
  const count = Number(countText);
  const passphrase = process.env.KEYSMITH_PASSPHRASE;
  if (!dir || !prefix || !Number.isInteger(count) || !liveText || !passphrase) {
    process.stderr.write('usage: KEYSMITH_PASSPHRASE=... side-file-writer.ts <dataDir> <prefix> <count> <id,id,...>\n');
    process.exit(2);
  }
  const vault = await Vault.open(dir, async () => ({ method: 'passphrase', passphrase }), { keychain: noKeychain });
  const live = new Set(liveText.split(','));
  const cache = new TokenCache(vault);
  process.stdout.write('ready\n');
  await new Promise((resolve) => process.stdin.once('data', resolve));
  for (let i = 0; i < count; i++) {
    const now = Date.now();
    await cache.put(`${prefix}-${i}`, { accessToken: `token-${prefix}-${i}`, tokenType: 'bearer', mintedAt: now, expiresAt: now + 3_600_000, credentialHash: 'h' }, live);
  }
  process.stdout.write('done\n');
  process.exit(0);
}

main().catch((err: unknown) => {
  process.stderr.write(`side-file-writer: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
