/**
 * A signed-in person's access token on demand: the stored one while fresh, else renewed with the
 * refresh token. Concurrent requests share one refresh: in this process through a map of requests
 * in flight, across processes through the integration's refresh lock, under which the session is
 * read again (another process may have just rotated the refresh token, and the old one may already
 * be spent). The rotated refresh token is stored before the access token is handed over.
 */
import { KeysmithError, isKeysmithError } from '../errors';
import { acquireLock } from '../file-lock';
import type { Vault } from '../vault';
import { credentialHash } from '../tokens/token-cache';
import type { TokenResult } from '../tokens/token-service';
import { resolveEndpoints, type UserIntegration } from './provider-endpoints';
import { SessionStore, type SignInSession } from './session-store';
import { refreshGrant, type GrantOptions } from './user-grants';
import { RefusedWithRotation } from './user-token-answer';

const REFRESH_LOCK_TIMEOUT_MS = 90_000;

export function signInNeeded(integration: UserIntegration, why: string): KeysmithError {
  return new KeysmithError('token_unavailable', `"${integration.name}" ${why}`, { integration: integration.name, action: 'sign_in' });
}

export class UserTokens {
  private readonly store: SessionStore;
  private readonly inFlight = new Map<string, Promise<TokenResult>>();

  constructor(
    private readonly vault: Vault,
    private readonly opts: GrantOptions,
    private readonly marginMs: (session: SignInSession, integration: UserIntegration) => number,
  ) {
    this.store = new SessionStore(vault);
  }

  private now(): number {
    return (this.opts.now ?? (() => new Date()))().getTime();
  }

  /** The stored sign-in of the integration's current settings, or undefined. */
  async session(integration: UserIntegration): Promise<SignInSession | undefined> {
    const s = await this.store.get(integration.id);
    return s && s.credentialHash === credentialHash(integration) ? s : undefined;
  }

  private fresh(s: SignInSession, integration: UserIntegration): boolean {
    return s.expiresAt - this.now() > this.marginMs(s, integration);
  }

  async getToken(integration: UserIntegration, opts: { force?: boolean } = {}): Promise<TokenResult> {
    const s = await this.session(integration);
    if (!s) throw signInNeeded(integration, 'is not signed in');
    if (!opts.force && this.fresh(s, integration)) return { ...s, integration, fromCache: true };
    const key = `${integration.id}:${opts.force ? 'force' : 'normal'}`;
    const pending = this.inFlight.get(key);
    if (pending) return pending;
    const request = this.refreshUnderLock(integration, Boolean(opts.force), s).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, request);
    return request;
  }

  private async refreshUnderLock(integration: UserIntegration, force: boolean, seen: SignInSession): Promise<TokenResult> {
    const release = await acquireLock(this.store.refreshLockPath(integration.id), REFRESH_LOCK_TIMEOUT_MS);
    try {
      const s = (await this.session(integration)) ?? seen;
      // Another process refreshed while this one waited: its token (and rotated refresh token) stand.
      if (s.mintedAt !== seen.mintedAt && this.fresh(s, integration)) return { ...s, integration, fromCache: true };
      if (!force && this.fresh(s, integration)) return { ...s, integration, fromCache: true };
      if (!s.refreshToken) {
        if (s.expiresAt > this.now()) return { ...s, integration, fromCache: true };
        throw signInNeeded(integration, 'has an expired access token and no refresh token (the provider gave none)');
      }
      if (s.refreshExpiresAt !== undefined && s.refreshExpiresAt <= this.now()) {
        if (s.expiresAt > this.now()) return { ...s, integration, fromCache: true };
        throw signInNeeded(integration, 'has a sign-in that lapsed (its refresh token expired)');
      }
      let answer;
      try {
        answer = await refreshGrant(integration, await resolveEndpoints(integration, this.opts), s.refreshToken, this.opts);
      } catch (err) {
        if (err instanceof RefusedWithRotation) {
          // The answer is refused, but its new refresh token replaces the old one, which may be spent.
          const { refreshToken, refreshExpiresAt } = err.rotated;
          const kept: SignInSession = { ...s, refreshToken, ...(refreshExpiresAt !== undefined ? { refreshExpiresAt } : {}) };
          if (refreshExpiresAt === undefined) delete kept.refreshExpiresAt;
          await this.store.put(integration.id, kept);
        }
        if (isKeysmithError(err, 'token_refused') && err.action === 'sign_in') {
          // A refused refresh token never works again: forget it, so status says so too.
          await this.store.put(integration.id, { ...s, refreshToken: undefined } as SignInSession).catch(() => undefined);
        }
        // A still-valid access token outlives a failed renewal, as for minted tokens.
        if (err instanceof KeysmithError && s.expiresAt > this.now()) return { ...s, integration, fromCache: true, refreshError: err.message };
        throw err;
      }
      const { idToken: _id, refreshToken, refreshExpiresAt, refreshWarning, ...token } = answer;
      const next: SignInSession = {
        ...s,
        ...token,
        credentialHash: credentialHash(integration),
        // Rotation: a new refresh token replaces the spent one; none given means the old one stays good.
        refreshToken: refreshToken ?? s.refreshToken,
        refreshExpiresAt: refreshToken ? refreshExpiresAt : s.refreshExpiresAt,
      };
      if (next.refreshExpiresAt === undefined) delete next.refreshExpiresAt;
      await this.store.put(integration.id, next);
      return { ...next, integration, fromCache: false, ...(refreshWarning !== undefined && { cacheWarning: refreshWarning }) };
    } finally {
      await release();
    }
  }
}
