/**
 * The one-time values of an authorization request: a PKCE verifier and its S256 challenge
 * (RFC 7636), `state` (binds the redirect to this request, RFC 6749 10.12) and `nonce` (binds the
 * ID token to it, OIDC Core 3.1.2.1). 32 random bytes each, base64url: 43 characters, the
 * verifier's minimum length and far past guessing.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export interface AuthorizationSecrets {
  codeVerifier: string;
  codeChallenge: string;
  state: string;
  nonce: string;
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function s256Challenge(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

export function newAuthorizationSecrets(): AuthorizationSecrets {
  const codeVerifier = randomToken();
  return { codeVerifier, codeChallenge: s256Challenge(codeVerifier), state: randomToken(), nonce: randomToken() };
}

/** Compares a value that came back over the network with the one sent, in constant time. */
export function sameSecret(received: unknown, expected: string): boolean {
  if (typeof received !== 'string') return false;
  const a = Buffer.from(received);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
