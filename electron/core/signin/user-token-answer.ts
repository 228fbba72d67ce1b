/**
 * A token endpoint's answer to a user grant: the access token checked as for any grant
 * (token-answer.ts), plus what only a person's sign-in brings: the refresh token to keep (and its
 * lifetime, where the provider says it), and the ID token to validate.
 */
import { KeysmithError } from '../errors';
import { accessTokenProblem, lifetimeMs, readAnswer, tokenTypeRefusal, type MintedToken } from '../tokens/token-answer';
import type { HttpAnswer } from '../tokens/token-http';
import type { TokenErrorContext } from '../tokens/token-errors';

export interface UserTokenAnswer extends MintedToken {
  refreshToken?: string;
  /** ms since epoch, when the provider says (Keycloak's refresh_expires_in; Adobe's documented 14 days) */
  refreshExpiresAt?: number;
  idToken?: string;
  /** A sentence for the user when the provider sent a new refresh token Keysmith could not keep (no secret in it). */
  refreshWarning?: string;
}

/**
 * An answer Keysmith cannot use (an access token of a type other than Bearer) that still rotated the
 * refresh token: the old one may already be dead, so the caller stores the new one before passing
 * the refusal on. The refresh token is held in a private field: never in the message, never
 * serialized with the error.
 */
export class RefusedWithRotation extends KeysmithError {
  readonly #rotated: { refreshToken: string; refreshExpiresAt?: number };
  constructor(refusal: KeysmithError, rotated: { refreshToken: string; refreshExpiresAt?: number }) {
    super(refusal.code, refusal.message, { cause: refusal });
    this.#rotated = rotated;
  }
  get rotated(): { refreshToken: string; refreshExpiresAt?: number } {
    return this.#rotated;
  }
}

/** Adobe's refresh tokens last 14 days (adobe-ims.md); IMS does not say so in the answer. */
export const ADOBE_REFRESH_LIFETIME_MS = 14 * 86_400_000;
/** ID tokens are signed JWTs of a few KB; a longer one is refused rather than parsed. */
const MAX_ID_TOKEN_CHARS = 32 * 1024;

/**
 * `opts.renewal`: the answer to a refresh, where a refresh token is already in hand. An unusable new
 * one then leaves that one in place (with a warning) rather than losing a good access token; at
 * sign-in there is nothing to fall back on, and the person, present, is told at once.
 */
export function readUserAnswer(answer: HttpAnswer, ctx: TokenErrorContext, now: number, opts: { adobe: boolean; renewal?: boolean }): UserTokenAnswer {
  const token = readAnswer(answer, ctx, 's', now, { anyType: true });
  const body = answer.json as Record<string, unknown>;
  const own = (k: string) => (Object.hasOwn(body, k) ? body[k] : undefined);
  const refresh = own('refresh_token');
  const idToken = own('id_token');
  const out: UserTokenAnswer = { ...token };
  // Empty, null or not a string: read as "no new refresh token" (the one in hand stays good), as
  // several providers send on a refresh that does not rotate. Refusing the whole answer would throw
  // away a good access token.
  if (typeof refresh === 'string' && refresh !== '') {
    // The same rule as an access token: it goes into a form body, and is kept for months.
    const problem = accessTokenProblem(refresh);
    if (problem !== null && !opts.renewal) {
      throw new KeysmithError('bad_response', `"${ctx.integrationName}": ${ctx.endpoint} answered with an unusable refresh_token (${problem}); nothing was kept`);
    } else if (problem !== null) {
      out.refreshWarning = `${ctx.endpoint} sent a new refresh token that Keysmith cannot use (${problem}); the previous one was kept, and if the provider has retired it, the next renewal will ask for a new sign-in`;
    } else {
      out.refreshToken = refresh;
      const lifetime = own('refresh_expires_in') ?? own('refresh_token_expires_in');
      const ms = lifetime === undefined || lifetime === 0 ? null : lifetimeMs(lifetime, 's');
      if (ms !== null) out.refreshExpiresAt = now + ms;
      else if (opts.adobe) out.refreshExpiresAt = now + ADOBE_REFRESH_LIFETIME_MS;
    }
  }
  const refusal = tokenTypeRefusal(own('token_type'), ctx);
  if (refusal) {
    if (out.refreshToken === undefined) throw refusal;
    throw new RefusedWithRotation(refusal, { refreshToken: out.refreshToken, ...(out.refreshExpiresAt !== undefined && { refreshExpiresAt: out.refreshExpiresAt }) });
  }
  if (typeof idToken === 'string' && idToken.length > 0) {
    if (idToken.length > MAX_ID_TOKEN_CHARS || !/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(idToken)) {
      throw new KeysmithError('bad_response', `"${ctx.integrationName}": ${ctx.endpoint} answered with an ID token that is not a JWT; nothing was kept`);
    }
    out.idToken = idToken;
  }
  return out;
}
