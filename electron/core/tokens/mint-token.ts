/**
 * One token request per kind, as adobe-ims.md and RFC 6749/7523 describe them, over the shared
 * HTTP layer. Units differ by endpoint and are converted here, once: the JWT exchange reports
 * `expires_in` in milliseconds, OAuth Server-to-Server and generic OAuth 2.0 in seconds. Each
 * request knows the secrets it carries (client secrets, the signed JWT or client assertion, the key
 * that signed it) and hands them to a Redactor, so no server can echo them back into an error.
 */
import { KeysmithError } from '../errors';
import type { Integration } from '../integration';
import { keysOf, findKeyPair } from '../keys/keypair-store';
import { clientAssertionClaims, imsJwtClaims } from './jwt-claims';
import { signRs256 } from './jwt-sign';
import { Redactor } from './server-text';
import { tokenEndpointError, safeExcerpt, type TokenErrorContext } from './token-errors';
import { postForm, type HttpAnswer, type HttpOptions } from './token-http';

export interface MintedToken {
  accessToken: string;
  tokenType: string;
  /** ms since epoch */
  expiresAt: number;
  mintedAt: number;
  scope?: string;
}

export type MintOptions = HttpOptions & { now?: () => Date };

const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
/** RFC 6749 makes expires_in optional; an hour is the common default when a server omits it. */
const DEFAULT_LIFETIME_SECONDS = 3600;

function secretOf(integration: Integration & { clientSecrets: string[] }): string {
  const secret = integration.clientSecrets[0];
  if (!secret) throw new KeysmithError('invalid_input', `"${integration.name}" has no client secret: add one with \`keysmith edit "${integration.name}" --client-secret-stdin\``);
  return secret;
}

/** Everything secret this integration could put on the wire, plus what a request derived from it. */
function redactorFor(integration: Integration, derived: string[] = []): Redactor {
  const secrets = [...derived, ...('clientSecrets' in integration ? integration.clientSecrets : [])];
  for (const key of keysOf(integration)) {
    // The PEM's base64 lines, and the whole body joined: a key is never sent, but a quote must not show one.
    const body = key.privateKeyPem.replace(/-----[^-]+-----/g, '').split(/\s+/).filter(Boolean);
    secrets.push(body.join(''), ...body);
  }
  for (const jwt of derived.filter((d) => d.split('.').length === 3)) secrets.push(...jwt.split('.').slice(1));
  return new Redactor(secrets);
}

function readAnswer(answer: HttpAnswer, ctx: TokenErrorContext, unit: 'ms' | 's', now: number): MintedToken {
  if (answer.status === 429) {
    const wait = answer.retryAfterMs === null ? '' : ` in ${Math.ceil(answer.retryAfterMs / 1000)} s`;
    throw new KeysmithError('token_unavailable', `"${ctx.integrationName}": ${ctx.endpoint} is throttling this client (HTTP 429): try again${wait}; cached tokens keep working meanwhile`);
  }
  if (answer.status >= 500) {
    throw new KeysmithError('token_unavailable', `"${ctx.integrationName}": ${ctx.endpoint} had a server error (HTTP ${answer.status}) on every attempt: try again later`);
  }
  if (answer.status !== 200) throw tokenEndpointError(answer.status, answer.json, ctx);
  const body = answer.json as { access_token?: unknown; token_type?: unknown; expires_in?: unknown; scope?: unknown } | undefined;
  if (!body || typeof body !== 'object' || typeof body.access_token !== 'string' || body.access_token.length === 0) {
    throw new KeysmithError('bad_response', `"${ctx.integrationName}": ${ctx.endpoint} did not answer with a token (got: "${safeExcerpt(answer.text, ctx.redactor)}")`);
  }
  const raw = body.expires_in === undefined ? DEFAULT_LIFETIME_SECONDS : Number(body.expires_in);
  if (!Number.isFinite(raw) || raw <= 0) {
    throw new KeysmithError('bad_response', `"${ctx.integrationName}": ${ctx.endpoint} gave an unusable expires_in ("${safeExcerpt(String(body.expires_in), ctx.redactor)}")`);
  }
  const lifetimeMs = body.expires_in === undefined || unit === 's' ? raw * 1000 : raw;
  return {
    accessToken: body.access_token,
    tokenType: typeof body.token_type === 'string' ? body.token_type : 'bearer',
    expiresAt: now + lifetimeMs,
    mintedAt: now,
    ...(typeof body.scope === 'string' && { scope: body.scope }),
  };
}

