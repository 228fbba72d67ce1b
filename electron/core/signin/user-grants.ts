/**
 * The token requests of a person's sign-in (RFC 6749 4.1.3 and 6, RFC 7636, RFC 7009), over the
 * shared HTTP layer. `invalid_grant` means something different here than for a machine's token: a
 * code that expired or was used, a refresh token that lapsed or was revoked; both end in "sign in
 * again", never in a hint about client credentials.
 */
import { KeysmithError } from '../errors';
import { postForm, type HttpOptions } from '../tokens/token-http';
import { quoteServer } from '../tokens/server-text';
import { clientAuth, redactorOf } from './client-auth';
import type { ProviderEndpoints, UserIntegration } from './provider-endpoints';
import { readUserAnswer, type UserTokenAnswer } from './user-token-answer';

export type GrantOptions = HttpOptions & { now?: () => Date };

function errorOf(json: unknown): string | undefined {
  return typeof json === 'object' && json !== null && Object.hasOwn(json, 'error') && typeof (json as { error: unknown }).error === 'string' ? (json as { error: string }).error : undefined;
}

async function request(
  integration: UserIntegration,
  endpoints: ProviderEndpoints,
  form: Record<string, string>,
  secrets: (string | undefined)[],
  opts: GrantOptions,
  whenInvalidGrant: string,
): Promise<UserTokenAnswer> {
  const now = (opts.now ?? (() => new Date()))().getTime();
  const auth = clientAuth(integration);
  const redactor = redactorOf(auth, secrets);
  // A code is good once: a retry after a lost answer would only be refused as a replay.
  const attempts = form.grant_type === 'authorization_code' ? 1 : opts.attempts;
  const answer = await postForm(endpoints.tokenUrl, { ...form, ...auth.form }, auth.headers, { ...opts, ...(attempts !== undefined && { attempts }) }, redactor);
  if (answer.status === 400 && errorOf(answer.json) === 'invalid_grant') {
    const description = (answer.json as Record<string, unknown>).error_description;
    const detail = typeof description === 'string' && description ? ` (provider: "${quoteServer(description, redactor)}")` : '';
    throw new KeysmithError('token_refused', `"${integration.name}": ${whenInvalidGrant}${detail}`, { integration: integration.name, action: 'sign_in' });
  }
  return readUserAnswer(answer, { integrationName: integration.name, endpoint: endpoints.tokenUrl, redactor }, now, { adobe: integration.kind === 'oauthUser', renewal: form.grant_type === 'refresh_token' });
}

export function exchangeCode(
  integration: UserIntegration,
  endpoints: ProviderEndpoints,
  grant: { code: string; codeVerifier: string; redirectUri: string },
  opts: GrantOptions,
): Promise<UserTokenAnswer> {
  const form = { grant_type: 'authorization_code', code: grant.code, redirect_uri: grant.redirectUri, code_verifier: grant.codeVerifier };
  return request(integration, endpoints, form, [grant.code, grant.codeVerifier], opts, 'the provider refused the authorization code (expired, already used, or issued for another redirect)');
}

export function refreshGrant(integration: UserIntegration, endpoints: ProviderEndpoints, refreshToken: string, opts: GrantOptions): Promise<UserTokenAnswer> {
  return request(integration, endpoints, { grant_type: 'refresh_token', refresh_token: refreshToken }, [refreshToken], opts, 'the sign-in has expired or was revoked at the provider (refresh token refused)');
}

export type RevokeOutcome = 'revoked' | 'unsupported' | 'failed';

/** RFC 7009: revokes one token; a provider without the endpoint, or one that fails, leaves the local deletion to stand. */
export async function revokeToken(
  integration: UserIntegration,
  endpoints: ProviderEndpoints,
  token: { value: string; hint: 'refresh_token' | 'access_token' },
  opts: GrantOptions,
): Promise<RevokeOutcome> {
  if (!endpoints.revocationUrl) return 'unsupported';
  const auth = clientAuth(integration);
  try {
    const answer = await postForm(endpoints.revocationUrl, { token: token.value, token_type_hint: token.hint, ...auth.form }, auth.headers, { ...opts, attempts: opts.attempts ?? 2 }, redactorOf(auth, [token.value]));
    return answer.status === 200 ? 'revoked' : 'failed';
  } catch {
    return 'failed';
  }
}
