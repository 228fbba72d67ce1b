/**
 * A token endpoint's answer, checked before anything is kept. Whatever is cached is served until it
 * expires, so a lifetime of 1e20, a fraction, a boolean or a hex string, or a token that cannot go
 * into an Authorization header, is refused here as a bad answer rather than discovered later (as a
 * crash on every `--format json` or `inspect`). Units differ by endpoint: the JWT exchange reports
 * `expires_in` in milliseconds, OAuth Server-to-Server and generic OAuth 2.0 in seconds.
 */
import { KeysmithError } from '../errors';
import { quoteServer, type Redactor } from './server-text';
import { tokenEndpointError, type TokenErrorContext } from './token-errors';
import type { HttpAnswer } from './token-http';

export interface MintedToken {
  accessToken: string;
  tokenType: string;
  /** ms since epoch */
  expiresAt: number;
  mintedAt: number;
  scope?: string;
}

export type LifetimeUnit = 'ms' | 's';

/** RFC 6749 makes expires_in optional; an hour is the common default when a server omits it. */
export const DEFAULT_LIFETIME_SECONDS = 3600;
/** Nobody issues client-credential tokens for longer; a larger figure is a unit mistake or an attack. */
export const MAX_LIFETIME_MS = 366 * 86_400_000;
/** HTTP servers refuse request headers much past 8-16 KB, so a longer token could never be used. */
export const MAX_ACCESS_TOKEN_CHARS = 16 * 1024;
const MAX_SCOPE_CHARS = 4096;
const MAX_TOKEN_TYPE_CHARS = 40;

/**
 * `expires_in` as milliseconds, or null when unusable: a whole number (or a string of digits, which
 * some servers send) from 1 to a year in the endpoint's unit. Absent means the RFC's default.
 */
export function lifetimeMs(expiresIn: unknown, unit: LifetimeUnit): number | null {
  if (expiresIn === undefined || expiresIn === null) return DEFAULT_LIFETIME_SECONDS * 1000;
  let n: number;
  if (typeof expiresIn === 'number') n = expiresIn;
  else if (typeof expiresIn === 'string' && /^[0-9]{1,15}$/.test(expiresIn)) n = Number(expiresIn);
  else return null;
  if (!Number.isSafeInteger(n) || n < 1) return null;
  const ms = unit === 's' ? n * 1000 : n;
  return ms <= MAX_LIFETIME_MS ? ms : null;
}

/** Why a token cannot be used as a bearer token (RFC 6750's b64token is printable ASCII), or null. */
export function accessTokenProblem(token: unknown): string | null {
  if (typeof token !== 'string') return `it is ${Array.isArray(token) ? 'an array' : token === null ? 'null' : `a ${typeof token}`}, not a string`;
  if (token.length === 0) return 'it is empty';
  if (token.length > MAX_ACCESS_TOKEN_CHARS) return `it is longer than ${MAX_ACCESS_TOKEN_CHARS} characters`;
  if (!/^[\x21-\x7e]+$/.test(token)) return 'it holds spaces, control characters or characters outside ASCII';
  return null;
}

/** A timestamp that Date can represent and print (±8.64e15 ms). */
export function isRepresentableTime(ms: unknown): ms is number {
  return typeof ms === 'number' && Number.isFinite(ms) && Math.abs(ms) <= 8.64e15;
}

const printable = (value: unknown, max: number): value is string => typeof value === 'string' && value.length <= max && /^[\x20-\x7e]*$/.test(value);

function quoteValue(value: unknown, redactor: Redactor | undefined): string {
  let text: string;
  try {
    text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  } catch {
    text = String(value);
  }
  return quoteServer(text, redactor);
}

/**
 * RFC 6749 7.1: a client must not use an access token whose type it does not understand. Keysmith
 * presents tokens only as `Authorization: Bearer` (every format says so), so any other type (DPoP,
 * MAC, N_A) is refused; an absent or empty type counts as Bearer, as most servers mean it.
 */
export function tokenTypeRefusal(tokenType: unknown, ctx: TokenErrorContext): KeysmithError | null {
  if (tokenType === undefined || tokenType === null || tokenType === '') return null;
  if (typeof tokenType === 'string' && tokenType.toLowerCase() === 'bearer') return null;
  const what = printable(tokenType, MAX_TOKEN_TYPE_CHARS) ? `a "${tokenType}" token` : 'a token of an unreadable type';
  return new KeysmithError(
    'bad_response',
    `"${ctx.integrationName}": the provider issued ${what}, which Keysmith cannot present (it sends Bearer tokens only); nothing was kept: configure the client at the provider for Bearer tokens`,
  );
}

/** Checks everything but the token type when `opts.anyType` (the caller refuses it itself, after keeping what must be kept). */
export function readAnswer(answer: HttpAnswer, ctx: TokenErrorContext, unit: LifetimeUnit, now: number, opts: { anyType?: boolean } = {}): MintedToken {
  const who = `"${ctx.integrationName}": ${ctx.endpoint}`;
  if (answer.status === 429) {
    const wait = answer.retryAfterMs === null ? '' : ` in ${Math.ceil(answer.retryAfterMs / 1000)} s`;
    throw new KeysmithError('token_unavailable', `${who} is throttling this client (HTTP 429): try again${wait}; cached tokens keep working meanwhile`);
  }
  if (answer.status >= 500) {
    throw new KeysmithError('token_unavailable', `${who} had a server error (HTTP ${answer.status}) on every attempt: try again later`);
  }
  if (answer.status !== 200) throw tokenEndpointError(answer.status, answer.json, ctx);
  const body = answer.json;
  if (!body || typeof body !== 'object' || Array.isArray(body) || !Object.hasOwn(body, 'access_token')) {
    throw new KeysmithError('bad_response', `${who} did not answer with a token (got: "${quoteServer(answer.text, ctx.redactor)}")`);
  }
  const { access_token: accessToken, token_type: tokenType, expires_in: expiresIn, scope } = body as Record<string, unknown>;
  const problem = accessTokenProblem(accessToken);
  if (problem !== null) throw new KeysmithError('bad_response', `${who} answered with an unusable access_token (${problem}); nothing was kept: check the token URL`);
  const refusal = opts.anyType ? null : tokenTypeRefusal(tokenType, ctx);
  if (refusal) throw refusal;
  const lifetime = lifetimeMs(expiresIn, unit);
  if (lifetime === null) {
    const range = unit === 's' ? `whole seconds from 1 to ${MAX_LIFETIME_MS / 1000}` : `whole milliseconds from 1 to ${MAX_LIFETIME_MS}`;
    throw new KeysmithError('bad_response', `${who} gave an unusable expires_in ("${quoteValue(expiresIn, ctx.redactor)}") where ${range} (a year) were expected; nothing was kept`);
  }
  return {
    accessToken: accessToken as string,
    tokenType: 'Bearer',
    expiresAt: now + lifetime,
    mintedAt: now,
    ...(printable(scope, MAX_SCOPE_CHARS) && { scope }),
  };
}
