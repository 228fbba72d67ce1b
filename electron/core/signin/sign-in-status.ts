/**
 * Whether a person is signed in, for `whoami` and the app: who, until when the access token and the
 * refresh token last, and whether a sign-in is needed now. Read-only: nothing is refreshed.
 */
import { REFRESH_EXPIRY_WARNING_MS } from '../../shared/sign-in-limits';
import { credentialHash } from '../tokens/token-cache';
import type { Vault } from '../vault';
import { SessionStore, type SignedInIdentity } from './session-store';
import { userIntegration } from './sign-in';

export type SignInState =
  /** the access token is valid, or can be renewed */
  | 'signed_in'
  /** never signed in, signed out, or the settings changed since */
  | 'signed_out'
  /** signed in once, but the tokens can no longer be renewed */
  | 'expired';

export interface SignInStatus {
  name: string;
  state: SignInState;
  identity?: SignedInIdentity;
  accessExpiresAt?: number;
  /** absent when there is no refresh token; null when it has one of unknown lifetime */
  refreshExpiresAt?: number | null;
  signedInAt?: number;
  /** the refresh token lapses soon: sign in again before it does */
  refreshExpiresSoon: boolean;
}

export async function signInStatus(vault: Vault, name: string, now = Date.now()): Promise<SignInStatus> {
  const integration = userIntegration(vault, name);
  const session = await new SessionStore(vault).get(integration.id);
  if (!session || session.credentialHash !== credentialHash(integration)) return { name: integration.name, state: 'signed_out', refreshExpiresSoon: false };
  const accessOk = session.expiresAt > now;
  const refreshOk = session.refreshToken !== undefined && (session.refreshExpiresAt === undefined || session.refreshExpiresAt > now);
  return {
    name: integration.name,
    state: accessOk || refreshOk ? 'signed_in' : 'expired',
    identity: session.identity,
    accessExpiresAt: session.expiresAt,
    ...(session.refreshToken !== undefined && { refreshExpiresAt: session.refreshExpiresAt ?? null }),
    signedInAt: session.signedInAt,
    refreshExpiresSoon: refreshOk && session.refreshExpiresAt !== undefined && session.refreshExpiresAt - now < REFRESH_EXPIRY_WARNING_MS,
  };
}
