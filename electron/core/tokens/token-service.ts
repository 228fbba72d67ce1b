/**
 * Tokens on demand: served from the encrypted cache while more than the refresh margin remains,
 * else minted. Concurrent requests for one integration share one HTTP call: in this process through
 * a map of requests in flight, across processes (app and CLI, or ten CLIs) through that
 * integration's own mint lock, under which the cache is read again before minting. Other
 * integrations never wait for it: the cache file itself is locked only while it is written.
 * A failed re-mint keeps serving a cached token that is still valid, and says why it could not
 * refresh; a token that cannot be cached (a full disk) is handed over anyway, with a warning.
 */
import { KeysmithError, isKeysmithError } from '../errors';
import { acquireLock, lockHolderText, type ReleaseLock } from '../file-lock';
import type { Integration } from '../../shared/integration';
import { getIntegration } from '../integration-view';
import type { Vault } from '../vault';
import { mintToken, type MintOptions } from './mint-token';
import { stripControls } from './server-text';
import { TokenCache, credentialHash, type CachedToken } from './token-cache';
import { signsInUser } from '../../shared/integration-kinds';
import type { UserIntegration } from '../signin/provider-endpoints';
import { UserTokens } from '../signin/user-tokens';
import { MintRecords } from '../health/mint-record';

/** aio-lib-ims reuses a cached token only while at least 10 minutes remain. */
export const DEFAULT_REFRESH_MARGIN_MINUTES = 10;
/** Minting one integration can take several retries; other requests for it wait that long. */
const MINT_LOCK_TIMEOUT_MS = 90_000;

export interface TokenResult extends CachedToken {
  integration: Integration;
  fromCache: boolean;
  /** set when a re-mint failed and a still-valid cached token is served instead */
  refreshError?: string;
  /**
   * set when a fresh token came with something Keysmith could not keep: it could not be cached (the
   * next request mints again), or a sign-in's new refresh token was unusable (the previous one stays)
   */
  cacheWarning?: string;
}

export function refreshMarginMs(integration: Integration): number {
  const minutes = 'refreshMarginMinutes' in integration ? integration.refreshMarginMinutes : undefined;
  return (minutes ?? DEFAULT_REFRESH_MARGIN_MINUTES) * 60_000;
}

/**
 * The margin is meant for Adobe's day-long tokens; for a short-lived token (a 10-minute OAuth
 * token against a 10-minute margin) it would mean re-minting on every call, so it is capped at
 * half the token's lifetime.
 */
export function effectiveMarginMs(token: { expiresAt: number; mintedAt: number }, integration: Integration): number {
  return Math.min(refreshMarginMs(integration), (token.expiresAt - token.mintedAt) / 2);
}

export class TokenService {
  private readonly cache: TokenCache;
  /** what health reads: each integration's last mint and whether it worked */
  private readonly mints: MintRecords;
  private readonly inFlight = new Map<string, Promise<TokenResult>>();
  /** A person's tokens: renewed with their refresh token rather than minted (core/signin/). */
  readonly users: UserTokens;

  constructor(
    private readonly vault: Vault,
    private readonly mintOptions: MintOptions,
  ) {
    this.cache = new TokenCache(vault);
    this.users = new UserTokens(vault, mintOptions, (s, i) => effectiveMarginMs(s, i));
    this.mints = new MintRecords(vault);
  }

  private liveIds(): Set<string> {
    return new Set(this.vault.document.integrations.map((i) => i.id));
  }

  private now(): number {
    return (this.mintOptions.now ?? (() => new Date()))().getTime();
  }

  private fresh(entry: CachedToken | undefined, integration: Integration): entry is CachedToken {
    return !!entry && entry.credentialHash === credentialHash(integration) && entry.expiresAt - this.now() > effectiveMarginMs(entry, integration);
  }

  /** The cached token, valid or not, without minting; null when there is none for the current credentials. */
  async cached(name: string): Promise<CachedToken | null> {
    const integration = getIntegration(this.vault.document, name);
    const entry = (await this.cache.read())[integration.id];
    return entry && entry.credentialHash === credentialHash(integration) ? entry : null;
  }

