/**
 * The app's "Restore the previous vault…": a vault whose body is damaged says so with the
 * restore_backup action, and `vault:restoreBackup` (through the real router and session) puts the
 * backup generation back, keeps the damaged file beside it and leaves the app unlocked. A wrong
 * passphrase or an open vault changes no file.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { vaultPaths } from '../../electron/core/data-dir';
import { addIntegration } from '../../electron/core/integration-store';
import { Vault } from '../../electron/core/vault';
import { parseVault } from '../../electron/core/vault-envelope';
import type { VaultStatus } from '../../electron/shared/ipc/contract';
import { createHarness, noKeychain, type Harness } from '../support/ipc-harness';

const PASSPHRASE = 'restore test passphrase';
let h: Harness | null = null;

afterEach(() => {
  h?.dispose();
  h = null;
});

/** A vault at generation 3 whose body is damaged; its backup (generation 2) holds "first" only. */
async function damagedVault(): Promise<{ harness: Harness; damaged: Buffer }> {
  const harness = await createHarness({ passphrase: 'unused', createVault: false });
  await Vault.create(harness.dataDir, { method: 'passphrase', passphrase: PASSPHRASE }, { keychain: noKeychain }).then(async ({ vault }) => {
    for (const name of ['first', 'second']) await vault.update((doc) => addIntegration(doc, { kind: 'apiKey', name, clientId: `cid-${name}` }));
  });
  const file = vaultPaths(harness.dataDir).vault;
  const bytes = readFileSync(file);
  const bodyAt = bytes.indexOf('\n') + 40;
  bytes[bodyAt] = bytes[bodyAt]! ^ 0x01;
  writeFileSync(file, bytes);
  return { harness, damaged: bytes };
}

describe('vault:restoreBackup', () => {
  it('the damaged vault names restore_backup; restoring brings back the previous generation, unlocked, and keeps the damaged file', async () => {
    const { harness, damaged } = await damagedVault();
    h = harness;
    const refused = await h.call('vault:unlock', { method: 'passphrase', passphrase: PASSPHRASE });
    expect(refused).toMatchObject({ ok: false, error: { code: 'vault_tampered', action: 'restore_backup' } });

    const restored = await h.call<VaultStatus & { keptAs: string | null }>('vault:restoreBackup', { method: 'passphrase', passphrase: PASSPHRASE });
    expect(restored.ok).toBe(true);
    if (!restored.ok) return;
    expect(restored.value.state).toBe('unlocked');
    expect(path.basename(restored.value.keptAs!)).toMatch(/^vault\.ksv\.damaged-/);
    expect(readFileSync(restored.value.keptAs!).equals(damaged)).toBe(true);

    const list = await h.call<{ name: string }[]>('integrations:list');
    expect(list.ok && list.value.map((i) => i.name)).toEqual(['first']);
    expect(parseVault(readFileSync(vaultPaths(h.dataDir).vault), 'vault').header.generation).toBe(2);
  });

  it('a wrong passphrase for the backup changes no file and leaves the vault locked', async () => {
    const { harness, damaged } = await damagedVault();
    h = harness;
    const before = readdirSync(h.dataDir).sort();
    const result = await h.call('vault:restoreBackup', { method: 'passphrase', passphrase: 'not the passphrase' });
    expect(result).toMatchObject({ ok: false, error: { code: 'wrong_passphrase' } });
    expect(readFileSync(vaultPaths(h.dataDir).vault).equals(damaged)).toBe(true);
    expect(readdirSync(h.dataDir).sort()).toEqual(before);
    expect(h.session.isUnlocked).toBe(false);
  });

  it('refuses while the vault is open, and touches nothing', async () => {
    h = await createHarness({ passphrase: PASSPHRASE, unlock: true });
    const before = readFileSync(vaultPaths(h.dataDir).vault);
    const result = await h.call('vault:restoreBackup', { method: 'passphrase', passphrase: PASSPHRASE });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(readFileSync(vaultPaths(h.dataDir).vault).equals(before)).toBe(true);
  });
});
