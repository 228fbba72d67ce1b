/**
 * Writes integrations into a passphrase vault through the real vault code but without the model's
 * validation, the way an old vault (written before a check existed) or a hand-edited one looks:
 *
 *   KEYSMITH_PASSPHRASE=... node --import tsx test/support/raw-vault.ts <dataDir> --count N
 *   KEYSMITH_PASSPHRASE=... node --import tsx test/support/raw-vault.ts <dataDir> --json FILE
 *
 * `--count N` adds N API key integrations `bulk-<i>` in one update (one scrypt run, one write), so
 * a vault of 150,000 integrations takes seconds instead of 150,000 writes. `--json FILE` adds the
 * integration objects in FILE (an array) exactly as given. The vault is created when missing.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Integration } from '../../electron/shared/integration';
import type { Keychain } from '../../electron/core/keychain';
import { Vault } from '../../electron/core/vault';

const refuse = (): never => {
  throw new Error('raw-vault: the keychain must not be used for a passphrase vault');
};
const noKeychain: Keychain = { get: refuse, set: refuse, delete: refuse };

/** Appends `integrations` as they are (ids and timestamps filled in when absent). */
export async function writeRawIntegrations(dir: string, passphrase: string, integrations: Record<string, unknown>[]): Promise<void> {
  const vault = (await Vault.exists(dir))
    ? await Vault.open(dir, async () => ({ method: 'passphrase', passphrase }), { keychain: noKeychain })
    : (await Vault.create(dir, { method: 'passphrase', passphrase }, { keychain: noKeychain })).vault;
  const stamp = new Date().toISOString();
  await vault.update((doc) => {
    for (const fields of integrations) {
      doc.integrations.push({ id: randomUUID(), createdAt: stamp, updatedAt: stamp, ...fields } as unknown as Integration);
    }
  });
}

export function bulkApiKeys(count: number): Record<string, unknown>[] {
  return Array.from({ length: count }, (_, i) => ({ kind: 'apiKey', name: `bulk-${i}`, clientId: `cid-${i}` }));
}

async function main(): Promise<void> {
  const [dir, flag, value] = process.argv.slice(2);
  const passphrase = process.env.KEYSMITH_PASSPHRASE;
  if (!dir || !passphrase || !value || (flag !== '--count' && flag !== '--json')) {
    process.stderr.write('usage: KEYSMITH_PASSPHRASE=... raw-vault.ts <dataDir> (--count N | --json FILE)\n');
    process.exit(2);
  }
  const integrations = flag === '--count' ? bulkApiKeys(Number(value)) : (JSON.parse(await readFile(value, 'utf8')) as Record<string, unknown>[]);
  await writeRawIntegrations(dir, passphrase, integrations);
  process.stdout.write(`ok ${integrations.length}\n`);
}

if (process.argv[1] && /raw-vault\.ts$/.test(process.argv[1])) {
  main().catch((err: unknown) => {
    process.stderr.write(`raw-vault: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
