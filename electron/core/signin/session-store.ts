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
import { seal, unseal } from '../crypto-primitives';
import { replaceFileAtomically } from '../atomic-file';
import { acquireLock } from '../file-lock';
import { readPrivateFile } from '../private-files';
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

const LOCK_TIMEOUT_MS = 10_000;
const MAX_FILE_BYTES = 16 * 1024 * 1024;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface SessionFile {
  format: 'keysmith-signins';
  version: 1;
  vaultId: string;
  nonce: string;
  box: string;
}

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
  private readonly key: Buffer;

  constructor(private readonly vault: Vault) {
    this.path = path.join(vault.paths.dir, 'signins.ksc');
    this.lockPath = path.join(vault.paths.dir, 'signins.lock');
    this.key = vault.deriveKey('sign-in sessions v1');
  }

  private aad(): Buffer {
    return Buffer.from(`keysmith-signins:${this.vault.vaultId}`);
  }

  /** Held across one integration's refresh (its HTTP call), so concurrent processes share one request. */
  refreshLockPath(integrationId: string): string {
    const tag = UUID.test(integrationId) ? integrationId : createHash('sha256').update(integrationId).digest('hex').slice(0, 32);
    return path.join(this.vault.paths.dir, `signin-${tag}.lock`);
  }

  async readAll(): Promise<Sessions> {
    let file: SessionFile;
    try {
      file = JSON.parse((await readPrivateFile(this.path, MAX_FILE_BYTES))?.bytes.toString('utf8') ?? '') as SessionFile;
    } catch {
      return {};
    }
    if (file?.format !== 'keysmith-signins' || file.version !== 1 || file.vaultId !== this.vault.vaultId) return {};
    const plain = unseal(this.key, { nonce: Buffer.from(String(file.nonce), 'base64'), box: Buffer.from(String(file.box), 'base64') }, this.aad());
    if (!plain) return {};
    let parsed: unknown;
    try {
      parsed = JSON.parse(plain.toString('utf8'));
    } catch {
      return {};
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
    // A null-prototype copy: an id of "__proto__" stays an ordinary key.
    const out: Sessions = Object.create(null);
    for (const [id, entry] of Object.entries(parsed)) if (usable(entry)) out[id] = entry;
    return out;
  }

  async get(integrationId: string): Promise<SignInSession | undefined> {
    const all = await this.readAll();
    return Object.hasOwn(all, integrationId) ? all[integrationId] : undefined;
  }

  /** Stores (or, with `null`, forgets) one sign-in; sessions of integrations no longer in the vault are dropped on the way. */
  async put(integrationId: string, session: SignInSession | null): Promise<void> {
    const release = await acquireLock(this.lockPath, LOCK_TIMEOUT_MS);
    try {
      const live = new Set(this.vault.document.integrations.map((i) => i.id));
      const next: Sessions = Object.create(null);
      for (const [id, entry] of Object.entries(await this.readAll())) if (live.has(id) && id !== integrationId) next[id] = entry;
      if (session) next[integrationId] = session;
      const sealed = seal(this.key, Buffer.from(JSON.stringify(next)), this.aad());
      const file: SessionFile = { format: 'keysmith-signins', version: 1, vaultId: this.vault.vaultId, nonce: sealed.nonce.toString('base64'), box: sealed.box.toString('base64') };
      await replaceFileAtomically(this.path, Buffer.from(JSON.stringify(file)));
    } finally {
      await release();
    }
  }
}
