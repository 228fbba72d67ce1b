/**
 * Vault open+decrypt and encrypt+write for 100, 1,000 and 10,000 integrations, beside the anchor:
 * the same document as plain JSON read/parsed and stringified/written with the same fsync+rename
 * discipline. The ratio is what encryption, the checksum and the lock add.
 * Unlocking is excluded on purpose (a keychain look-up or scrypt, paid once per process): the vault
 * here uses an in-memory keychain, and the real keychain's cost is measured in the CLI bench.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync, openSync, fsyncSync, closeSync, renameSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Integration } from '../electron/shared/integration';
import type { Keychain } from '../electron/core/keychain';
import { Vault } from '../electron/core/vault';
import { median, ms, printTable, ratio } from './measure';
import { MemoryKeychain } from '../test/support/memory-keychain';

export { MemoryKeychain };


/** A realistic JWT integration: every field filled, as imported from a Console project. */
export function sampleIntegration(i: number): Integration {
  const now = new Date().toISOString();
  return {
    kind: 'jwt',
    id: randomUUID(),
    name: `Integration ${String(i).padStart(5, '0')}`,
    description: 'Cloud Manager pipeline automation for the production program',
    clientId: randomUUID().replace(/-/g, ''),
    clientSecrets: [`p8e-${randomUUID()}${randomUUID()}`.replace(/-/g, '')],
    orgId: '1234567890ABCDEF12345678@AdobeOrg',
    technicalAccountId: `${randomUUID().replace(/-/g, '').toUpperCase()}@techacct.adobe.com`,
    technicalAccountEmail: `${randomUUID()}@techacct.adobe.com`,
    metascopes: ['ent_cloudmgr_sdk', 'ent_aem_cloud_api'],
    imsEndpoint: 'https://ims-na1.adobelogin.com',
    createdAt: now,
    updatedAt: now,
  };
}

export async function vaultWithIntegrations(count: number, keychain: Keychain, dir = path.join(mkdtempSync(path.join(tmpdir(), 'keysmith-bench-')), 'data')) {
  const { vault } = await Vault.create(dir, { method: 'keychain' }, { keychain });
  await vault.update((doc) => {
    for (let i = 0; i < count; i++) doc.integrations.push(sampleIntegration(i));
  });
  return vault;
}

function plainWrite(file: string, text: string): void {
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, text, { mode: 0o600 });
  const fd = openSync(tmp, 'r+');
  fsyncSync(fd);
  closeSync(fd);
  renameSync(tmp, file);
  const dirFd = openSync(path.dirname(file), 'r');
  fsyncSync(dirFd);
  closeSync(dirFd);
}

export async function benchVault(sizes: number[], runs: number): Promise<void> {
  const rows: string[][] = [];
  for (const size of sizes) {
    const keychain = new MemoryKeychain();
    const vault = await vaultWithIntegrations(size, keychain);
    const dir = vault.paths.dir;
    const open = await median(runs, () => Vault.open(dir, async () => ({ method: 'keychain' }), { keychain }));
    let n = 0;
    const write = await median(runs, () =>
      vault.update((doc) => {
        doc.integrations[0]!.description = `edit ${n++}`;
      }),
    );
    const plainFile = path.join(dir, 'plain.json');
    const text = JSON.stringify(vault.document);
    plainWrite(plainFile, text);
    const plainRead = await median(runs, () => JSON.parse(readFileSync(plainFile, 'utf8')));
    const plainRmw = await median(runs, () => {
      const doc = JSON.parse(readFileSync(plainFile, 'utf8'));
      doc.integrations[0].description = `edit ${n++}`;
      plainWrite(plainFile, JSON.stringify(doc));
    });
    const kib = (readFileSync(vault.paths.vault).length / 1024).toFixed(0);
    rows.push([String(size), `${kib} KiB`, ms(open), ms(plainRead), ratio(open, plainRead), ms(write), ms(plainRmw), ratio(write, plainRmw)]);
  }
  printTable(
    `Vault (median of ${runs}; targets at 1,000: open < 50 ms, write < 100 ms)`,
    ['integrations', 'file', 'open+decrypt', 'anchor: plain JSON read', 'ratio', 'update (locked read-modify-write)', 'anchor: plain JSON read-modify-write', 'ratio'],
    rows,
  );
}
