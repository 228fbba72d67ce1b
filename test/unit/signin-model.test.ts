/**
 * The user sign-in kinds in the model and the one-time values of an authorization request: what
 * each Adobe app type needs, what a generic provider needs, the redirect rules, and PKCE S256 as
 * RFC 7636 Appendix B computes it.
 */
import { describe, expect, it } from 'vitest';
import { fieldIssues } from '../../electron/shared/integration-validation';
import { IntegrationFieldsSchema, usesClientSecret } from '../../electron/shared/integration';
import { newAuthorizationSecrets, s256Challenge, sameSecret } from '../../electron/core/signin/pkce';
import { interpretPasted, interpretRedirect } from '../../electron/core/signin/redirect-answer';
import { authorizationUrl } from '../../electron/core/signin/sign-in';
import { adobeEndpoints } from '../../electron/core/signin/provider-endpoints';

const messages = (input: unknown) => fieldIssues(input).map((i) => `${i.field}: ${i.message}`);

describe('the user sign-in kinds', () => {
  it('takes an Adobe Native App with only a client id, as a public client with Adobe defaults', () => {
    const parsed = IntegrationFieldsSchema.parse({ kind: 'oauthUser', name: 'Me', clientId: 'abc' });
    expect(parsed).toMatchObject({ appType: 'native', scopes: ['openid', 'AdobeID'], clientSecrets: [], imsEndpoint: 'https://ims-na1.adobelogin.com' });
    expect(usesClientSecret(parsed)).toBe(false);
  });

  it('needs a Web App\'s secret and a Single-Page or Web App\'s registered redirect', () => {
    expect(messages({ kind: 'oauthUser', name: 'W', clientId: 'c', appType: 'web', redirectUri: 'https://app.example/cb' })).toEqual([
      'clientSecrets: a Web App is a confidential client: it needs its client secret',
    ]);
    expect(messages({ kind: 'oauthUser', name: 'S', clientId: 'c', appType: 'singlePage' })).toEqual([
      'redirectUri: a Single-Page App or Web App needs the redirect URI registered in the Developer Console',
    ]);
    expect(usesClientSecret({ kind: 'oauthUser', appType: 'web' })).toBe(true);
  });

  it('refuses a plain-http redirect off this machine, and an unknown app type', () => {
    expect(messages({ kind: 'oauthUser', name: 'S', clientId: 'c', appType: 'singlePage', redirectUri: 'http://app.example/cb' })[0]).toMatch(/^redirectUri: redirect URI "http:\/\/app\.example\/cb" must use https/);
    expect(messages({ kind: 'oauthUser', name: 'S', clientId: 'c', appType: 'desktop' })[0]).toBe('appType: app type must be one of native, singlePage, web');
  });

  it('needs a generic provider\'s issuer or its endpoints, by grant', () => {
    expect(fieldIssues({ kind: 'oauth2User', name: 'G', clientId: 'c', issuer: 'https://idp.example' })).toEqual([]);
    expect(messages({ kind: 'oauth2User', name: 'G', clientId: 'c', tokenUrl: 'https://idp.example/token' })).toEqual([
      'authorizeUrl: give the issuer (for OpenID discovery), or the authorization URL (device authorization URL for the device code grant)',
    ]);
    expect(fieldIssues({ kind: 'oauth2User', name: 'G', clientId: 'c', grant: 'device_code', deviceUrl: 'https://idp.example/device', tokenUrl: 'https://idp.example/token' })).toEqual([]);
    expect(messages({ kind: 'oauth2User', name: 'G', clientId: 'c', issuer: 'https://idp.example', authMethod: 'private_key_jwt' })).toEqual([
      'authMethod: auth method must be one of client_secret_basic, client_secret_post (a user sign-in client signs nothing with a key)',
    ]);
    expect(usesClientSecret({ kind: 'oauth2User', clientSecrets: [] })).toBe(false);
    expect(usesClientSecret({ kind: 'oauth2User', clientSecrets: ['s'] })).toBe(true);
  });
});

