/**
 * Noticing a vault that went back in time. Every write raises the vault's generation, and the
 * highest generation written or accepted here is recorded in `vault.generation` beside it. A vault
 * file whose generation is lower than the record was replaced by an older copy (`mv vault.ksv.bak
 * vault.ksv`, a sync client or backup tool restoring an old vault.ksv): it is refused as
 * vault_tampered, because writes made since then are missing from it.
 *
 * Why beside the vault: it needs no key (so `status` checks it too) and nothing outside the data
 * folder, which the app and the CLI already share. The folder and its files must be this user's
 * alone (private-files.ts), so another user cannot reach the record, nor the vault. Limits, by
 * design: a rollback of the whole folder (vault and record restored together), or one done by the
 * same user or root who also deletes or edits the record, goes unnoticed; those are outside the
 * threat model. A missing or unreadable record is simply started again.
 *
 * Ordering makes it free of false alarms without a lock for readers: a write raises the vault first
 * and the record second, and `restore-backup` (the one deliberate step back) lowers the record
 * first and the vault second; readers read the record first and the vault second. The record is
 * only ever written under the vault lock.
 */
import { KeysmithError } from './errors';
import { replaceFileAtomically } from './atomic-file';
import type { VaultPaths } from './data-dir';
import { readPrivateFile } from './private-files';

export interface SeenGeneration {
  vaultId: string;
  generation: number;
}

const MAX_RECORD_BYTES = 1024;

/** Null when there is no usable record; another user's file or a symlink still throws. */
export async function readSeenGeneration(paths: VaultPaths): Promise<SeenGeneration | null> {
  const read = await readPrivateFile(paths.generation, MAX_RECORD_BYTES);
  if (!read) return null;
  try {
    const seen = JSON.parse(read.bytes.toString('utf8')) as Partial<SeenGeneration> | null;
    return seen && typeof seen.vaultId === 'string' && Number.isSafeInteger(seen.generation) ? (seen as SeenGeneration) : null;
  } catch {
    return null;
  }
}

export function assertNotRolledBack(seen: SeenGeneration | null, vaultId: string, generation: number, paths: VaultPaths): void {
  if (!seen || seen.vaultId !== vaultId || generation >= seen.generation) return;
  throw new KeysmithError(
    'vault_tampered',
    `The vault ${paths.vault} went back from generation ${seen.generation} to ${generation}: an older copy replaced it, and changes made since are missing from it; ` +
      `find the newer copy (your backups) and put it back, or, if you restored this one on purpose, delete ${paths.generation} to accept it`,
  );
}

/**
 * Call under the vault lock, after the vault was written. Best effort: a record that fails to be
 * written only weakens the check, while failing here would report a write that did happen as failed.
 */
export async function recordGeneration(paths: VaultPaths, vaultId: string, generation: number): Promise<void> {
  await writeRecord(paths, { vaultId, generation }, false).catch(() => undefined);
}

/** Call under the vault lock, before the vault is deliberately put back to `generation`; throws if it cannot. */
export async function lowerGeneration(paths: VaultPaths, vaultId: string, generation: number): Promise<void> {
  // Durable, unlike a raise: a power cut must not leave the old, higher record beside the restored vault.
  await writeRecord(paths, { vaultId, generation }, true);
}

/**
 * A raise is not fsynced: after a power cut the record may be older than the vault (whose write was fsynced
 * first), or missing, or torn (then unreadable and started again), but never ahead of the vault.
 * So a crash can only weaken the check, never raise a false alarm, and a write costs no extra fsync.
 */
function writeRecord(paths: VaultPaths, record: SeenGeneration, durable: boolean): Promise<void> {
  return replaceFileAtomically(paths.generation, Buffer.from(`${JSON.stringify(record)}\n`), { durable });
}
