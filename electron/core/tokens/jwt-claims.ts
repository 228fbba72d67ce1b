/**
 * The claims Adobe IMS expects in a Service Account JWT, and the RFC 7523 client assertion a
 * generic OAuth 2.0 server expects for `private_key_jwt`. The IMS host comes from the integration's
 * endpoint, so stage (`ims-na1-stg1`) and loopback emulators sign for themselves.
 */
import { randomUUID } from 'node:crypto';

/** aio-lib-ims-jwt's lifetime: long enough for clock skew, short enough to be useless if leaked. */
export const JWT_LIFETIME_SECONDS = 300;

export interface ImsJwtSubject {
  clientId: string;
  orgId: string;
  technicalAccountId: string;
  metascopes: string[];
  imsEndpoint: string;
}

export function imsJwtClaims(s: ImsJwtSubject, now: Date = new Date()): Record<string, unknown> {
  const claims: Record<string, unknown> = {
    exp: Math.floor(now.getTime() / 1000) + JWT_LIFETIME_SECONDS,
    iss: s.orgId,
    sub: s.technicalAccountId,
    aud: `${s.imsEndpoint}/c/${s.clientId}`,
  };
  for (const metascope of s.metascopes) claims[`${s.imsEndpoint}/s/${metascope}`] = true;
  return claims;
}

/** RFC 7523 section 3: iss and sub are the client id, aud the token endpoint, jti one-time. */
export function clientAssertionClaims(clientId: string, tokenUrl: string, now: Date = new Date()): Record<string, unknown> {
  const iat = Math.floor(now.getTime() / 1000);
  return { iss: clientId, sub: clientId, aud: tokenUrl, jti: randomUUID(), iat, exp: iat + JWT_LIFETIME_SECONDS };
}
