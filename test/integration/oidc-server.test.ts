// Proves the oidc-provider harness (test/support/oidc-server.ts) with plain fetch over real HTTP.
// This is about the harness and what a certified provider answers, not about Keysmith's client.
import { createPublicKey, generateKeyPairSync, randomUUID, type JsonWebKey } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOidcServer, type OidcServer } from '../support/oidc-server';

const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const AUTH_FAILED = { error: 'invalid_client', error_description: 'client authentication failed' };

const { publicKey, privateKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
});

// Characters that must be form-urlencoded inside HTTP Basic credentials (RFC 6749 §2.3.1). Both
// must be VSCHAR (printable ASCII, RFC 6749 Appendix A); oidc-provider rejects anything else.
const BASIC_ID = 'basic client:1';
const BASIC_SECRET = 'p@ss:w+rd/ %&=';
const POST_SECRET = randomUUID();

interface TokenResponse {
  status: number;
  body: Record<string, unknown>;
  headers: Headers;
}

async function tokenRequest(
  url: string,
  params: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<TokenResponse> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', ...headers },
    body: new URLSearchParams(params),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown>, headers: res.headers };
}

function basicAuth(id: string, secret: string): string {
  const form = (value: string) => new URLSearchParams({ v: value }).toString().slice(2);
  return `Basic ${Buffer.from(`${form(id)}:${form(secret)}`).toString('base64')}`;
}

function assertion(clientId: string, aud: string | string[], jti: string = randomUUID()): string {
  return jwt.sign({ jti }, privateKey, {
    algorithm: 'RS256',
    issuer: clientId,
    subject: clientId,
    audience: aud,
    expiresIn: 60,
  });
}

function expectAccessToken(res: TokenResponse): void {
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(typeof res.body.access_token).toBe('string');
  expect((res.body.access_token as string).length).toBeGreaterThan(20);
  expect(res.body.token_type).toBe('Bearer');
  expect(res.body.expires_in).toBe(600);
  expect(res.headers.get('cache-control')).toBe('no-store');
}

