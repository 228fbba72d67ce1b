/**
 * The ways a token is handed over, shared by `keysmith token` and the app's copy button, so both
 * give the same text. API key integrations have no token: their forms carry the x-api-key header.
 */
import type { TokenFormat } from '../../shared/formats';
import type { Integration } from '../../shared/integration';

export { TOKEN_FORMATS, type TokenFormat } from '../../shared/formats';

export interface Credentials {
  integration: Integration;
  /** absent for API key integrations */
  accessToken?: string;
  expiresAt?: number;
  fromCache?: boolean;
}

/** POSIX single quotes: safe for any value, including ones with spaces or quotes. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

function orgIdOf(integration: Integration): string | undefined {
  return 'orgId' in integration ? integration.orgId : undefined;
}

/**
 * The headers an API call needs. Adobe gateways want the client id as x-api-key next to the
 * bearer token, and the org for org-scoped APIs (Cloud Manager); generic OAuth 2.0 APIs want only
 * the bearer token.
 */
export function requestHeaders(c: Credentials): [string, string][] {
  const adobe = c.integration.kind !== 'oauth2' && c.integration.kind !== 'oauth2User';
  const headers: [string, string][] = [];
  if (c.accessToken) headers.push(['Authorization', `Bearer ${c.accessToken}`]);
  if (adobe) headers.push(['x-api-key', c.integration.clientId]);
  const org = orgIdOf(c.integration);
  if (adobe && org && c.accessToken) headers.push(['x-gw-ims-org-id', org]);
  return headers;
}

export function environment(c: Credentials): Record<string, string> {
  const env: Record<string, string> = {};
  if (c.accessToken) env.KEYSMITH_ACCESS_TOKEN = c.accessToken;
  if (c.integration.kind !== 'oauth2' && c.integration.kind !== 'oauth2User') env.KEYSMITH_API_KEY = c.integration.clientId;
  const org = orgIdOf(c.integration);
  if (org) env.KEYSMITH_ORG_ID = org;
  return env;
}

export function formatCredentials(format: TokenFormat, c: Credentials): string {
  switch (format) {
    case 'raw':
      return c.accessToken ?? c.integration.clientId;
    case 'header':
      return c.accessToken ? `Authorization: Bearer ${c.accessToken}` : `x-api-key: ${c.integration.clientId}`;
    case 'curl':
      return ['curl', ...requestHeaders(c).flatMap(([k, v]) => ['-H', shellQuote(`${k}: ${v}`)])].join(' ');
    case 'env':
      return Object.entries(environment(c))
        .map(([k, v]) => `export ${k}=${shellQuote(v)}`)
        .join('\n');
    case 'json':
      return JSON.stringify(
        {
          integration: c.integration.name,
          kind: c.integration.kind,
          accessToken: c.accessToken ?? null,
          tokenType: c.accessToken ? 'Bearer' : null,
          expiresAt: c.expiresAt ? new Date(c.expiresAt).toISOString() : null,
          fromCache: c.fromCache ?? false,
          apiKey: c.integration.kind !== 'oauth2' && c.integration.kind !== 'oauth2User' ? c.integration.clientId : null,
          orgId: orgIdOf(c.integration) ?? null,
        },
        null,
        2,
      );
  }
}