export async function mintToken(integration: Integration, opts: MintOptions): Promise<MintedToken> {
  const now = (opts.now ?? (() => new Date()))();
  const ctx = { integrationName: integration.name };
  switch (integration.kind) {
    case 'apiKey':
      throw new KeysmithError('invalid_input', `"${integration.name}" is an API key integration: it has no token, only the x-api-key header`);
    case 'jwt': {
      const key = findKeyPair(integration);
      const endpoint = `${integration.imsEndpoint}/ims/exchange/jwt`;
      const jwtToken = await signRs256(imsJwtClaims(integration, now), key.privateKeyPem);
      const redactor = redactorFor(integration, [jwtToken]);
      const answer = await postForm(endpoint, { client_id: integration.clientId, client_secret: secretOf(integration), jwt_token: jwtToken }, {}, opts, redactor);
      return readAnswer(answer, { ...ctx, endpoint, fingerprint: key.fingerprintSha256, redactor }, 'ms', now.getTime());
    }
    case 'oauthS2S': {
      const endpoint = `${integration.imsEndpoint}/ims/token/v3`;
      const form = { grant_type: 'client_credentials', client_id: integration.clientId, client_secret: secretOf(integration), scope: integration.scopes.join(',') };
      const redactor = redactorFor(integration);
      return readAnswer(await postForm(endpoint, form, {}, opts, redactor), { ...ctx, endpoint, redactor }, 's', now.getTime());
    }
    case 'oauth2': {
      const endpoint = integration.tokenUrl;
      const form: Record<string, string> = { grant_type: 'client_credentials' };
      const headers: Record<string, string> = {};
      const derived: string[] = [];
      let fingerprint: string | undefined;
      if (integration.authMethod === 'client_secret_basic') {
        // RFC 6749 2.3.1: both parts form-urlencoded before base64.
        const pair = `${encodeURIComponent(integration.clientId)}:${encodeURIComponent(secretOf(integration))}`;
        const basic = Buffer.from(pair).toString('base64');
        headers.authorization = `Basic ${basic}`;
        // Not the pair itself: its client id half is no secret, and quotes should keep naming it.
        derived.push(basic);
      } else if (integration.authMethod === 'client_secret_post') {
        Object.assign(form, { client_id: integration.clientId, client_secret: secretOf(integration) });
      } else {
        const key = findKeyPair(integration);
        fingerprint = key.fingerprintSha256;
        const assertion = await signRs256(clientAssertionClaims(integration.clientId, endpoint, now), key.privateKeyPem);
        Object.assign(form, { client_id: integration.clientId, client_assertion_type: CLIENT_ASSERTION_TYPE, client_assertion: assertion });
        derived.push(assertion);
      }
      if (integration.scopes.length > 0) form.scope = integration.scopes.join(' ');
      if (integration.audience) {
        // Auth0-style servers read `audience`, RFC 8707 servers read `resource` (an absolute URI).
        form.audience = integration.audience;
        if (/^[a-z][a-z0-9+.-]*:/i.test(integration.audience)) form.resource = integration.audience;
      }
      const redactor = redactorFor(integration, derived);
      const answer = await postForm(endpoint, form, headers, opts, redactor);
      return readAnswer(answer, { ...ctx, endpoint, redactor, ...(fingerprint && { fingerprint, assertion: true }) }, 's', now.getTime());
    }
  }
}
