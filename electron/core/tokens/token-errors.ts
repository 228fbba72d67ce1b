/**
 * IMS and OAuth 2.0 error bodies turned into one sentence that says what to check. The table is
 * adobe-ims.md's; generic OAuth servers use the same RFC 6749 codes.
 */
import { KeysmithError, type ErrorAction } from '../errors';
import { NO_SECRETS, quoteServer, type Redactor } from './server-text';

export interface TokenErrorContext {
  integrationName: string;
  /** the secrets this request carried: redacted from anything quoted from the server */
  redactor?: Redactor;
  /** the fingerprint of the key that signed, for invalid_signature and refused assertions */
  fingerprint?: string;
  /** set when the client authenticated with a signed assertion rather than a secret */
  assertion?: boolean;
  endpoint: string;
}

const SENTENCES: Record<string, (ctx: TokenErrorContext, status: number, description: string) => string> = {
  invalid_client: (ctx, status, description) =>
    ctx.assertion
      ? `the server refused the signed client assertion: check that the client id is registered for private_key_jwt with the public key of certificate ${ctx.fingerprint ?? '(active key)'}`
      : status === 401 || /secret/i.test(description)
      ? 'the client id and client secret do not match, or this client may not use this grant'
      : `the client id is unknown to ${ctx.endpoint}, or the JWT audience names another client or IMS environment: check the client id and the IMS endpoint`,
  invalid_token: () => 'the signed JWT was refused (missing, expired or malformed): check this machine\'s clock and the key',
  invalid_signature: (ctx) =>
    `IMS has no certificate matching this key: the credential needs the certificate${ctx.fingerprint ? ` with fingerprint ${ctx.fingerprint}` : ' of the active key'}`,
  invalid_scope: () => 'a scope or metascope is missing, unknown or not granted to this credential: compare them with the credential in the Developer Console',
  bad_request: () => 'IMS refused the JWT claims: check the org id (…@AdobeOrg) and the technical account id (…@techacct.adobe.com)',
  invalid_grant: () => 'the authorization server refused the grant: check the client id, scopes and audience',
  unauthorized_client: () => 'this client is not allowed to use the client_credentials grant: enable it on the server',
  unsupported_grant_type: () => 'the server does not support the client_credentials grant',
  invalid_request: () => 'the server says the request is malformed: check the token URL, the auth method and the audience',
};

/** A short excerpt safe to show: no controls, no secrets, no long token-like runs, at most 120 characters. */
export function safeExcerpt(text: string, redactor: Redactor = NO_SECRETS): string {
  return quoteServer(text, redactor);
}

function field(body: unknown, name: string): unknown {
  return typeof body === 'object' && body !== null && !Array.isArray(body) && Object.hasOwn(body, name) ? (body as Record<string, unknown>)[name] : undefined;
}

/** What the user can do about a refusal, where one step is clearly it. */
function nextAction(kind: string, ctx: TokenErrorContext, status: number, description: string): ErrorAction | undefined {
  if (kind === 'invalid_signature') return 'upload_certificate';
  if (kind === 'invalid_client' && !ctx.assertion && (status === 401 || /secret/i.test(description))) return 'replace_secret';
  return undefined;
}

export function tokenEndpointError(status: number, body: unknown, ctx: TokenErrorContext): KeysmithError {
  const rawError = field(body, 'error');
  const rawDescription = field(body, 'error_description');
  const error = typeof rawError === 'string' ? rawError : '';
  const description = rawDescription === undefined ? '' : safeExcerpt(String(rawDescription), ctx.redactor);
  // Adobe's live IMS reports a signature mismatch as invalid_token "Could not match JWT signature to
  // any of the bindings", and a wrong secret as 400: read the description as well as the code.
  const kind = error === 'invalid_token' && /signature|binding/i.test(description) ? 'invalid_signature' : error;
  // Own keys only: a server answering "constructor" must not reach Object.prototype.
  const explain = Object.hasOwn(SENTENCES, kind) ? SENTENCES[kind] : undefined;
  const shownError = safeExcerpt(error, ctx.redactor).slice(0, 60);
  const sentence = explain?.(ctx, status, description) ?? `the token endpoint answered HTTP ${status}${shownError ? ` ${shownError}` : ''}`;
  const detail = description ? ` (server: "${description}")` : '';
  const action = nextAction(kind, ctx, status, description);
  return new KeysmithError('token_refused', `"${ctx.integrationName}": ${sentence}${detail}`, {
    integration: ctx.integrationName,
    ...(action && { action }),
  });
}