describe('oidc-provider harness: client_credentials', () => {
  let server: OidcServer;

  beforeAll(async () => {
    server = await startOidcServer([
      { clientId: BASIC_ID, authMethod: 'client_secret_basic', clientSecret: BASIC_SECRET, scopes: ['api.read', 'api.write'] },
      { clientId: 'post-client', authMethod: 'client_secret_post', clientSecret: POST_SECRET, scopes: ['api.read'] },
      { clientId: 'jwt-client', authMethod: 'private_key_jwt', publicKeyPem: publicKey, scopes: ['api.read', 'api.write'] },
    ]);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('listens on loopback http and discovers the token endpoint', () => {
    expect(server.issuer).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.tokenUrl).toBe(`${server.issuer}/token`);
  });

  it('client_secret_basic (form-urlencoded id and secret) gets an access token', async () => {
    const res = await tokenRequest(
      server.tokenUrl,
      { grant_type: 'client_credentials', scope: 'api.read api.write' },
      { authorization: basicAuth(BASIC_ID, BASIC_SECRET) },
    );
    expectAccessToken(res);
    expect(res.body.scope).toBe('api.read api.write');
  });

  it('client_secret_post gets an access token', async () => {
    const res = await tokenRequest(server.tokenUrl, {
      grant_type: 'client_credentials',
      client_id: 'post-client',
      client_secret: POST_SECRET,
      scope: 'api.read',
    });
    expectAccessToken(res);
    expect(res.body.scope).toBe('api.read');
  });

  it('private_key_jwt gets an access token with aud = token endpoint URL or issuer', async () => {
    for (const aud of [server.tokenUrl, server.issuer, ['https://elsewhere.example', server.tokenUrl]]) {
      const res = await tokenRequest(server.tokenUrl, {
        grant_type: 'client_credentials',
        client_assertion_type: ASSERTION_TYPE,
        client_assertion: assertion('jwt-client', aud),
        scope: 'api.write',
      });
      expectAccessToken(res);
      expect(res.body.scope).toBe('api.write');
    }
  });

  it('private_key_jwt with any other aud is rejected', async () => {
    for (const aud of [`${server.issuer}/`, `${server.issuer}/token/`, 'https://elsewhere.example']) {
      const res = await tokenRequest(server.tokenUrl, {
        grant_type: 'client_credentials',
        client_assertion_type: ASSERTION_TYPE,
        client_assertion: assertion('jwt-client', aud),
      });
      expect(res.status, aud).toBe(401);
      expect(res.body).toEqual(AUTH_FAILED);
      expect(server.tokenErrors.at(-1)?.error_detail).toBe(
        'audience (aud) must equal the endpoint url, issuer identifier or token endpoint url',
      );
    }
  });

  it('a wrong secret is 401 invalid_client (basic and post)', async () => {
    const basic = await tokenRequest(
      server.tokenUrl,
      { grant_type: 'client_credentials' },
      { authorization: basicAuth(BASIC_ID, 'wrong') },
    );
    expect(basic.status).toBe(401);
    expect(basic.body).toEqual(AUTH_FAILED);
    expect(basic.headers.get('www-authenticate')).toContain('error="invalid_client"');
    expect(server.tokenErrors.at(-1)).toMatchObject({ ...AUTH_FAILED, error_detail: 'invalid secret provided', status: 401 });

    const post = await tokenRequest(server.tokenUrl, {
      grant_type: 'client_credentials',
      client_id: 'post-client',
      client_secret: 'wrong',
    });
    expect(post.status).toBe(401);
    expect(post.body).toEqual(AUTH_FAILED);
    expect(server.tokenErrors.at(-1)?.error_detail).toBe('invalid secret provided');
  });

  it('an unknown client is 401 invalid_client', async () => {
    const res = await tokenRequest(server.tokenUrl, {
      grant_type: 'client_credentials',
      client_id: 'nobody',
      client_secret: 'x',
    });
    expect(res.status).toBe(401);
    expect(res.body).toEqual(AUTH_FAILED);
    expect(server.tokenErrors.at(-1)?.error_detail).toBe('client not found');
  });

  it('a replayed client assertion (same jti) is rejected', async () => {
    const params = {
      grant_type: 'client_credentials',
      client_assertion_type: ASSERTION_TYPE,
      client_assertion: assertion('jwt-client', server.tokenUrl),
    };
    expectAccessToken(await tokenRequest(server.tokenUrl, params));

    const replay = await tokenRequest(server.tokenUrl, params);
    expect(replay.status).toBe(401);
    // The body does not say why; the reason is only in the provider's error_detail.
    expect(replay.body).toEqual(AUTH_FAILED);
    expect(server.tokenErrors.at(-1)?.error_detail).toBe('client assertion tokens must only be used once');

    // A new assertion reusing the jti is a replay too, even though the JWT differs.
    const jti = randomUUID();
    const first = await tokenRequest(server.tokenUrl, {
      ...params,
      client_assertion: assertion('jwt-client', server.tokenUrl, jti),
    });
    expectAccessToken(first);
    const sameJti = await tokenRequest(server.tokenUrl, {
      ...params,
      client_assertion: assertion('jwt-client', server.issuer, jti),
    });
    expect(sameJti.status).toBe(401);
    expect(server.tokenErrors.at(-1)?.error_detail).toBe('client assertion tokens must only be used once');
  });

  it('a scope not registered for the client is 400 invalid_scope', async () => {
    const res = await tokenRequest(server.tokenUrl, {
      grant_type: 'client_credentials',
      client_id: 'post-client',
      client_secret: POST_SECRET,
      scope: 'api.read api.write',
    });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      error: 'invalid_scope',
      error_description: 'requested scope is not allowed',
      scope: 'api.write',
    });
  });

  it('a scope the provider does not know at all is dropped, not rejected', async () => {
    const res = await tokenRequest(server.tokenUrl, {
      grant_type: 'client_credentials',
      client_id: 'post-client',
      client_secret: POST_SECRET,
      scope: 'api.read no.such.scope',
    });
    expectAccessToken(res);
    expect(res.body.scope).toBe('api.read');
  });

  it('issues opaque access tokens without resource indicators', async () => {
    const res = await tokenRequest(server.tokenUrl, {
      grant_type: 'client_credentials',
      client_id: 'post-client',
      client_secret: POST_SECRET,
      resource: 'https://api.example.com',
    });
    expectAccessToken(res);
    expect(res.body.access_token).not.toContain('.');
  });

  it('counts token requests, failed ones included', async () => {
    const before = server.tokenRequests;
    const errorsBefore = server.tokenErrors.length;
    await tokenRequest(server.tokenUrl, { grant_type: 'client_credentials', client_id: 'post-client', client_secret: POST_SECRET });
    await tokenRequest(server.tokenUrl, { grant_type: 'client_credentials', client_id: 'post-client', client_secret: 'no' });
    await fetch(`${server.issuer}/.well-known/openid-configuration`);
    expect(server.tokenRequests).toBe(before + 2);
    expect(server.tokenErrors.length).toBe(errorsBefore + 1);
  });
});

