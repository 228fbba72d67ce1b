/**
 * Records keyed by integration id, sealed in their own file beside the vault (the token cache, the
 * sign-ins, the mint records), so frequent writes do not churn the vault's generations and backups.
 *
 * The key is derived from the vault's data key under a label of its own, and the AAD names the file's
 * format and the vault id, so a file copied from another vault (or from another side file) does not
 * open. On disk: one JSON line `{"format":…,"version":1,["vaultId":…,]"nonce":…,"box":…}`; the
 * spec fixes every one of those constants, and existing files must keep opening (see the frozen
 * bytes in test/unit/sealed-side-file.test.ts).
 *
 * These files are never the source of truth: anything that is not a sound file of this vault (missing,
 * damaged, tampered, foreign, too large, a symlink or FIFO, another user's) reads as no records.
 * Writes replace the file atomically under `<name>.lock`, a read-modify-write, so concurrent writers
 * in other processes lose nothing.
 */
import path from 'node:path';
import { seal, unseal } from './crypto-primitives';
import { replaceFileAtomically } from './atomic-file';
import { acquireLock } from './file-lock';
import { readPrivateFile } from './private-files';
import type { Vault } from './vault';

export interface SideFileSpec {
  /** The file beside the vault, e.g. `tokens.ksc`; its lock is the same name with `.lock` for `.ksc`. */
  fileName: string;
  /** The header's `format`, and the AAD's prefix. */
  format: string;
  /** The label the file's key is derived under (vault.deriveKey). Changing it orphans every existing file. */
  keyLabel: string;
  /** Whether the header names the vault (older files of some formats do not; the AAD always does). */
  headerNamesVault: boolean;
  /** The read bound: a larger file reads as damage. */
  maxBytes: number;
  lockTimeoutMs: number;
}

const VERSION = 1;

/** A null-prototype map: an id such as "__proto__" from a tampered file stays an ordinary key. */
export type SealedRecords = Record<string, unknown>;

const emptyRecords = (): SealedRecords => Object.create(null) as SealedRecords;

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export class SealedSideFile {
  readonly path: string;
  readonly lockPath: string;
  private readonly key: Buffer;

  constructor(
    private readonly vault: Vault,
    private readonly spec: SideFileSpec,
  ) {
    this.path = path.join(vault.paths.dir, spec.fileName);
    this.lockPath = path.join(vault.paths.dir, `${spec.fileName.replace(/\.ksc$/, '')}.lock`);
    this.key = vault.deriveKey(spec.keyLabel);
  }

  private aad(): Buffer {
    return Buffer.from(`${this.spec.format}:${this.vault.vaultId}`);
  }

  /** Every record in the file; none when the file is missing or not a sound file of this vault. */
  async read(): Promise<SealedRecords> {
    try {
      const bytes = (await readPrivateFile(this.path, this.spec.maxBytes))?.bytes;
      if (!bytes) return emptyRecords();
      const file: unknown = JSON.parse(bytes.toString('utf8'));
      if (!isMap(file) || file.format !== this.spec.format || file.version !== VERSION) return emptyRecords();
      if (this.spec.headerNamesVault && file.vaultId !== this.vault.vaultId) return emptyRecords();
      if (typeof file.nonce !== 'string' || typeof file.box !== 'string') return emptyRecords();
      const plain = unseal(this.key, { nonce: Buffer.from(file.nonce, 'base64'), box: Buffer.from(file.box, 'base64') }, this.aad());
      if (!plain) return emptyRecords();
      const parsed: unknown = JSON.parse(plain.toString('utf8'));
      if (!isMap(parsed)) return emptyRecords();
      const out = emptyRecords();
      for (const [id, value] of Object.entries(parsed)) out[id] = value;
      return out;
    } catch {
      // Unreadable, not JSON, refused by readPrivateFile: a side file is a cache or a record, never an error.
      return emptyRecords();
    }
  }

  /** Replaces the whole file. Call under `lockPath` (or use `update`). Throws when it cannot be written. */
  async write(records: Record<string, unknown>): Promise<void> {
    const sealed = seal(this.key, Buffer.from(JSON.stringify(records)), this.aad());
    // Key order is the on-disk format: format, version, [vaultId,] nonce, box.
    const file = {
      format: this.spec.format,
      version: VERSION,
      ...(this.spec.headerNamesVault && { vaultId: this.vault.vaultId }),
      nonce: sealed.nonce.toString('base64'),
      box: sealed.box.toString('base64'),
    };
    await replaceFileAtomically(this.path, Buffer.from(JSON.stringify(file)));
  }

  /** A read-modify-write under the file's lock: `change` gets the current records and returns the next. */
  async update(change: (records: SealedRecords) => Record<string, unknown>): Promise<void> {
    const release = await acquireLock(this.lockPath, this.spec.lockTimeoutMs);
    try {
      await this.write(change(await this.read()));
    } finally {
      await release();
    }
  }
}
