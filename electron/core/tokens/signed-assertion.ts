/**
 * A freshly signed JWT, for tools that sign-then-exchange themselves (Adobe's Postman collections
 * post `jwt_token` to /ims/exchange/jwt; curl cannot sign): exactly the JWT mint-token would send
 * now, the IMS Service Account JWT or the RFC 7523 client assertion, valid JWT_LIFETIME_SECONDS.
 */
import { KeysmithError } from '../errors';
import { findKeyPair } from '../keys/keypair-store';
import type { Integration } from '../../shared/integration';
import { JWT_LIFETIME_SECONDS, clientAssertionClaims, imsJwtClaims } from './jwt-claims';
import { signRs256 } from './jwt-sign';

export interface SignedAssertion {
  jwt: string;
  /** ms since the epoch */
  expiresAt: number;
}

export async function signedAssertion(integration: Integration, now: Date = new Date()): Promise<SignedAssertion> {
  const expiresAt = (Math.floor(now.getTime() / 1000) + JWT_LIFETIME_SECONDS) * 1000;
  if (integration.kind === 'jwt') {
    return { jwt: await signRs256(imsJwtClaims(integration, now), findKeyPair(integration).privateKeyPem), expiresAt };
  }
  if (integration.kind === 'oauth2' && integration.authMethod === 'private_key_jwt') {
    return { jwt: await signRs256(clientAssertionClaims(integration.clientId, integration.tokenUrl, now), findKeyPair(integration).privateKeyPem), expiresAt };
  }
  throw new KeysmithError('invalid_input', `"${integration.name}" signs no JWT: only Service Account (JWT) and private_key_jwt OAuth 2.0 integrations do`, {
    integration: integration.name,
    field: 'format',
  });
}
