/**
 * A person's sign-in against providers and callers that try to break it: ID tokens that must not
 * be believed (wrong key, audience, nonce, issuer, expired, unsigned), redirects of another sign-in
 * or without a code, a second callback, a code replayed, token servers that send too much or
 * nothing, a registered port already taken, and the device grant's polling rules. In each case
 * nothing is stored, and the reason is one sentence.
 */
import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isKeysmithError, KeysmithError } from '../../electron/core/errors';
import { addIntegration } from '../../electron/core/integration-store';
import { signIn, type SignInOptions } from '../../electron/core/signin/sign-in';
import { signInStatus } from '../../electron/core/signin/sign-in-status';
import { Vault } from '../../electron/core/vault';
import type { IntegrationFieldsInput } from '../../electron/shared/integration';
import { tempDataDir } from '../support/cli';
import { follow, type FollowedPage } from '../support/redirect-following-browser';
import { json, startScriptedProvider, type ScriptedProvider } from '../support/scripted-oidc-provider';

const noKeychain = { get: async () => null, set: async () => {}, delete: async () => false };
let provider: ScriptedProvider;
let vault: Vault;
let pages: Promise<FollowedPage>[];
const servers: Server[] = [];

beforeEach(async () => {
  provider = await startScriptedProvider('app');
  pages = [];
  ({ vault } = await Vault.create(tempDataDir(), { method: 'passphrase', passphrase: 'hostile sign-in tests' }, { keychain: noKeychain }));
  await vault.update((doc) => addIntegration(doc, { kind: 'oauth2User', name: 'P', clientId: 'app', issuer: provider.issuer, scopes: ['openid', 'offline_access'] } as IntegrationFieldsInput));
});
afterEach(async () => {
  await Promise.allSettled(pages);
  await provider.close();
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

function options(extra: Partial<SignInOptions> = {}): SignInOptions {
  return {
    fetch,
    mode: 'browser',
    waitMs: 30_000,
    openBrowser: async (url) => void pages.push(follow(url)),
    onAuthorizationUrl: () => undefined,
    onDeviceCode: () => undefined,
    ...extra,
  };
}

async function refused(opts: Partial<SignInOptions> = {}): Promise<KeysmithError> {
  const err = await signIn(vault, 'P', options(opts)).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(KeysmithError);
  // Nothing was stored by a refused sign-in.
  expect((await signInStatus(vault, 'P')).state).toBe('signed_out');
  return err as KeysmithError;
}

describe('ID tokens that must not be believed', () => {
  it('accepts the good one (so the refusals below are about what they change)', async () => {
    const result = await signIn(vault, 'P', options());
    expect(result.identity).toEqual({ source: 'id_token', sub: 'user-1', name: 'Test User' });
    // offline_access of an OpenID provider: consent is asked for (OIDC Core 11).
    expect(provider.tokenForms[0]!.code_verifier).toMatch(/^[\w-]{43}$/);
  });

  const cases: [string, () => string, RegExp][] = [
    ['signed by another key', () => provider.idToken({}, { key: generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey }), /signature/],
    ['for another audience', () => provider.idToken({ aud: 'someone-else' }), /another client \(aud\)/],
    ['with several audiences and no azp', () => provider.idToken({ aud: ['app', 'other'] }), /azp/],
    ['with another nonce', () => provider.idToken({ nonce: 'not-the-one-sent' }), /nonce/],
    ['with no nonce', () => provider.idToken({ nonce: undefined }), /nonce/],
    ['expired', () => provider.idToken({ exp: Math.floor(Date.now() / 1000) - 3600 }), /expired/],
    ['from another issuer', () => provider.idToken({ iss: 'https://evil.example' }), /iss/],
    ['unsigned (alg none)', () => `${Buffer.from('{"alg":"none"}').toString('base64url')}.${provider.idToken().split('.')[1]}.`, /algorithm/],
    ['HMAC-signed with a guessable key', () => provider.idToken({}, { header: { alg: 'HS256', kid: 'k1' } }), /algorithm/],
    ['with a key id the provider does not publish', () => provider.idToken({}, { header: { alg: 'RS256', kid: 'nope' } }), /signing key/],
  ];
  for (const [what, make, reason] of cases) {
    it(`refuses an ID token ${what}`, async () => {
      provider.onToken = (_f, _r, res) => json(res, 200, provider.goodAnswer({ id_token: make() }));
      const err = await refused();
      expect(err.code).toBe('bad_response');
      expect(err.message).toMatch(reason);
      expect(err.action).toBe('sign_in');
    });
  }
});

describe('discovery', () => {
  it('uses nothing of a discovery document that names another issuer', async () => {
    // The document at the configured issuer (localhost) claims to be another's (127.0.0.1).
    const configured = provider.issuer.replace('127.0.0.1', 'localhost');
    await vault.update((doc) => addIntegration(doc, { kind: 'oauth2User', name: 'Spoofed', clientId: 'app', issuer: configured } as IntegrationFieldsInput));
    const err = await signIn(vault, 'Spoofed', options()).catch((e: unknown) => e);
    expect(isKeysmithError(err, 'bad_response')).toBe(true);
    expect((err as Error).message).toBe(`The discovery document at ${configured}/.well-known/openid-configuration names another issuer ("${provider.issuer}"), so none of it is used: check the issuer URL`);
    expect(pages).toEqual([]);
  });
});

describe('redirects that are not this sign-in\'s', () => {
  it('ignores a callback with a wrong state, and signs in with the right one that follows', async () => {
    provider.onAuthorize = (a) => {
      const back = new URL(a.redirectUri);
      back.searchParams.set('code', 'the-code');
      back.searchParams.set('state', a.state);
      return { location: back.href };
    };
    let forged: FollowedPage | undefined;
    const result = await signIn(vault, 'P', options({
      openBrowser: async (url) => {
        const redirect = new URL(new URL(url).searchParams.get('redirect_uri')!);
        // An attacker's page makes the browser hit the loopback first, with its own code.
        redirect.search = new URLSearchParams({ code: 'attacker-code', state: 'forged' }).toString();
        forged = await follow(redirect.href);
        pages.push(follow(url));
      },
    }));
    expect(forged!.status).toBe(400);
    expect(forged!.body).toContain('belongs to another sign-in');
    expect(result.identity.sub).toBe('user-1');
    expect(provider.tokenForms.map((f) => f.code)).toEqual(['the-code']);
  });

  it('answers a second callback with "already finished" or a closed port, and keeps the first result', async () => {
    let callback = '';
    provider.onAuthorize = (a) => {
      const back = new URL(a.redirectUri);
      back.search = new URLSearchParams({ code: 'the-code', state: a.state }).toString();
      callback = back.href;
      return { location: back.href };
    };
    await signIn(vault, 'P', options());
    const second = await fetch(callback.replace('the-code', 'second-code')).then((r) => r.status, () => 'refused');
    expect([410, 'refused']).toContain(second);
    expect(provider.tokenForms.map((f) => f.code)).toEqual(['the-code']);
  });

  it('says so when the provider comes back without a code', async () => {
    provider.onAuthorize = (a) => {
      const back = new URL(a.redirectUri);
      back.searchParams.set('state', a.state);
      return { location: back.href };
    };
    const err = await refused();
    expect(err.message).toBe('"P": the provider sent the browser back without a usable authorization code; nothing was stored');
  });

  it('turns a replayed (already used) code into "sign in again", with no retry', async () => {
    provider.onToken = (_f, _r, res) => json(res, 400, { error: 'invalid_grant', error_description: 'grant request is invalid' });
    const err = await refused();
    expect(err.code).toBe('token_refused');
    expect(err.message).toContain('refused the authorization code (expired, already used');
    expect(err.action).toBe('sign_in');
    expect(provider.tokenForms).toHaveLength(1);
  });

  it('never retries a code exchange after a server error (the code would only be replayed)', async () => {
    provider.onToken = (_f, _r, res) => json(res, 503, { error: 'temporarily_unavailable' });
    await refused();
    expect(provider.tokenForms).toHaveLength(1);
  });

  it('ends the wait after the timeout when the browser never comes back', async () => {
    const err = await refused({ waitMs: 300, openBrowser: async () => undefined });
    expect(err.message).toBe('"P": the browser did not come back within 0 s; nothing was stored'.replace('0 s', `${Math.round(300 / 1000)} s`));
    expect(err.action).toBe('sign_in');
  });
});

describe('hostile token servers', () => {
  it('stops reading a token answer past 64 KiB', async () => {
    provider.onToken = (_f, _r, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(`{"access_token":"${'a'.repeat(10 * 1024 * 1024)}"}`);
    };
    const err = await refused();
    expect(err.message).toMatch(/more than 64 KiB/);
  });

  it('gives up on a token server that never answers', async () => {
    provider.onToken = () => undefined;
    // Each HTTP request's own limit, apart from the wait for the browser.
    const err = await refused({ timeoutMs: 500 });
    expect(err.message).toMatch(/no answer from .*\/token within 0\.5 s/);
  });

  it('refuses a refresh token a terminal or header could not carry', async () => {
    provider.onToken = (_f, _r, res) => json(res, 200, provider.goodAnswer({ refresh_token: 'bad\u001b[2Jtoken' }));
    const err = await refused();
    expect(err.message).toContain('unusable refresh_token');
  });

  it('refuses a sign-in whose access token is not a Bearer token (RFC 6749 7.1), and keeps nothing', async () => {
    provider.onToken = (_f, _r, res) => json(res, 200, provider.goodAnswer({ token_type: 'DPoP' }));
    const err = await refused();
    expect(err.message).toMatch(/^"[^"]+": the provider issued a "DPoP" token, which Keysmith cannot present \(it sends Bearer tokens only\); nothing was kept/);
  });
});

describe('the loopback port', () => {
  it('says which registered port is taken, and by whom it should be freed', async () => {
    const squatter = createServer();
    servers.push(squatter);
    await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
    const { port } = squatter.address() as AddressInfo;
    await vault.update((doc) => addIntegration(doc, { kind: 'oauth2User', name: 'Fixed', clientId: 'app', issuer: provider.issuer, redirectUri: `http://127.0.0.1:${port}/callback` } as IntegrationFieldsInput));
    const err = await signIn(vault, 'Fixed', options()).catch((e: unknown) => e);
    expect(isKeysmithError(err, 'io')).toBe(true);
    expect((err as Error).message).toBe(`"Fixed": port ${port} on 127.0.0.1, where the registered redirect URI points, is in use by another program: stop it, or register a loopback redirect without a fixed port`);
  });
});

describe('the device authorization grant (RFC 8628)', () => {
  async function device(script: string[], extra: Record<string, unknown> = {}, name = 'D') {
    await vault.update((doc) => addIntegration(doc, { kind: 'oauth2User', name, clientId: 'app', issuer: provider.issuer, grant: 'device_code' } as IntegrationFieldsInput));
    provider.onDevice = (_f, res) => json(res, 200, { device_code: 'dev-code', user_code: 'WDJB-MJHT', verification_uri: `${provider.issuer}/verify`, expires_in: 600, interval: 2, ...extra });
    const answers = [...script];
    provider.onToken = (_f, _r, res) => {
      const next = answers.shift() ?? 'ok';
      if (next === 'ok') json(res, 200, provider.goodAnswer({ id_token: provider.idToken({ nonce: undefined }) }));
      else json(res, 400, { error: next });
    };
    const waits: number[] = [];
    const codes: string[] = [];
    const result = signIn(vault, name, options({ sleep: async (ms) => void waits.push(ms), onDeviceCode: (c) => void codes.push(c.userCode) }));
    return { result, waits, codes };
  }

  it('polls at the interval, slows down by 5 s on slow_down, and signs in', async () => {
    const { result, waits, codes } = await device(['authorization_pending', 'slow_down', 'authorization_pending']);
    expect((await result).identity.sub).toBe('user-1');
    expect(codes).toEqual(['WDJB-MJHT']);
    expect(waits).toEqual([2000, 2000, 7000, 7000]);
    expect(provider.tokenForms[0]).toMatchObject({ grant_type: 'urn:ietf:params:oauth:grant-type:device_code', device_code: 'dev-code', client_id: 'app' });
  });

  it('stops on access_denied and on expired_token with a sentence each', async () => {
    const denied = await (await device(['authorization_pending', 'access_denied'])).result.catch((e: unknown) => e);
    expect((denied as Error).message).toBe('"D": the sign-in was refused on the verification page; nothing was stored');
    const expired = await (await device(['expired_token'], {}, 'E')).result.catch((e: unknown) => e);
    expect((expired as Error).message).toBe('"E": the device code expired before the sign-in was approved; nothing was stored');
  });

  it('refuses a verification URI a browser should not open', async () => {
    const { result } = await device([], { verification_uri: 'javascript:alert(1)' });
    expect(((await result.catch((e: unknown) => e)) as Error).message).toMatch(/lacks a usable device code, user code or verification URI/);
  });
});
