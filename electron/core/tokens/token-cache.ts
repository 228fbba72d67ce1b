/**
 * Minted tokens, encrypted in their own file beside the vault (`tokens.ksc`) so frequent re-mints do
 * not churn the vault's generations and backups. Its key is derived from the vault's data key. It
 * is a cache: a damaged or foreign file is discarded, never an error, and never touches the vault;
 * so is an entry that could not have been minted (an older version cached `expires_in: 1e20`).
 *
 * Two kinds of lock: `tokens-<integration id>.lock` is held while one integration mints (across its
 * HTTP call, so ten processes share one request), and `tokens.lock` only around the file's
 * read-modify-write, so a hanging endpoint never holds up another integration.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { SealedSideFile } from '../sealed-side-file';
import type { Integration } from '../../shared/integration';
import type { Vault } from '../vault';
import { accessTokenProblem, isRepresentableTime, type MintedToken } from './token-answer';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface CachedToken extends MintedToken {
  /** hash of everything that was used to mint: a changed secret, scope or key makes the entry stale */
  credentialHash: string;
}

type Entries = Record<string, CachedToken>;

/** The on-disk format of `tokens.ksc`: existing files must keep opening, so none of this may change. */
const TOKEN_CACHE_FILE = {
  fileName: 'tokens.ksc',
  format: 'keysmith-token-cache',
  keyLabel: 'token cache v1',
  headerNamesVault: true,
  maxBytes: 64 * 1024 * 1024,
  // The write lock is held for milliseconds; waiting longer means something is wrong, and the token is handed over anyway.
  lockTimeoutMs: 10_000,
} as const;

/** What a token depends on. Secrets go into the hash, which only ever lives inside this encrypted file. */
export function credentialHash(integration: Integration): string {
  const { name: _n, description: _d, createdAt: _c, updatedAt: _u, refreshMarginMinutes: _r, autoRefresh: _a, ...rest } = integration as Integration & {
    refreshMarginMinutes?: number;
    autoRefresh?: boolean;
  };
  const keys = (integration.keys ?? []).filter((k) => k.active).map((k) => k.fingerprintSha256);
  return createHash('sha256').update(JSON.stringify({ ...rest, keys })).digest('hex');
}

function usable(entry: unknown): entry is CachedToken {
  if (typeof entry !== 'object' || entry === null) return false;
  const e = entry as Record<string, unknown>;
  return (
    accessTokenProblem(e.accessToken) === null &&
    isRepresentableTime(e.expiresAt) &&
    isRepresentableTime(e.mintedAt) &&
    e.expiresAt > e.mintedAt &&
    typeof e.credentialHash === 'string' &&
    typeof e.tokenType === 'string'
  );
}

export class TokenCache {
  readonly path: string;
  readonly lockPath: string;
  private readonly file: SealedSideFile;

  constructor(private readonly vault: Vault) {
    this.file = new SealedSideFile(vault, TOKEN_CACHE_FILE);
    this.path = this.file.path;
    this.lockPath = this.file.lockPath;
  }

  /** The usable entries; a damaged or foreign file, like an entry that could not have been minted, is left out. */
  async read(): Promise<Entries> {
    return Object.fromEntries(Object.entries(await this.file.read()).filter(([, entry]) => usable(entry))) as Entries;
  }

  /** Held by whoever mints this integration's token, across the HTTP call. */
  mintLockPath(integrationId: string): string {
    const tag = UUID.test(integrationId) ? integrationId : createHash('sha256').update(integrationId).digest('hex').slice(0, 32);
    return path.join(this.vault.paths.dir, `tokens-${tag}.lock`);
  }

  /**
   * Stores one entry: a short read-modify-write under `lockPath`, so concurrent writers for other
   * integrations lose nothing. Entries of integrations not in `live` are dropped on the way, which
   * keeps the file from growing forever. Throws when the file cannot be written (a full disk).
   */
  async put(integrationId: string, entry: CachedToken, live: ReadonlySet<string>): Promise<void> {
    await this.file.update((records) => {
      const next = Object.fromEntries(Object.entries(records).filter(([id, kept]) => live.has(id) && usable(kept)));
      next[integrationId] = entry;
      return next;
    });
  }

  /** Call under `lockPath`: read-modify-write, like the vault. */
  async write(entries: Entries): Promise<void> {
    await this.file.write(entries);
  }
}
