/**
 * Reading an access token without trusting it: Adobe's are JWTs whose payload carries `created_at`
 * and `expires_in` in milliseconds (as strings). The signature is never returned or printed. The
 * payload is the server's: times that Date cannot hold read as absent rather than throwing. Claims
 * are returned exactly as sent (`inspect --json` shows them as they are); whoever prints them to a
 * terminal makes their control characters visible.
 */
import { isRepresentableTime } from './token-answer';

export interface DecodedAccessToken {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
  issuedAt?: string;
  expiresAt?: string;
  scopes: string[];
}

function decodePart(part: string): Record<string, unknown> | null {
  try {
    const value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as unknown;
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const iso = (ms: number) => (isRepresentableTime(ms) ? new Date(ms).toISOString() : undefined);

/** Null for an opaque token (not a JWT). */
export function decodeAccessToken(token: string): DecodedAccessToken | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const header = decodePart(parts[0]!);
  const claims = decodePart(parts[1]!);
  if (!header || !claims) return null;
  // Adobe: created_at/expires_in in ms; standard JWT: iat/exp in seconds.
  const createdAt = claims.created_at !== undefined ? Number(claims.created_at) : Number(claims.iat) * 1000;
  const expiresAt =
    claims.created_at !== undefined && claims.expires_in !== undefined ? createdAt + Number(claims.expires_in) : Number(claims.exp) * 1000;
  const scopeText = typeof claims.scope === 'string' ? claims.scope : typeof claims.scp === 'string' ? claims.scp : '';
  const issuedAt = iso(createdAt);
  const expires = iso(expiresAt);
  return {
    header,
    claims,
    ...(issuedAt && { issuedAt }),
    ...(expires && { expiresAt: expires }),
    scopes: scopeText.split(/[ ,]+/).filter(Boolean),
  };
}