  async getToken(name: string, opts: { force?: boolean } = {}): Promise<TokenResult> {
    const integration = getIntegration(this.vault.document, name);
    if (integration.kind === 'apiKey') {
      throw new KeysmithError('invalid_input', `"${integration.name}" is an API key integration: it has no token, only the x-api-key header`);
    }
    if (signsInUser(integration.kind)) return this.users.getToken(integration as UserIntegration, opts);
    if (!opts.force) {
      const entry = (await this.cache.read())[integration.id];
      if (this.fresh(entry, integration)) return { ...entry, integration, fromCache: true };
    }
    const key = `${integration.id}:${opts.force ? 'force' : 'normal'}`;
    const pending = this.inFlight.get(key);
    if (pending) return pending;
    const request = this.mintUnderLock(integration, Boolean(opts.force)).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, request);
    return request;
  }

  /**
   * This integration's mint lock. When the lock file cannot even be created (a full disk, a
   * read-only directory), minting goes ahead unlocked: the lock only saves duplicate requests, and
   * a token the user can have now beats an error about a file they never asked for.
   */
  private async lockMint(integration: Integration): Promise<ReleaseLock> {
    try {
      return await acquireLock(this.cache.mintLockPath(integration.id), MINT_LOCK_TIMEOUT_MS);
    } catch (err) {
      if (isKeysmithError(err, 'vault_busy')) {
        throw new KeysmithError(
          'token_unavailable',
          `"${integration.name}": another Keysmith process${lockHolderText(err)} has been getting this token for ${MINT_LOCK_TIMEOUT_MS / 1000} s without finishing: try again, or check that process`,
        );
      }
      // No lock file could be made (a full or read-only disk): mint unlocked rather than not at all.
      return Object.assign(async () => undefined, { confirm: async () => undefined });
    }
  }

  /** Caches a minted token; a failure to write becomes a warning sentence, never an error. */
  private async store(integration: Integration, entry: CachedToken): Promise<string | undefined> {
    try {
      await this.cache.put(integration.id, entry, new Set(this.vault.document.integrations.map((i) => i.id)));
      return undefined;
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      const why =
        e.code === 'ENOSPC' || e.code === 'EDQUOT'
          ? 'the disk is full'
          : e.code === 'EROFS'
            ? 'the file system is read-only'
            : e.code === 'EACCES' || e.code === 'EPERM'
              ? 'permission denied'
              : stripControls(String(e.message ?? err).split('\n')[0]!).slice(0, 200);
      return `"${integration.name}": the new token could not be cached in ${this.cache.path} (${why}); it is handed over anyway, and the next request mints another`;
    }
  }

  private async mintUnderLock(integration: Integration, force: boolean): Promise<TokenResult> {
    const release = await this.lockMint(integration);
    try {
      const entry = (await this.cache.read())[integration.id];
      // Another process may have minted while this one waited for the lock.
      if (!force && this.fresh(entry, integration)) return { ...entry, integration, fromCache: true };
      let minted;
      try {
        minted = await mintToken(integration, this.mintOptions);
        await this.mints.record(integration.id, { ok: true }, this.liveIds());
      } catch (err) {
        await this.mints.record(integration.id, { ok: false, reason: err instanceof Error ? err.message : String(err) }, this.liveIds());
        const stillValid = entry && entry.credentialHash === credentialHash(integration) && entry.expiresAt > this.now();
        if (stillValid && err instanceof KeysmithError) return { ...entry, integration, fromCache: true, refreshError: err.message };
        throw err;
      }
      const cached: CachedToken = { ...minted, credentialHash: credentialHash(integration) };
      const cacheWarning = await this.store(integration, cached);
      return { ...cached, integration, fromCache: false, ...(cacheWarning !== undefined && { cacheWarning }) };
    } finally {
      await release();
    }
  }
}
