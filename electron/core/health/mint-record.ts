/**
 * When each integration last minted a token, and whether that worked (and why not), so health can
 * say "never used" and "the last mint failed: …" without minting. Kept like the token cache, in its
 * own file beside the vault (`mints.ksc`), encrypted with a key derived from the vault's, so a
 * record per mint does not churn the vault's generations. It is a record, not a source of truth: a
 * damaged or foreign file reads as empty, and a failure to write it never fails a mint.
 */
import { SealedSideFile } from '../sealed-side-file';
import { stripControls } from '../tokens/server-text';
import type { Vault } from '../vault';

export interface MintRecord {
  /** ms since the epoch of the last successful mint */
  lastOkAt?: number;
  /** the last attempt, when it failed: when and the one-line reason */
  lastFailure?: { at: number; reason: string };
}

type Records = Record<string, MintRecord>;

const MAX_REASON_CHARS = 300;

/** The on-disk format of `mints.ksc` (its header never named the vault; the AAD does): none of this may change. */
const MINT_RECORD_FILE = {
  fileName: 'mints.ksc',
  format: 'keysmith-mint-records',
  keyLabel: 'mint records v1',
  headerNamesVault: false,
  maxBytes: 4 * 1024 * 1024,
  lockTimeoutMs: 5_000,
} as const;

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
  private readonly file: SealedSideFile;

  constructor(vault: Vault) {
    this.file = new SealedSideFile(vault, MINT_RECORD_FILE);
    this.path = this.file.path;
  }

  async read(): Promise<Records> {
    // No prototype: an id such as "__proto__" from a tampered file stays an ordinary key.
    const out: Records = Object.create(null) as Records;
    for (const [id, value] of Object.entries(await this.file.read())) {
      const record = clean(value);
      if (record) out[id] = record;
    }
    return out;
  }

  /** Records one mint's outcome; never throws (a full disk must not turn a good token into an error). */
  async record(integrationId: string, outcome: { ok: true } | { ok: false; reason: string }, live: ReadonlySet<string>, now = Date.now()): Promise<void> {
    try {
      await this.file.update((stored) => {
        const next: Records = Object.create(null) as Records;
        for (const [id, value] of Object.entries(stored)) {
          const record = clean(value);
          if (record && live.has(id)) next[id] = record;
        }
        const previous = next[integrationId] ?? {};
        next[integrationId] = outcome.ok
          ? { lastOkAt: now }
          : { ...(previous.lastOkAt !== undefined && { lastOkAt: previous.lastOkAt }), lastFailure: { at: now, reason: stripControls(outcome.reason).slice(0, MAX_REASON_CHARS) } };
        return next;
      });
    } catch {
      // A record only: losing one costs a less precise health view, never a token.
    }
  }
}
