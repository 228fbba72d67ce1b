/**
 * ID token validation (OIDC Core 3.1.3.7): the signature by a key of the provider's JWKS (RSA or EC;
 * never `none`, never a MAC, whose key would be the client secret), then `iss`, `aud` (and `azp`
 * when there are several audiences), `nonce`, `exp` and `iat`. Nothing from an ID token is believed
 * before all of it holds.
 */
import { createPublicKey, verify, type JsonWebKey, type KeyObject } from 'node:crypto';
import { KeysmithError } from '../errors';
import type { HttpOptions } from '../tokens/token-http';
import { getJsonObject } from './get-json';
import { sameSecret } from './pkce';

export interface IdTokenClaims {
  sub: string;
  email?: string;
  name?: string;
  preferred_username?: string;
  exp: number;
}

export interface IdTokenExpectations {
  issuer: string;
  clientId: string;
  /** absent for a grant that sends none (device code): then the token must carry none either */
  nonce: string | undefined;
  jwksUrl: string;
  now: number;
  integrationName: string;
}

/** Clocks drift; OIDC leaves the margin to the client. */
const CLOCK_SKEW_S = 120;
const ALGORITHMS: Record<string, { hash: string; ec?: boolean; pss?: boolean }> = {
  RS256: { hash: 'sha256' },
  RS384: { hash: 'sha384' },
  RS512: { hash: 'sha512' },
  PS256: { hash: 'sha256', pss: true },
  ES256: { hash: 'sha256', ec: true },
  ES384: { hash: 'sha384', ec: true },
};

function decodePart(part: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const own = (o: Record<string, unknown>, k: string): unknown => (Object.hasOwn(o, k) ? o[k] : undefined);

function pickKey(jwks: Record<string, unknown>, kid: unknown, alg: string): KeyObject | null {
  const keys = own(jwks, 'keys');
  if (!Array.isArray(keys)) return null;
  const wanted = ALGORITHMS[alg]!.ec ? 'EC' : 'RSA';
  const candidates = keys.filter((k): k is Record<string, unknown> => typeof k === 'object' && k !== null && own(k, 'kty') === wanted && (own(k, 'use') ?? 'sig') === 'sig');
  const match = typeof kid === 'string' ? candidates.filter((k) => own(k, 'kid') === kid) : candidates;
  if (match.length !== 1) return null;
  try {
    const { kty, n, e, crv, x, y } = match[0] as Record<string, string>;
    return createPublicKey({ key: { kty, n, e, crv, x, y } as JsonWebKey, format: 'jwk' });
  } catch {
    return null;
  }
}

export async function validateIdToken(idToken: string, expect: IdTokenExpectations, http: HttpOptions): Promise<IdTokenClaims> {
  const refuse = (why: string) =>
    new KeysmithError('bad_response', `"${expect.integrationName}": the provider's ID token ${why}, so the sign-in was not accepted and nothing was stored`, {
      integration: expect.integrationName,
      action: 'sign_in',
    });
  const [h, p, s] = idToken.split('.');
  const header = decodePart(h ?? '');
  const claims = decodePart(p ?? '');
  if (!header || !claims) throw refuse('is not a readable JWT');
  const alg = own(header, 'alg');
  if (typeof alg !== 'string' || !Object.hasOwn(ALGORITHMS, alg)) throw refuse(`is signed with an algorithm Keysmith does not accept (${typeof alg === 'string' ? alg.slice(0, 20).replace(/[^\w-]/g, '') : 'none'})`);
  if (!s) throw refuse('carries no signature');
  const jwks = await getJsonObject(expect.jwksUrl, 'provider key set (JWKS)', http);
  const key = pickKey(jwks, own(header, 'kid'), alg);
  if (!key) throw refuse('names a signing key the provider does not publish');
  const spec = ALGORITHMS[alg]!;
  const ok = verify(spec.hash, Buffer.from(`${h}.${p}`), { key, ...(spec.ec && { dsaEncoding: 'ieee-p1363' as const }), ...(spec.pss && { padding: 6, saltLength: 32 }) }, Buffer.from(s, 'base64url'));
  if (!ok) throw refuse('has a signature that does not verify with the provider\'s keys');
  const iss = own(claims, 'iss');
  if (typeof iss !== 'string' || iss.replace(/\/+$/, '') !== expect.issuer.replace(/\/+$/, '')) throw refuse('was issued by someone else (iss)');
  const aud = own(claims, 'aud');
  const audiences = Array.isArray(aud) ? aud : [aud];
  if (!audiences.includes(expect.clientId)) throw refuse('was issued to another client (aud)');
  if (audiences.length > 1 && own(claims, 'azp') !== expect.clientId) throw refuse('was issued to another party (azp)');
  const nonceOk = expect.nonce === undefined ? own(claims, 'nonce') === undefined : sameSecret(own(claims, 'nonce'), expect.nonce);
  if (!nonceOk) throw refuse('belongs to another sign-in (nonce)');
  const nowS = expect.now / 1000;
  const exp = own(claims, 'exp');
  if (typeof exp !== 'number' || !Number.isFinite(exp) || exp + CLOCK_SKEW_S < nowS) throw refuse('has expired (exp)');
  const iat = own(claims, 'iat');
  if (typeof iat === 'number' && iat - CLOCK_SKEW_S > nowS) throw refuse('was issued in the future (iat): check this machine\'s clock');
  const sub = own(claims, 'sub');
  if (typeof sub !== 'string' || sub === '') throw refuse('names no subject (sub)');
  const text = (k: string) => {
    const v = own(claims, k);
    return typeof v === 'string' && v.length <= 320 ? v : undefined;
  };
  return { sub, exp, ...(text('email') && { email: text('email') }), ...(text('name') && { name: text('name') }), ...(text('preferred_username') && { preferred_username: text('preferred_username') }) };
}
