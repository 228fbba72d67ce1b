/**
 * A token for the I/O Management API: minted by the credential itself (client credentials) with the
 * scopes Adobe documents for client secrets, not the integration's own scopes. When IMS refuses
 * them, the error names the ones this integration is not known to have, which is what the user must
 * add (the I/O Management API on the Console project).
 */
import { KeysmithError } from '../errors';
import type { Integration } from '../../shared/integration';
import { SECRET_MANAGEMENT_SCOPES } from '../../shared/secret-rotation';
import { Redactor, quoteServer } from '../tokens/server-text';
import { readAnswer } from '../tokens/token-answer';
import { postForm, type HttpOptions } from '../tokens/token-http';

type S2S = Extract<Integration, { kind: 'oauthS2S' }>;

export async function mintManagementToken(integration: S2S, secret: string, http: HttpOptions, redactor: Redactor): Promise<string> {
  const endpoint = `${integration.imsEndpoint}/ims/token/v3`;
  const form = { grant_type: 'client_credentials', client_id: integration.clientId, client_secret: secret, scope: SECRET_MANAGEMENT_SCOPES.join(',') };
  const answer = await postForm(endpoint, form, {}, http, redactor);
  const error = typeof answer.json === 'object' && answer.json !== null && Object.hasOwn(answer.json, 'error') ? (answer.json as { error: unknown }).error : undefined;
  if (answer.status === 400 && error === 'invalid_scope') {
    const known = new Set(integration.scopes);
    const missing = SECRET_MANAGEMENT_SCOPES.filter((s) => !known.has(s));
    const description = (answer.json as { error_description?: unknown }).error_description;
    const said = typeof description === 'string' ? ` (server: "${quoteServer(description, redactor)}")` : '';
    throw new KeysmithError(
      'token_refused',
      `"${integration.name}": IMS refused the scopes the I/O Management API needs for client secrets (${SECRET_MANAGEMENT_SCOPES.join(', ')})` +
        `${missing.length > 0 ? `; this integration is not known to have ${missing.join(', ')}` : ''}: add the I/O Management API to the credential's project in the Developer Console${said}`,
      { integration: integration.name },
    );
  }
  return readAnswer(answer, { integrationName: integration.name, endpoint, redactor }, 's', Date.now()).accessToken;
}