describe('oidc-provider harness: resource indicators', () => {
  const audience = 'https://api.keysmith.test';
  let server: OidcServer;

  beforeAll(async () => {
    server = await startOidcServer(
      [{ clientId: 'rs-client', authMethod: 'client_secret_post', clientSecret: POST_SECRET, scopes: ['api.read', 'api.write'] }],
      { resourceIndicators: { audience, scopes: ['api.read', 'api.write'] } },
    );
  });
  afterAll(async () => {
    await server?.close();
  });

  const credentials = { grant_type: 'client_credentials', client_id: 'rs-client', client_secret: POST_SECRET };

  it('resource=<audience> yields a signed JWT access token for that audience', async () => {
    const res = await tokenRequest(server.tokenUrl, { ...credentials, resource: audience, scope: 'api.read' });
    expectAccessToken(res);
    const token = res.body.access_token as string;

    const decoded = jwt.decode(token, { complete: true });
    expect(decoded?.header).toMatchObject({ alg: 'RS256', typ: 'at+jwt' });

    const { keys } = (await (await fetch(server.jwksUrl)).json()) as { keys: (JsonWebKey & { kid: string })[] };
    const jwk = keys.find((key) => key.kid === decoded?.header.kid);
    expect(jwk).toBeDefined();
    const claims = jwt.verify(token, createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' }), {
      algorithms: ['RS256'],
      audience,
      issuer: server.issuer,
    }) as jwt.JwtPayload;
    expect(claims.aud).toBe(audience);
    expect(claims.client_id).toBe('rs-client');
    expect(claims.sub).toBe('rs-client');
    expect(claims.scope).toBe('api.read');
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(res.body.expires_in);
  });

  it('without resource the token stays opaque', async () => {
    const res = await tokenRequest(server.tokenUrl, { ...credentials, scope: 'api.read' });
    expectAccessToken(res);
    expect(res.body.access_token).not.toContain('.');
  });

  it('an unknown resource is 400 invalid_target', async () => {
    const res = await tokenRequest(server.tokenUrl, { ...credentials, resource: 'https://other.example' });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid_target');
  });
});

describe('oidc-provider harness: close()', () => {
  it('closes with keep-alive connections open and stops answering', async () => {
    const server = await startOidcServer([
      { clientId: 'c', authMethod: 'client_secret_post', clientSecret: POST_SECRET },
    ]);
    // fetch keeps the connection alive; close() must not wait for it to time out.
    expectAccessToken(
      await tokenRequest(server.tokenUrl, { grant_type: 'client_credentials', client_id: 'c', client_secret: POST_SECRET }),
    );
    await server.close();
    await expect(fetch(server.tokenUrl, { method: 'POST' })).rejects.toThrow();
    await server.close();
  });
});

describe('oidc-provider harness: configuration errors', () => {
  it('refuses a client oidc-provider would reject on its first request', async () => {
    await expect(
      startOidcServer([{ clientId: 'c', authMethod: 'client_secret_basic', clientSecret: 'sécret' }]),
    ).rejects.toThrow('oidc-provider refused client "c": invalid client_secret value');
  });

  it('refuses a client without the credential its method needs', async () => {
    await expect(startOidcServer([{ clientId: 'c', authMethod: 'private_key_jwt' }])).rejects.toThrow(
      'private_key_jwt needs publicKeyPem',
    );
    await expect(startOidcServer([{ clientId: 'c', authMethod: 'client_secret_post' }])).rejects.toThrow(
      'client_secret_post needs clientSecret',
    );
  });
});
