/**
 * A Postman environment, in the shape Postman itself exports and imports:
 * `{ id, name, values: [{ key, value, type, enabled }], _postman_variable_scope: 'environment',
 * _postman_exported_at, _postman_exported_using }`. Secrets use Postman's `secret` type, which its
 * UI masks. A secret that is not exported keeps its variable with an empty value, so the
 * environment shows what to fill in; it is never a placeholder that would be sent as the secret.
 * No private key: Postman cannot sign a JWT without third-party scripts, and an access token minted
 * by Keysmith (`access_token`) is what requests need.
 */
import type { Integration } from '../../../shared/integration';
import { activeSecret, fileStem, scopeParameter, tokenEndpoint, usesClientSecret } from './export-parts';
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
    // The caller handed the token over to be written: it goes in whether or not other secrets do.
    if (opts.accessToken !== undefined) secret('access_token', opts.accessToken, true);
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
