/**
 * The Developer Console's user sign-in credentials (an `oauth2` block: client_id, client_secret,
 * defaultRedirectUri, redirect_uri patterns, per aio-cli-plugin-app's schema), as Adobe user
 * sign-in integrations:
 * - `oauthwebapp` and the older `oauthweb`: a Web App, confidential, its client secret kept;
 * - `oauthsinglepageapp`: a Single-Page App, public (PKCE), no secret;
 * - `oauthnativeapp`: a Native App, public (PKCE), loopback redirect; a secret in the file is dropped;
 * - `oauthios`, `oauthandroid`: refused, with the reason (they redirect into a phone app).
 * The default redirect URI becomes the integration's redirect URI; a Native App keeps it only when
 * it is a loopback http one (else Keysmith's own loopback is used).
 */
import { compact, str, type Json } from './field-values';
import type { Draft } from './plan-builder';

const APP_TYPES: Record<string, 'web' | 'singlePage' | 'native'> = {
  oauthwebapp: 'web',
  oauthweb: 'web',
  oauthsinglepageapp: 'singlePage',
  oauthnativeapp: 'native',
};

export const CONSOLE_USER_TYPES = [...Object.keys(APP_TYPES), 'oauthios', 'oauthandroid'];

export interface UserCredentialPlace {
  source: string;
  name: string;
  credentialId?: string;
  description: string;
  orgId?: string;
}

function loopbackHttp(uri: string): boolean {
  try {
    const url = new URL(uri);
    return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  } catch {
    return false;
  }
}

/** A draft, or the sentence that says why this credential is skipped. */
export function consoleUserDraft(type: string, block: Json, where: UserCredentialPlace): Draft | string {
  const appType = APP_TYPES[type];
  if (appType === undefined) {
    return `it is Adobe's deprecated ${type === 'oauthios' ? 'iOS' : 'Android'} credential, whose redirect opens a phone app, which a desktop program cannot receive: create an OAuth Native App credential in the Developer Console for Keysmith instead`;
  }
  const warnings: string[] = [];
  const secret = str(block.client_secret);
  const redirect = str(block.defaultRedirectUri) ?? (Array.isArray(block.redirect_uri) ? str(block.redirect_uri[0]) : str(block.redirect_uri));
  if (type === 'oauthweb') warnings.push('An older "OAuth Web" credential: imported as a Web App (confidential, with its client secret)');
  if (appType === 'web' && secret === undefined) warnings.push('The file carries no client secret for this Web App: add it before signing in');
  const keepRedirect = redirect !== undefined && (appType !== 'native' || loopbackHttp(redirect));
  if (appType !== 'native' && redirect === undefined) warnings.push('The file names no redirect URI: add the one registered in the Console before signing in');
  return {
    source: where.source,
    ...(where.credentialId !== undefined && { credentialId: where.credentialId }),
    name: where.name,
    fields: compact({
      kind: 'oauthUser',
      appType,
      description: where.description,
      clientId: str(block.client_id),
      clientSecrets: appType === 'web' && secret !== undefined ? [secret] : [],
      redirectUri: keepRedirect ? redirect : undefined,
      orgId: where.orgId,
      scopes: appType === 'web' ? ['openid', 'AdobeID', 'offline_access'] : ['openid', 'AdobeID'],
    }),
    warnings,
  };
}
