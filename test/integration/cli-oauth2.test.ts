/**
 * Generic OAuth 2.0 client credentials against oidc-provider, a certified OpenID provider nobody
 * here wrote, on loopback: all three client authentication methods through the built CLI, the RFC
 * 8707 audience, and the refusals (wrong secret, replayed assertion) read as plain sentences.
 * The server and the "Signed" client's vault are made once; each test works on its own copy of it.
 */
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Vault } from '../../electron/core/vault';
import { getIntegration } from '../../electron/core/integration-view';
import { mintToken } from '../../electron/core/tokens/mint-token';
import { runCli, tempDataDir } from '../support/cli';
import { copyDataDir } from '../support/data-dir-template';
import { startOidcServer, type OidcServer } from '../support/oidc-server';

const AUDIENCE = 'https://api.example.test';
const PASSPHRASE = 'oauth2 tests passphrase';
let server: OidcServer;
/** The vault with "Signed" (private_key_jwt, its key registered with the server) each test copies. */
let template: string;
let dir: string;
let env: NodeJS.ProcessEnv;
const cli = (args: string[], input?: string) => runCli(args, { env, input });

async function ok(args: string[], input?: string): Promise<string> {
  const result = await cli(args, input);
  expect(result.code, result.stderr).toBe(0);
  return result.stdout;
}

const tokenJson = async (name: string) => JSON.parse(await ok(['token', name, '--format', 'json'])) as { accessToken: string; expiresAt: string; fromCache: boolean };

beforeAll(async () => {
  dir = template = tempDataDir();
  env = { KEYSMITH_HOME: dir, KEYSMITH_PASSPHRASE: PASSPHRASE };
  // The private_key_jwt client's key is made by Keysmith first, then registered with the server.
  await ok(['add', 'oauth2', '--name', 'Signed', '--client-id', 'signed-client', '--token-url', 'http://127.0.0.1:1/token', '--auth-method', 'private_key_jwt', '--scopes', 'api.read']);
  const certPath = path.join(path.dirname(dir), 'signed.crt');
  await ok(['keygen', 'Signed', '--cert-out', certPath]);
  const publicKeyPem = new X509Certificate(readFileSync(certPath)).publicKey.export({ type: 'spki', format: 'pem' }) as string;
  server = await startOidcServer(
    [
      { clientId: 'basic-client', authMethod: 'client_secret_basic', clientSecret: 'basic/secret:with%odd&chars+', scopes: ['api.read'] },
      { clientId: 'post-client', authMethod: 'client_secret_post', clientSecret: 'post-secret', scopes: ['api.read'] },
      { clientId: 'signed-client', authMethod: 'private_key_jwt', publicKeyPem, scopes: ['api.read'] },
    ],
    { resourceIndicators: { audience: AUDIENCE, scopes: ['api.read'] } },
  );
  await ok(['edit', 'Signed', '--token-url', server.tokenUrl]);
});
afterAll(() => server?.close());

beforeEach(() => {
  dir = copyDataDir(template);
  env = { KEYSMITH_HOME: dir, KEYSMITH_PASSPHRASE: PASSPHRASE };
});

describe('OAuth 2.0 client credentials against oidc-provider', () => {
  it('client_secret_basic, with a secret that needs form-encoding', async () => {
    await ok(['add', 'oauth2', '--name', 'Basic', '--client-id', 'basic-client', '--token-url', server.tokenUrl, '--auth-method', 'client_secret_basic', '--scopes', 'api.read', '--client-secret-stdin'], 'basic/secret:with%odd&chars+');
    const before = Date.now();
    const token = await tokenJson('Basic');
    expect(token.accessToken.length).toBeGreaterThan(20);
    // oidc-provider issues 600-second tokens; expires_in is in seconds here.
    const lifetime = Date.parse(token.expiresAt) - before;
    expect(lifetime).toBeGreaterThan(590_000);
    expect(lifetime).toBeLessThan(610_000);
    expect((await tokenJson('Basic')).fromCache).toBe(true);
  });

  it('client_secret_post', async () => {
    await ok(['add', 'oauth2', '--name', 'Post', '--client-id', 'post-client', '--token-url', server.tokenUrl, '--auth-method', 'client_secret_post', '--scopes', 'api.read', '--client-secret-stdin'], 'post-secret');
    expect((await tokenJson('Post')).fromCache).toBe(false);
  });

  it('private_key_jwt with a key made by keysmith keygen, and an audience that yields a JWT for it', async () => {
    await ok(['edit', 'Signed', '--audience', AUDIENCE]);
    const inspected = JSON.parse(await ok(['inspect', 'Signed', '--json']));
    expect(inspected.format).toBe('jwt');
    expect(inspected.claims).toMatchObject({ aud: AUDIENCE, client_id: 'signed-client' });
    expect(inspected.scopes).toEqual(['api.read']);
  });

  it('refuses a wrong secret with a sentence that says what to check', async () => {
    await ok(['add', 'oauth2', '--name', 'Wrong', '--client-id', 'post-client', '--token-url', server.tokenUrl, '--auth-method', 'client_secret_post', '--client-secret-stdin'], 'not-it');
    const result = await cli(['token', 'Wrong']);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/"Wrong": the client id and client secret do not match/);
  });

  it('a replayed client assertion is refused by the server and explained', async () => {
    const vault = await Vault.open(dir, async () => ({ method: 'passphrase', passphrase: PASSPHRASE }), { keychain: { get: async () => null, set: async () => {}, delete: async () => false } });
    const integration = getIntegration(vault.document, 'Signed');
    // This fetch sends each request twice: the second carries the same assertion, a replay.
    const replaying = async (url: string, init: RequestInit) => {
      await fetch(url, init);
      return fetch(url, init);
    };
    await expect(mintToken(integration, { fetch: replaying, attempts: 1 })).rejects.toMatchObject({
      code: 'token_refused',
      message: expect.stringMatching(/refused the signed client assertion: check that the client id is registered for private_key_jwt with the public key of certificate [0-9A-F:]{95}/),
    });
    expect(server.tokenErrors.at(-1)?.error_detail).toMatch(/only be used once/);
  });
});
