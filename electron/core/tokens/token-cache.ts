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
import { seal, unseal } from '../crypto-primitives';
import { replaceFileAtomically } from '../atomic-file';
import { acquireLock } from '../file-lock';
import { readPrivateFile } from '../private-files';
import type { Integration } from '../../shared/integration';
import type { Vault } from '../vault';
import { accessTokenProblem, isRepresentableTime, type MintedToken } from './token-answer';

/** The write lock is held for milliseconds; waiting longer means something is wrong, and the token is handed over anyway. */
const WRITE_LOCK_TIMEOUT_MS = 10_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface CachedToken extends MintedToken {
  /** hash of everything that was used to mint: a changed secret, scope or key makes the entry stale */
  credentialHash: string;
}

interface CacheFile {
  format: 'keysmith-token-cache';
  version: 1;
  vaultId: string;
  nonce: string;
  box: string;
}

type Entries = Record<string, CachedToken>;

const MAX_CACHE_BYTES = 64 * 1024 * 1024;

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
  private readonly key: Buffer;

  constructor(private readonly vault: Vault) {
    this.path = path.join(vault.paths.dir, 'tokens.ksc');
    this.lockPath = path.join(vault.paths.dir, 'tokens.lock');
    this.key = vault.deriveKey('token cache v1');
  }

  private aad(): Buffer {
    return Buffer.from(`keysmith-token-cache:${this.vault.vaultId}`);
  }

  async read(): Promise<Entries> {
    let file: CacheFile;
    try {
      // Bounded, and never a symlink, FIFO or another user's file: those are discarded like damage.
      file = JSON.parse((await readPrivateFile(this.path, MAX_CACHE_BYTES))?.bytes.toString('utf8') ?? '') as CacheFile;
    } catch {
      return {};
    }
    if (file.format !== 'keysmith-token-cache' || file.version !== 1 || file.vaultId !== this.vault.vaultId) return {};
    const plain = unseal(this.key, { nonce: Buffer.from(file.nonce, 'base64'), box: Buffer.from(file.box, 'base64') }, this.aad());
    if (!plain) return {};
    let parsed: unknown;
    try {
      parsed = JSON.parse(plain.toString('utf8'));
    } catch {
      return {};
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
    return Object.fromEntries(Object.entries(parsed).filter(([, entry]) => usable(entry))) as Entries;
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
    const release = await acquireLock(this.lockPath, WRITE_LOCK_TIMEOUT_MS);
    try {
      const entries = await this.read();
      const next = Object.fromEntries(Object.entries(entries).filter(([id]) => live.has(id)));
      next[integrationId] = entry;
      await this.write(next);
    } finally {
      await release();
    }
  }

  /** Call under `lockPath`: read-modify-write, like the vault. */
  async write(entries: Entries): Promise<void> {
    const sealed = seal(this.key, Buffer.from(JSON.stringify(entries)), this.aad());
    const file: CacheFile = {
      format: 'keysmith-token-cache',
      version: 1,
      vaultId: this.vault.vaultId,
      nonce: sealed.nonce.toString('base64'),
      box: sealed.box.toString('base64'),
    };
    await replaceFileAtomically(this.path, Buffer.from(JSON.stringify(file)));
  }
}
