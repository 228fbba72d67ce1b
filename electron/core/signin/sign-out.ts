/**
 * Signing out: the refresh token (which revokes the whole grant at most providers) and the access
 * token are revoked where the provider can (RFC 7009), then the stored sign-in is deleted whatever
 * the provider said: a provider that is down must not keep tokens on this machine.
 */
import type { Vault } from '../vault';
import { resolveEndpoints } from './provider-endpoints';
import { SessionStore } from './session-store';
import { userIntegration } from './sign-in';
import { revokeToken, type GrantOptions, type RevokeOutcome } from './user-grants';

export interface SignOutResult {
  /** false when there was no sign-in to forget */
  wasSignedIn: boolean;
  revocation: RevokeOutcome | 'none';
}

export async function signOut(vault: Vault, name: string, opts: GrantOptions): Promise<SignOutResult> {
  const integration = userIntegration(vault, name);
  const store = new SessionStore(vault);
  const session = await store.get(integration.id);
  if (!session) return { wasSignedIn: false, revocation: 'none' };
  let revocation: RevokeOutcome = 'unsupported';
  try {
    const endpoints = await resolveEndpoints(integration, opts);
    const token = session.refreshToken ? { value: session.refreshToken, hint: 'refresh_token' as const } : { value: session.accessToken, hint: 'access_token' as const };
    revocation = await revokeToken(integration, endpoints, token, opts);
    if (revocation === 'revoked' && session.refreshToken) await revokeToken(integration, endpoints, { value: session.accessToken, hint: 'access_token' }, opts);
  } catch {
    revocation = 'failed';
  }
  await store.put(integration.id, null);
  return { wasSignedIn: true, revocation };
}
