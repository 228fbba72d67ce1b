/**
 * Where a user sign-in talks to: Adobe's endpoints derived from the IMS host (adobe-ims.md, "User
 * sign-in"), a generic provider's from OpenID discovery at its issuer, with explicit URLs winning
 * over discovered ones. A discovery document is trusted only when it names the issuer it was
 * fetched from (OIDC Discovery 4.3), and each URL in it passes the same https rule as a typed one.
 */
import { KeysmithError } from '../errors';
import { checkEndpoint } from '../../shared/endpoint-url';
import type { Integration } from '../../shared/integration';
import { quoteServer } from '../tokens/server-text';
import type { HttpOptions } from '../tokens/token-http';
import { getJsonObject, stringField } from './get-json';

export type UserIntegration = Extract<Integration, { kind: 'oauthUser' | 'oauth2User' }>;

export interface ProviderEndpoints {
  issuer?: string;
  authorizeUrl?: string;
  tokenUrl: string;
  deviceUrl?: string;
  revocationUrl?: string;
  userinfoUrl?: string;
  jwksUrl?: string;
  /** Adobe IMS reads scopes comma-separated, RFC 6749 space-separated */
  scopeSeparator: ',' | ' ';
}

export function adobeEndpoints(imsEndpoint: string): ProviderEndpoints {
  return {
    issuer: imsEndpoint,
    authorizeUrl: `${imsEndpoint}/ims/authorize/v2`,
    tokenUrl: `${imsEndpoint}/ims/token/v3`,
    revocationUrl: `${imsEndpoint}/ims/revoke`,
    userinfoUrl: `${imsEndpoint}/ims/userinfo/v2`,
    jwksUrl: `${imsEndpoint}/ims/keys`,
    scopeSeparator: ',',
  };
}

function discoveredUrl(doc: Record<string, unknown>, name: string, issuer: string): string | undefined {
  const value = stringField(doc, name);
  if (value === undefined) return undefined;
  const check = checkEndpoint(value, { bareHostAllowed: false, originOnly: false });
  if (!check.ok) throw new KeysmithError('bad_response', `The discovery document of ${issuer} gives a ${name} that ${check.reason}`);
  return check.url;
}

/** Issuers compare as strings; a trailing slash is the one difference providers and users disagree on. */
const sameIssuer = (a: string, b: string) => a.replace(/\/+$/, '') === b.replace(/\/+$/, '');

export async function discover(issuer: string, opts: HttpOptions): Promise<Omit<ProviderEndpoints, 'tokenUrl'> & { tokenUrl?: string }> {
  const url = `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
  const doc = await getJsonObject(url, 'OpenID discovery document', opts);
  const named = stringField(doc, 'issuer');
  if (named === undefined || !sameIssuer(named, issuer)) {
    throw new KeysmithError('bad_response', `The discovery document at ${url} names another issuer ("${quoteServer(String(named ?? ''))}"), so none of it is used: check the issuer URL`);
  }
  return {
    issuer: named,
    authorizeUrl: discoveredUrl(doc, 'authorization_endpoint', issuer),
    tokenUrl: discoveredUrl(doc, 'token_endpoint', issuer),
    deviceUrl: discoveredUrl(doc, 'device_authorization_endpoint', issuer),
    revocationUrl: discoveredUrl(doc, 'revocation_endpoint', issuer),
    userinfoUrl: discoveredUrl(doc, 'userinfo_endpoint', issuer),
    jwksUrl: discoveredUrl(doc, 'jwks_uri', issuer),
    scopeSeparator: ' ',
  };
}

export async function resolveEndpoints(integration: UserIntegration, opts: HttpOptions): Promise<ProviderEndpoints> {
  if (integration.kind === 'oauthUser') return adobeEndpoints(integration.imsEndpoint);
  const found = integration.issuer ? await discover(integration.issuer, opts) : { scopeSeparator: ' ' as const };
  const pick = <K extends keyof ProviderEndpoints>(k: K, own: string | undefined) => own ?? (found as Partial<ProviderEndpoints>)[k];
  const tokenUrl = pick('tokenUrl', integration.tokenUrl) as string | undefined;
  if (!tokenUrl) throw new KeysmithError('invalid_input', `"${integration.name}": the provider names no token endpoint`, { field: 'tokenUrl', integration: integration.name, action: 'edit' });
  return {
    ...(integration.issuer && { issuer: found.issuer ?? integration.issuer }),
    authorizeUrl: pick('authorizeUrl', integration.authorizeUrl) as string | undefined,
    tokenUrl,
    deviceUrl: pick('deviceUrl', integration.deviceUrl) as string | undefined,
    revocationUrl: pick('revocationUrl', integration.revocationUrl) as string | undefined,
    userinfoUrl: pick('userinfoUrl', integration.userinfoUrl) as string | undefined,
    jwksUrl: pick('jwksUrl', integration.jwksUrl) as string | undefined,
    scopeSeparator: ' ',
  };
}
