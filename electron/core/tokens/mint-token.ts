/**
 * One token request per kind, as adobe-ims.md and RFC 6749/7523 describe them, over the shared
 * HTTP layer. Each request knows the secrets it carries (client secrets, the signed JWT or client
 * assertion, the key that signed it) and hands them to a Redactor, so no server can echo them back
 * into an error message. The answer is checked and its units converted in token-answer.ts.
 */
import { KeysmithError } from '../errors';
import type { Integration } from '../../shared/integration';
import { keysOf, findKeyPair } from '../keys/keypair-store';
import { clientAssertionClaims, imsJwtClaims } from './jwt-claims';
import { signRs256 } from './jwt-sign';
import { Redactor } from './server-text';
import { readAnswer, type MintedToken } from './token-answer';
import { postForm, type HttpOptions } from './token-http';

export type { MintedToken } from './token-answer';

export type MintOptions = HttpOptions & { now?: () => Date };

const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

function secretOf(integration: Integration & { clientSecrets: string[] }): string {
  const secret = integration.clientSecrets[0];
  if (!secret) throw new KeysmithError('invalid_input', `"${integration.name}" has no client secret`, { integration: integration.name, action: 'replace_secret' });
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
    case 'oauthUser':
    case 'oauth2User':
      // Their tokens come from a person's sign-in and its refresh token (core/signin/user-tokens.ts).
      throw new KeysmithError('token_unavailable', `"${integration.name}" needs a person to sign in`, { integration: integration.name, action: 'sign_in' });
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
