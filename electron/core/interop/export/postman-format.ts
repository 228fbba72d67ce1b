/**
 * A Postman environment, in the shape Postman itself exports and imports:
 * `{ id, name, values: [{ key, value, type, enabled }], _postman_variable_scope: 'environment',
 * _postman_exported_at, _postman_exported_using }`. Secrets use Postman's `secret` type, which its
 * UI masks. A secret that is not exported keeps its variable with an empty value, so the
 * environment shows what to fill in; it is never a placeholder that would be sent as the secret.
 *
 * Two sets of names, so the environment works with Keysmith's requests and with Adobe's own Postman
 * collections and environment template (adobe-ims.md): Keysmith's lower-case client_id, org_id,
 * token_url, …, and Adobe's API_KEY, CLIENT_SECRET, SCOPES, IMS (the host; an origin when it is not
 * https, so `https://{{IMS}}` collections still fail loudly rather than call another host), IMS_ORG,
 * TECHNICAL_ACCOUNT_ID, TECHNICAL_ACCOUNT_EMAIL, META_SCOPE and PRIVATE_KEY (a secret, for the
 * collections that sign the JWT in a pre-request script). An access token the caller hands over is
 * written as access_token and ACCESS_TOKEN (secret) with ACCESS_TOKEN_EXPIRES_AT (ISO 8601).
 */
import type { Integration } from '../../../shared/integration';
import { activeKey, activeSecret, fileStem, scopeParameter, tokenEndpoint, usesClientSecret } from './export-parts';
import type { ExportOptions, ExportResult } from './export-types';

interface PostmanVariable {
  key: string;
  value: string;
  type: 'default' | 'secret';
  enabled: boolean;
}

export function exportPostman(integration: Integration, opts: ExportOptions): ExportResult {
  const values: PostmanVariable[] = [];
  let containsSecrets = false;
  const plain = (key: string, value: string | undefined) => {
    if (value !== undefined) values.push({ key, value, type: 'default', enabled: true });
  };
  const secret = (key: string, value: string | undefined, include: boolean) => {
    const shown = include && value !== undefined;
    containsSecrets ||= shown;
    values.push({ key, value: shown ? value : '', type: 'secret', enabled: true });
  };

  if (integration.kind === 'apiKey') {
    plain('api_key', integration.clientId);
    plain('org_id', integration.orgId);
    plain('API_KEY', integration.clientId);
    plain('IMS_ORG', integration.orgId);
  } else {
    plain('client_id', integration.clientId);
    if (usesClientSecret(integration)) secret('client_secret', activeSecret(integration), opts.includeSecrets);
    if (integration.kind === 'oauthS2S' || integration.kind === 'jwt') {
      plain('org_id', integration.orgId);
      plain('technical_account_id', integration.technicalAccountId);
      plain('technical_account_email', integration.technicalAccountEmail);
    }
    plain(integration.kind === 'jwt' ? 'meta_scopes' : 'scopes', scopeParameter(integration));
    if (integration.kind === 'oauth2') plain('audience', integration.audience);
    plain('token_url', tokenEndpoint(integration));
    if (integration.kind === 'oauth2') plain('auth_method', integration.authMethod);
    if (integration.kind === 'oauthS2S' || integration.kind === 'jwt') {
      plain('API_KEY', integration.clientId);
      secret('CLIENT_SECRET', activeSecret(integration), opts.includeSecrets);
      plain('IMS', imsHost(integration.imsEndpoint));
      plain('IMS_ORG', integration.orgId);
      plain('TECHNICAL_ACCOUNT_ID', integration.technicalAccountId);
      plain('TECHNICAL_ACCOUNT_EMAIL', integration.technicalAccountEmail);
      if (integration.kind === 'oauthS2S') plain('SCOPES', scopeParameter(integration));
      else {
        plain('META_SCOPE', scopeParameter(integration));
        secret('PRIVATE_KEY', activeKey(integration)?.privateKeyPem, opts.includeSecrets);
      }
    }
    // The caller handed the token over to be written: it goes in whether or not other secrets do.
    if (opts.accessToken !== undefined) {
      secret('access_token', opts.accessToken, true);
      secret('ACCESS_TOKEN', opts.accessToken, true);
      if (opts.accessTokenExpiresAt !== undefined) plain('ACCESS_TOKEN_EXPIRES_AT', new Date(opts.accessTokenExpiresAt).toISOString());
    }
  }

  const environment = {
    id: integration.id,
    name: integration.name,
    values,
    _postman_variable_scope: 'environment',
    _postman_exported_at: (opts.now ?? new Date()).toISOString(),
    _postman_exported_using: 'Keysmith',
  };
  return {
    content: `${JSON.stringify(environment, null, 2)}\n`,
    fileName: `${fileStem(integration.name)}.postman_environment.json`,
    containsSecrets,
  };
}

/** `ims-na1.adobelogin.com` for https, the whole origin otherwise (a loopback emulator). */
function imsHost(endpoint: string): string {
  const url = new URL(endpoint);
  return url.protocol === 'https:' ? url.host : url.origin;
}
