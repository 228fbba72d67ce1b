/**
 * A person's sign-in, kept encrypted beside the vault (`signins.ksc`, key derived from the vault's
 * data key like the token cache's): the access token, the refresh token that renews it, and who
 * signed in. Refresh tokens, ID token claims and user info are secrets and live only here.
 *
 * Every write replaces the file atomically under `signins.lock`, so a process killed while storing
 * a rotated refresh token leaves the old file or the new one, never neither. A damaged or foreign
 * file reads as "nobody signed in": the person signs in again; nothing else is affected.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { SealedSideFile } from '../sealed-side-file';
import type { Vault } from '../vault';
import { accessTokenProblem, isRepresentableTime } from '../tokens/token-answer';
import type { CachedToken } from '../tokens/token-cache';

export interface SignedInIdentity {
  sub?: string;
  name?: string;
  email?: string;
  /** where the identity comes from: a validated ID token, the user info endpoint, or nowhere */
  source: 'id_token' | 'userinfo' | 'none';
}

export interface SignInSession extends CachedToken {
  refreshToken?: string;
  refreshExpiresAt?: number;
  identity: SignedInIdentity;
  signedInAt: number;
}

type Sessions = Record<string, SignInSession>;

/** The on-disk format of `signins.ksc`: existing files must keep opening, so none of this may change. */
const SIGN_IN_FILE = {
  fileName: 'signins.ksc',
  format: 'keysmith-signins',
  keyLabel: 'sign-in sessions v1',
  headerNamesVault: true,
  maxBytes: 16 * 1024 * 1024,
  lockTimeoutMs: 10_000,
} as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function usable(entry: unknown): entry is SignInSession {
  if (typeof entry !== 'object' || entry === null) return false;
  const e = entry as Record<string, unknown>;
  return (
    accessTokenProblem(e.accessToken) === null &&
    (e.refreshToken === undefined || accessTokenProblem(e.refreshToken) === null) &&
    isRepresentableTime(e.expiresAt) &&
    isRepresentableTime(e.mintedAt) &&
    typeof e.credentialHash === 'string' &&
    typeof e.identity === 'object' &&
    e.identity !== null
  );
}

export class SessionStore {
  readonly path: string;
  readonly lockPath: string;
  private readonly file: SealedSideFile;

  constructor(private readonly vault: Vault) {
    this.file = new SealedSideFile(vault, SIGN_IN_FILE);
    this.path = this.file.path;
    this.lockPath = this.file.lockPath;
  }

  /** Held across one integration's refresh (its HTTP call), so concurrent processes share one request. */
  refreshLockPath(integrationId: string): string {
    const tag = UUID.test(integrationId) ? integrationId : createHash('sha256').update(integrationId).digest('hex').slice(0, 32);
    return path.join(this.vault.paths.dir, `signin-${tag}.lock`);
  }

  async readAll(): Promise<Sessions> {
    // A null-prototype copy: an id of "__proto__" stays an ordinary key.
    const out: Sessions = Object.create(null);
    for (const [id, entry] of Object.entries(await this.file.read())) if (usable(entry)) out[id] = entry;
    return out;
  }

  async get(integrationId: string): Promise<SignInSession | undefined> {
    const all = await this.readAll();
    return Object.hasOwn(all, integrationId) ? all[integrationId] : undefined;
  }

  /** Stores (or, with `null`, forgets) one sign-in; sessions of integrations no longer in the vault are dropped on the way. */
  async put(integrationId: string, session: SignInSession | null): Promise<void> {
    await this.file.update((records) => {
      const live = new Set(this.vault.document.integrations.map((i) => i.id));
      const next: Sessions = Object.create(null);
      for (const [id, entry] of Object.entries(records)) if (live.has(id) && id !== integrationId && usable(entry)) next[id] = entry;
      if (session) next[integrationId] = session;
      return next;
    });
  }
}
