/**
 * A token endpoint's answer to a user grant: the access token checked as for any grant
 * (token-answer.ts), plus what only a person's sign-in brings: the refresh token to keep (and its
 * lifetime, where the provider says it), and the ID token to validate.
 */
import { KeysmithError } from '../errors';
import { accessTokenProblem, lifetimeMs, readAnswer, type MintedToken } from '../tokens/token-answer';
import type { HttpAnswer } from '../tokens/token-http';
import type { TokenErrorContext } from '../tokens/token-errors';

export interface UserTokenAnswer extends MintedToken {
  refreshToken?: string;
  /** ms since epoch, when the provider says (Keycloak's refresh_expires_in; Adobe's documented 14 days) */
  refreshExpiresAt?: number;
  idToken?: string;
}

/** Adobe's refresh tokens last 14 days (adobe-ims.md); IMS does not say so in the answer. */
export const ADOBE_REFRESH_LIFETIME_MS = 14 * 86_400_000;
/** ID tokens are signed JWTs of a few KB; a longer one is refused rather than parsed. */
const MAX_ID_TOKEN_CHARS = 32 * 1024;

export function readUserAnswer(answer: HttpAnswer, ctx: TokenErrorContext, now: number, opts: { adobe: boolean }): UserTokenAnswer {
  const token = readAnswer(answer, ctx, 's', now);
  const body = answer.json as Record<string, unknown>;
  const own = (k: string) => (Object.hasOwn(body, k) ? body[k] : undefined);
  const refresh = own('refresh_token');
  const idToken = own('id_token');
  const out: UserTokenAnswer = { ...token };
  if (refresh !== undefined && refresh !== null) {
    // The same rule as an access token: it goes into a form body, and is kept for months.
    const problem = accessTokenProblem(refresh);
    if (problem !== null) throw new KeysmithError('bad_response', `"${ctx.integrationName}": ${ctx.endpoint} answered with an unusable refresh_token (${problem}); nothing was kept`);
    out.refreshToken = refresh as string;
    const lifetime = own('refresh_expires_in') ?? own('refresh_token_expires_in');
    const ms = lifetime === undefined || lifetime === 0 ? null : lifetimeMs(lifetime, 's');
    if (ms !== null) out.refreshExpiresAt = now + ms;
    else if (opts.adobe) out.refreshExpiresAt = now + ADOBE_REFRESH_LIFETIME_MS;
  }
  if (typeof idToken === 'string' && idToken.length > 0) {
    if (idToken.length > MAX_ID_TOKEN_CHARS || !/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(idToken)) {
      throw new KeysmithError('bad_response', `"${ctx.integrationName}": ${ctx.endpoint} answered with an ID token that is not a JWT; nothing was kept`);
    }
    out.idToken = idToken;
  }
  return out;
}
