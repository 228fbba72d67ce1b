/**
 * When each integration last minted a token, and whether that worked (and why not), so health can
 * say "never used" and "the last mint failed: …" without minting. Kept like the token cache, in its
 * own file beside the vault (`mints.ksc`), encrypted with a key derived from the vault's, so a
 * record per mint does not churn the vault's generations. It is a record, not a source of truth: a
 * damaged or foreign file reads as empty, and a failure to write it never fails a mint.
 */
import path from 'node:path';
import { seal, unseal } from '../crypto-primitives';
import { replaceFileAtomically } from '../atomic-file';
import { acquireLock } from '../file-lock';
import { readPrivateFile } from '../private-files';
import { stripControls } from '../tokens/server-text';
import type { Vault } from '../vault';

export interface MintRecord {
  /** ms since the epoch of the last successful mint */
  lastOkAt?: number;
  /** the last attempt, when it failed: when and the one-line reason */
  lastFailure?: { at: number; reason: string };
}

type Records = Record<string, MintRecord>;

const MAX_BYTES = 4 * 1024 * 1024;
const MAX_REASON_CHARS = 300;
const LOCK_TIMEOUT_MS = 5_000;

const time = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

function clean(value: unknown): MintRecord | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const { lastOkAt, lastFailure } = value as Record<string, unknown>;
  const record: MintRecord = {};
  if (time(lastOkAt)) record.lastOkAt = lastOkAt;
  const f = lastFailure as { at?: unknown; reason?: unknown } | undefined;
  if (f && time(f.at) && typeof f.reason === 'string') record.lastFailure = { at: f.at, reason: stripControls(f.reason).slice(0, MAX_REASON_CHARS) };
  return record;
}

export class MintRecords {
  readonly path: string;
  private readonly lockPath: string;
  private readonly key: Buffer;

  constructor(private readonly vault: Vault) {
    this.path = path.join(vault.paths.dir, 'mints.ksc');
    this.lockPath = path.join(vault.paths.dir, 'mints.lock');
    this.key = vault.deriveKey('mint records v1');
  }

  private aad(): Buffer {
    return Buffer.from(`keysmith-mint-records:${this.vault.vaultId}`);
  }

  async read(): Promise<Records> {
    try {
      const file = JSON.parse((await readPrivateFile(this.path, MAX_BYTES))?.bytes.toString('utf8') ?? '') as { nonce?: string; box?: string };
      const plain = unseal(this.key, { nonce: Buffer.from(String(file.nonce), 'base64'), box: Buffer.from(String(file.box), 'base64') }, this.aad());
      const parsed: unknown = plain ? JSON.parse(plain.toString('utf8')) : null;
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
      // No prototype: an id such as "__proto__" from a tampered file stays an ordinary key.
      const out: Records = Object.create(null) as Records;
      for (const [id, value] of Object.entries(parsed)) {
        const record = clean(value);
        if (record) out[id] = record;
      }
      return out;
    } catch {
      return {};
    }
  }

  /** Records one mint's outcome; never throws (a full disk must not turn a good token into an error). */
  async record(integrationId: string, outcome: { ok: true } | { ok: false; reason: string }, live: ReadonlySet<string>, now = Date.now()): Promise<void> {
    try {
      const release = await acquireLock(this.lockPath, LOCK_TIMEOUT_MS);
      try {
        const records = await this.read();
        const next: Records = Object.fromEntries(Object.entries(records).filter(([id]) => live.has(id)));
        const previous = next[integrationId] ?? {};
        next[integrationId] = outcome.ok
          ? { lastOkAt: now }
          : { ...(previous.lastOkAt !== undefined && { lastOkAt: previous.lastOkAt }), lastFailure: { at: now, reason: stripControls(outcome.reason).slice(0, MAX_REASON_CHARS) } };
        const sealed = seal(this.key, Buffer.from(JSON.stringify(next)), this.aad());
        const file = { format: 'keysmith-mint-records', version: 1, nonce: sealed.nonce.toString('base64'), box: sealed.box.toString('base64') };
        await replaceFileAtomically(this.path, Buffer.from(JSON.stringify(file)));
      } finally {
        await release();
      }
    } catch {
      // A record only: losing one costs a less precise health view, never a token.
    }
  }
}
