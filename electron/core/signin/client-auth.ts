/**
 * How a user sign-in client identifies itself at the token, device and revocation endpoints: a
 * confidential client (Adobe's Web App, a generic client given a secret) with its secret, Basic or
 * in the body (RFC 6749 2.3.1); a public one (Native App, Single-Page App, PKCE clients) with its id
 * alone. The Redactor holds every secret a request carries.
 */
import { usesClientSecret } from '../../shared/integration-kinds';
import { Redactor } from '../tokens/server-text';
import type { UserIntegration } from './provider-endpoints';

export interface ClientAuth {
  form: Record<string, string>;
  headers: Record<string, string>;
  secrets: string[];
}

export function clientAuth(integration: UserIntegration): ClientAuth {
  const secret = integration.clientSecrets[0];
  if (!usesClientSecret(integration) || secret === undefined) return { form: { client_id: integration.clientId }, headers: {}, secrets: [] };
  const method = integration.kind === 'oauth2User' ? integration.authMethod : 'client_secret_basic';
  if (method === 'client_secret_post') return { form: { client_id: integration.clientId, client_secret: secret }, headers: {}, secrets: [secret] };
  const basic = Buffer.from(`${encodeURIComponent(integration.clientId)}:${encodeURIComponent(secret)}`).toString('base64');
  return { form: {}, headers: { authorization: `Basic ${basic}` }, secrets: [secret, basic] };
}

export function redactorOf(auth: ClientAuth, more: (string | undefined)[]): Redactor {
  return new Redactor([...auth.secrets, ...more.filter((s): s is string => typeof s === 'string')]);
}
