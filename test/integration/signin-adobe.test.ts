/**
 * Adobe user sign-in (OAuth Native App, Single-Page App, Web App) in-process against the IMS
 * emulator's user endpoints over real HTTP, with the real loopback listener and the real vault on
 * disk. The "browser" follows the emulator's redirect back to Keysmith's loopback.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isKeysmithError } from '../../electron/core/errors';
import { addIntegration } from '../../electron/core/integration-store';
import { signIn, type SignInOptions } from '../../electron/core/signin/sign-in';
import { signInStatus } from '../../electron/core/signin/sign-in-status';
import { signOut } from '../../electron/core/signin/sign-out';
import { SessionStore } from '../../electron/core/signin/session-store';
import { TokenService } from '../../electron/core/tokens/token-service';
import { Vault } from '../../electron/core/vault';
import type { IntegrationFieldsInput } from '../../electron/shared/integration';
import { tempDataDir } from '../support/cli';
import { startImsEmulator, type ImsEmulator } from '../support/ims-emulator';
import { follow, landingUrl } from '../support/redirect-following-browser';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const noKeychain = { get: async () => null, set: async () => {}, delete: async () => false };
let ims: ImsEmulator;
let vault: Vault;
let pages: Promise<unknown>[];

beforeEach(async () => {
  ims = await startImsEmulator();
  pages = [];
  ({ vault } = await Vault.create(tempDataDir(), { method: 'passphrase', passphrase: 'adobe sign-in tests' }, { keychain: noKeychain }));
});
afterEach(async () => {
  await Promise.allSettled(pages);
  await ims.close();
});

async function add(fields: Partial<IntegrationFieldsInput> & { name: string; clientId: string }): Promise<void> {
  await vault.update((doc) => addIntegration(doc, { kind: 'oauthUser', imsEndpoint: ims.url, ...fields } as IntegrationFieldsInput));
}

function options(extra: Partial<SignInOptions> = {}): SignInOptions & { urls: string[] } {
  const urls: string[] = [];
  return {
    fetch,
    mode: 'browser',
    waitMs: 30_000,
    openBrowser: async (url) => void pages.push(follow(url)),
    onAuthorizationUrl: (url) => void urls.push(url),
    onDeviceCode: () => undefined,
    urls,
    ...extra,
  };
}

describe('Adobe user sign-in against the IMS emulator', () => {
  it('signs in a Native App with PKCE S256 on loopback, refreshes with rotation, and signs out with revocation', async () => {
    ims.users.registerUserClient({ clientId: 'native-app', appType: 'native', redirectUris: ['http://127.0.0.1/callback'] });
    await add({ name: 'Adobe native', clientId: 'native-app', appType: 'native', scopes: ['openid', 'AdobeID', 'offline_access'] });
    const opts = options();
    const result = await signIn(vault, 'Adobe native', opts);
    expect(result.identity).toEqual({ source: 'id_token', sub: 'A1B2C3D4E5F6@AdobeID', name: 'Ada Lovelace', email: 'ada@example.test' });
    expect(result.hasRefreshToken).toBe(true);
    // expires_in is in seconds (86399), refresh tokens last 14 days.
    expect(result.expiresAt - Date.now()).toBeGreaterThan(86_000_000);
    expect(result.refreshExpiresAt! - Date.now()).toBeGreaterThan(13 * 86_400_000);
    const asked = new URL(opts.urls[0]!);
    expect(asked.origin + asked.pathname).toBe(`${ims.url}/ims/authorize/v2`);
    expect(asked.searchParams.get('scope')).toBe('openid,AdobeID,offline_access');
    expect(asked.searchParams.get('code_challenge_method')).toBe('S256');
    // Adobe's prompt knows only none and login.
    expect(asked.searchParams.get('prompt')).toBeNull();
    const exchange = ims.requests.find((r) => r.form.grant_type === 'authorization_code')!;
    expect(exchange.form.client_id).toBe('native-app');
    expect(exchange.form.code_verifier).toMatch(/^[\w-]{43}$/);
    expect(exchange.headers.authorization).toBeUndefined();

    const tokens = new TokenService(vault, { fetch });
    const cached = await tokens.getToken('Adobe native');
    expect(cached.fromCache).toBe(true);
    const renewed = await tokens.getToken('Adobe native', { force: true });
    expect(renewed.fromCache).toBe(false);
    expect(renewed.accessToken).not.toBe(cached.accessToken);
    // The rotated refresh token was stored: a second renewal works (the spent one would be refused).
    await tokens.getToken('Adobe native', { force: true });
    expect(ims.users.refreshUses).toBe(2);

    const before = await new SessionStore(vault).get(vault.document.integrations[0]!.id);
    expect(await signOut(vault, 'Adobe native', { fetch })).toEqual({ wasSignedIn: true, revocation: 'revoked' });
    expect(ims.users.revoked).toContain(before!.refreshToken);
    expect((await signInStatus(vault, 'Adobe native')).state).toBe('signed_out');
    const after = await tokens.getToken('Adobe native').catch((e: unknown) => e);
    expect(isKeysmithError(after, 'token_unavailable') && after.action).toBe('sign_in');
  });

  it('signs in a Web App (confidential, Basic) whose registered https redirect is pasted back', async () => {
    ims.users.registerUserClient({ clientId: 'web-app', appType: 'web', clientSecret: 'web-secret-1234', redirectUris: ['https://app.example.test/adobe/callback'] });
    await add({ name: 'Adobe web', clientId: 'web-app', appType: 'web', clientSecrets: ['web-secret-1234'], redirectUri: 'https://app.example.test/adobe/callback', scopes: ['openid', 'AdobeID', 'offline_access'] });
    let asked = '';
    const result = await signIn(vault, 'Adobe web', options({
      mode: 'paste',
      onAuthorizationUrl: (url) => void (asked = url),
      // The person signs in elsewhere and pastes the URL their browser ended on.
      readPasted: async () => landingUrl(asked),
    }));
    expect(result.identity.email).toBe('ada@example.test');
    const exchange = ims.requests.find((r) => r.form.grant_type === 'authorization_code')!;
    expect(exchange.headers.authorization).toBe(`Basic ${Buffer.from('web-app:web-secret-1234').toString('base64')}`);
    expect(exchange.form.redirect_uri).toBe('https://app.example.test/adobe/callback');
  });

  it('gives no refresh token without offline_access, and asks for a new sign-in once the access token lapses', async () => {
    // A Single-Page App with a loopback redirect registered with its port: listened on as given.
    const port = await freePort();
    ims.users.registerUserClient({ clientId: 'spa', appType: 'singlePage', redirectUris: [`http://127.0.0.1:${port}/cb`] });
    ims.users.setUserTokenSeconds(60);
    let now = Date.now();
    await add({ name: 'Adobe spa', clientId: 'spa', appType: 'singlePage', redirectUri: `http://127.0.0.1:${port}/cb` });
    const result = await signIn(vault, 'Adobe spa', options());
    expect(result.hasRefreshToken).toBe(false);
    const tokens = new TokenService(vault, { fetch, now: () => new Date(now) });
    now += 61_000;
    const err = await tokens.getToken('Adobe spa').catch((e: unknown) => e);
    expect(isKeysmithError(err, 'token_unavailable')).toBe(true);
    expect((err as Error).message).toContain('no refresh token');
    expect((await signInStatus(vault, 'Adobe spa', now)).state).toBe('expired');
  });

  it('shares one refresh among concurrent requests, across two services on one vault', async () => {
    ims.users.registerUserClient({ clientId: 'native-app', appType: 'native', redirectUris: ['http://127.0.0.1/callback'] });
    await add({ name: 'Shared', clientId: 'native-app', scopes: ['openid', 'AdobeID', 'offline_access'] });
    await signIn(vault, 'Shared', options());
    let now = Date.now() + 86_400_000; // the access token has lapsed: each request must renew it
    const clock = () => new Date(now);
    const [a, b] = [new TokenService(vault, { fetch, now: clock }), new TokenService(vault, { fetch, now: clock })];
    const tokens = await Promise.all([...Array.from({ length: 5 }, () => a.getToken('Shared')), ...Array.from({ length: 5 }, () => b.getToken('Shared'))]);
    expect(new Set(tokens.map((t) => t.accessToken)).size).toBe(1);
    expect(ims.users.refreshUses).toBe(1);
    now += 1000;
    expect((await a.getToken('Shared')).fromCache).toBe(true);
  });

  it('turns an access_denied redirect into a sentence, and stores nothing', async () => {
    ims.users.registerUserClient({ clientId: 'native-app', appType: 'native', redirectUris: ['http://127.0.0.1/callback'] });
    await add({ name: 'Denied', clientId: 'native-app' });
    ims.users.denyNext('access_denied', 'The user \u001b[31mdeclined\u001b[0m');
    const err = await signIn(vault, 'Denied', options()).catch((e: unknown) => e);
    expect(isKeysmithError(err, 'token_refused')).toBe(true);
    expect((err as Error).message).toBe('"Denied": the sign-in was cancelled or consent was refused at the provider (provider: "The user declined"); nothing was stored');
    const page = (await pages[0]) as { status: number; body: string };
    expect(page.status).toBe(400);
    expect(page.body).toContain('You can close this tab');
    expect((await signInStatus(vault, 'Denied')).state).toBe('signed_out');
  });

  it('keeps escape sequences in the person\'s name out of what it stores', async () => {
    ims.users.registerUserClient({ clientId: 'native-app', appType: 'native', redirectUris: ['http://127.0.0.1/callback'] });
    ims.users.setUser({ sub: 'X@AdobeID', email: 'evil@example.test\u001b[2J', name: 'Mallory\u001b]0;pwned\u0007 \u202eevil' });
    await add({ name: 'Escapes', clientId: 'native-app' });
    const result = await signIn(vault, 'Escapes', options());
    expect(result.identity.name).toBe('Mallory evil');
    expect(result.identity.email).toBe('evil@example.test');
  });
});