describe('the authorization request', () => {
  it('computes S256 as RFC 7636 Appendix B does', () => {
    expect(s256Challenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('makes fresh 43-character state, nonce and verifier each time', () => {
    const a = newAuthorizationSecrets();
    const b = newAuthorizationSecrets();
    for (const v of [a.state, a.nonce, a.codeVerifier]) expect(v).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.state).not.toBe(b.state);
    expect(a.codeChallenge).toBe(s256Challenge(a.codeVerifier));
    expect(sameSecret(a.state, a.state)).toBe(true);
    expect(sameSecret(`${a.state}x`, a.state)).toBe(false);
    expect(sameSecret(undefined, a.state)).toBe(false);
  });

  it('asks Adobe with comma-separated scopes and no prompt, a generic OpenID provider with prompt=consent for offline_access', () => {
    const p = { redirectUri: 'http://127.0.0.1:5000/callback', state: 's', codeChallenge: 'c', nonce: 'n' };
    const adobe = new URL(authorizationUrl(IntegrationFieldsSchema.parse({ kind: 'oauthUser', name: 'A', clientId: 'c', scopes: ['openid', 'AdobeID', 'offline_access'] }) as never, adobeEndpoints('https://ims-na1.adobelogin.com'), p));
    expect(adobe.searchParams.get('scope')).toBe('openid,AdobeID,offline_access');
    expect(adobe.searchParams.get('prompt')).toBeNull();
    expect(adobe.searchParams.get('nonce')).toBe('n');
    const generic = new URL(authorizationUrl(IntegrationFieldsSchema.parse({ kind: 'oauth2User', name: 'G', clientId: 'c', issuer: 'https://idp.example', scopes: ['openid', 'offline_access'] }) as never, { authorizeUrl: 'https://idp.example/auth?tenant=x', tokenUrl: 'https://idp.example/token', scopeSeparator: ' ' }, p));
    expect(generic.searchParams.get('scope')).toBe('openid offline_access');
    expect(generic.searchParams.get('prompt')).toBe('consent');
    // A query the provider's URL already has is kept.
    expect(generic.searchParams.get('tenant')).toBe('x');
  });
});

describe('what comes back', () => {
  it('takes a code only with this sign-in\'s state; an error with it ends the sign-in', () => {
    expect(interpretRedirect(new URLSearchParams('code=abc&state=s'), 's', 'X')).toEqual({ kind: 'code', code: 'abc' });
    expect(interpretRedirect(new URLSearchParams('code=abc&state=t'), 's', 'X')).toEqual({ kind: 'foreign' });
    // A second state cannot override the first.
    expect(interpretRedirect(new URLSearchParams('state=t&state=s&code=abc'), 's', 'X')).toEqual({ kind: 'foreign' });
    const denied = interpretRedirect(new URLSearchParams('error=invalid_scope&state=s'), 's', 'X');
    expect(denied.kind === 'error' && denied.error.message).toBe('"X": the provider refused a scope: check the scopes against what the client may ask for; nothing was stored');
    const odd = interpretRedirect(new URLSearchParams('error=constructor&state=s'), 's', 'X');
    expect(odd.kind === 'error' && odd.error.message).toBe('"X": the provider answered the sign-in with the error "constructor"; nothing was stored');
  });

  it('reads a pasted URL, query or bare code', () => {
    expect(interpretPasted(' https://app.example/cb?code=abc&state=s \n', 's', 'X')).toEqual({ kind: 'code', code: 'abc' });
    expect(interpretPasted('?code=abc&state=s', 's', 'X')).toEqual({ kind: 'code', code: 'abc' });
    expect(interpretPasted('abc', 's', 'X')).toEqual({ kind: 'code', code: 'abc' });
    expect(interpretPasted('ab c\u001b[2J', 's', 'X').kind).toBe('error');
  });
});
