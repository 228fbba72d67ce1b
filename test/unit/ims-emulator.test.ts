/**
 * The IMS emulator is the stand-in for Adobe in every token test, so it is checked here against
 * adobe-ims.md over real HTTP: endpoints, units, claim checks, the error table and faults. JWTs are
 * signed with keys and certificates made by openssl, as Adobe's documentation tells users to.
 */
import { execFileSync } from 'node:child_process';
import { createPrivateKey, sign as cryptoSign } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startImsEmulator, type ImsEmulator } from '../support/ims-emulator';
import { requireTool } from '../support/requirements';
import { waitFor } from '../support/wait-for';

const ORG = '1234567890ABCDEF12345678@AdobeOrg';
const TECH = 'ABCDEF1234567890ABCDEF12@techacct.adobe.com';
const JWT_CLIENT = 'jwt-client';
const S2S_CLIENT = 's2s-client';
const SECRET = 'p8e-secret';
const S2S_SCOPES = ['openid', 'AdobeID', 'read_organizations'];

interface KeyMaterial {
  keyPem: string;
  certPem: string;
}

const OPENSSL = requireTool('openssl', 'the client keys and certificates are made by openssl, as Adobe tells users to');
let dir: string;
let keyA: KeyMaterial;
let keyB: KeyMaterial;
let keyUnregistered: KeyMaterial;
let ims: ImsEmulator;

function makeKeyAndCertificate(name: string): KeyMaterial {
  const key = path.join(dir, `${name}.key`);
  const cert = path.join(dir, `${name}.crt`);
  execFileSync(OPENSSL!, ['req', '-x509', '-sha256', '-nodes', '-days', '365', '-newkey', 'rsa:2048', '-keyout', key, '-out', cert, '-subj', '/CN=t'], {
    stdio: 'pipe',
  });
  return { keyPem: readFileSync(key, 'utf8'), certPem: readFileSync(cert, 'utf8') };
}

/** The claims aio-lib-ims-jwt sends, aimed at this emulator; an override of undefined removes a claim. */
function adobeClaims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const claims: Record<string, unknown> = {
    exp: Math.floor(Date.now() / 1000) + 300,
    iss: ORG,
    sub: TECH,
    aud: `${ims.url}/c/${JWT_CLIENT}`,
    [`${ims.url}/s/ent_cloudmgr_sdk`]: true,
    ...overrides,
  };
  // jsonwebtoken rejects `exp: undefined` rather than leaving it out.
  return Object.fromEntries(Object.entries(claims).filter(([, value]) => value !== undefined));
}

function signRs256(claims: Record<string, unknown>, key: KeyMaterial = keyA): string {
  return jwt.sign(claims, key.keyPem, { algorithm: 'RS256', noTimestamp: true });
}

/** Signs without jsonwebtoken's claim validation, to produce JWTs Adobe must reject. */
function signRaw(header: Record<string, unknown>, claims: Record<string, unknown>, key: KeyMaterial = keyA): string {
  const input = `${Buffer.from(JSON.stringify(header)).toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  return `${input}.${cryptoSign('sha256', Buffer.from(input), createPrivateKey(key.keyPem)).toString('base64url')}`;
}

async function post(pathname: string, form: Record<string, string>): Promise<{ status: number; headers: Headers; text: string; json: () => Record<string, unknown> }> {
  const res = await fetch(`${ims.url}${pathname}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form),
    redirect: 'manual',
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: () => JSON.parse(text) as Record<string, unknown> };
}

function exchange(jwtToken: string, overrides: Record<string, string> = {}) {
  return post('/ims/exchange/jwt', { client_id: JWT_CLIENT, client_secret: SECRET, jwt_token: jwtToken, ...overrides });
}

function clientCredentials(overrides: Record<string, string> = {}, pathname = '/ims/token/v3') {
  return post(pathname, { grant_type: 'client_credentials', client_id: S2S_CLIENT, client_secret: SECRET, scope: S2S_SCOPES.join(','), ...overrides });
}

async function expectError(response: Promise<Awaited<ReturnType<typeof post>>>, status: number, error: string): Promise<void> {
  const res = await response;
  expect({ status: res.status, error: res.json().error }, res.text).toEqual({ status, error });
  expect(typeof res.json().error_description).toBe('string');
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'keysmith-ims-'));
  keyA = makeKeyAndCertificate('a');
  keyB = makeKeyAndCertificate('b');
  keyUnregistered = makeKeyAndCertificate('c');
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

beforeEach(async () => {
  ims = await startImsEmulator();
  ims.registerClient({
    clientId: JWT_CLIENT,
    clientSecrets: [SECRET],
    orgId: ORG,
    technicalAccountId: TECH,
    metascopes: ['ent_cloudmgr_sdk', 'ent_aem_cloud_api'],
    certificatesPem: [keyA.certPem, keyB.certPem],
  });
  ims.registerClient({ clientId: S2S_CLIENT, clientSecrets: ['old-secret', SECRET], orgId: ORG, scopes: S2S_SCOPES });
  return () => ims.close();
});

describe.skipIf(OPENSSL === null)('JWT exchange', () => {
  it('answers a valid JWT with a bearer token whose expires_in is in milliseconds', async () => {
    const res = await exchange(signRs256(adobeClaims()));
    expect(res.status, res.text).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ token_type: 'bearer', expires_in: 86_399_999 });
    expect(typeof body.access_token).toBe('string');
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('accepts the trailing-slash path that Adobe clients use', async () => {
    const res = await post('/ims/exchange/jwt/', { client_id: JWT_CLIENT, client_secret: SECRET, jwt_token: signRs256(adobeClaims()) });
    expect(res.status, res.text).toBe(200);
  });

  it('accepts JWTs signed by either of two registered certificates, and not a third', async () => {
    expect((await exchange(signRs256(adobeClaims(), keyA))).status).toBe(200);
    expect((await exchange(signRs256(adobeClaims(), keyB))).status).toBe(200);
    await expectError(exchange(signRs256(adobeClaims(), keyUnregistered)), 400, 'invalid_signature');
  });

  it('issues distinct tokens on each exchange', async () => {
    const first = (await exchange(signRs256(adobeClaims()))).json().access_token;
    const second = (await exchange(signRs256(adobeClaims()))).json().access_token;
    expect(first).not.toBe(second);
  });

  it('reports a shortened lifetime set by setLifetimes', async () => {
    ims.setLifetimes({ jwtMs: 5000 });
    const body = (await exchange(signRs256(adobeClaims()))).json();
    expect(body.expires_in).toBe(5000);
    expect((jwt.decode(body.access_token as string) as Record<string, unknown>).expires_in).toBe('5000');
  });

  describe('error table', () => {
    it('unknown client id: 400 invalid_client', () => expectError(exchange(signRs256(adobeClaims()), { client_id: 'nobody' }), 400, 'invalid_client'));
    it('wrong secret: 401 invalid_client', () => expectError(exchange(signRs256(adobeClaims()), { client_secret: 'wrong' }), 401, 'invalid_client'));
    it('client not allowed to exchange JWTs: 401 invalid_client', () =>
      expectError(exchange(signRs256(adobeClaims()), { client_id: S2S_CLIENT }), 401, 'invalid_client'));
    it('missing jwt_token: 400 invalid_token', () => expectError(post('/ims/exchange/jwt', { client_id: JWT_CLIENT, client_secret: SECRET }), 400, 'invalid_token'));
    it('undecodable jwt_token: 400 invalid_token', () => expectError(exchange('not.a-jwt'), 400, 'invalid_token'));
    it('aud on another IMS host: 400 invalid_client', () =>
      expectError(exchange(signRs256(adobeClaims({ aud: `https://ims-na1.adobelogin.com/c/${JWT_CLIENT}` }))), 400, 'invalid_client'));
    it('aud naming another client: 400 invalid_client', () =>
      expectError(exchange(signRs256(adobeClaims({ aud: `${ims.url}/c/${S2S_CLIENT}` }))), 400, 'invalid_client'));
    it('HS256: 400 invalid_signature', () =>
      expectError(exchange(jwt.sign(adobeClaims(), SECRET, { algorithm: 'HS256' })), 400, 'invalid_signature'));
    it('alg none: 400 invalid_signature', () => expectError(exchange(jwt.sign(adobeClaims(), '', { algorithm: 'none' })), 400, 'invalid_signature'));
    it('a tampered payload: 400 invalid_signature', () => {
      const [h, , s] = signRs256(adobeClaims()).split('.');
      const forged = Buffer.from(JSON.stringify(adobeClaims({ sub: 'FFFF@techacct.adobe.com' }))).toString('base64url');
      return expectError(exchange(`${h}.${forged}.${s}`), 400, 'invalid_signature');
    });
    it('expired: 400 invalid_token', () =>
      expectError(exchange(signRs256(adobeClaims({ exp: Math.floor(Date.now() / 1000) - 60 }))), 400, 'invalid_token'));
    it('exp as a string: 400 invalid_token', () =>
      expectError(exchange(signRaw({ alg: 'RS256', typ: 'JWT' }, adobeClaims({ exp: String(Math.floor(Date.now() / 1000) + 300) }))), 400, 'invalid_token'));
    it('exp as a float: 400 invalid_token', () =>
      expectError(exchange(signRaw({ alg: 'RS256', typ: 'JWT' }, adobeClaims({ exp: Date.now() / 1000 + 300.5 }))), 400, 'invalid_token'));
    it('exp missing: 400 invalid_token', () => expectError(exchange(signRs256(adobeClaims({ exp: undefined }))), 400, 'invalid_token'));
    it('jti neither string nor number: 400 invalid_token', () => expectError(exchange(signRs256(adobeClaims({ jti: { x: 1 } }))), 400, 'invalid_token'));
    it('iss of another org: 400 bad_request', () => expectError(exchange(signRs256(adobeClaims({ iss: 'FFFF@AdobeOrg' }))), 400, 'bad_request'));
    it('malformed iss: 400 bad_request', () => expectError(exchange(signRs256(adobeClaims({ iss: 'my org' }))), 400, 'bad_request'));
    it('sub of another technical account: 400 bad_request', () =>
      expectError(exchange(signRs256(adobeClaims({ sub: 'FFFF@techacct.adobe.com' }))), 400, 'bad_request'));
    it('no metascope claim: 400 invalid_scope', () =>
      expectError(exchange(signRs256(adobeClaims({ [`${ims.url}/s/ent_cloudmgr_sdk`]: undefined }))), 400, 'invalid_scope'));
    it('metascope only for another IMS host: 400 invalid_scope', () =>
      expectError(
        exchange(signRs256(adobeClaims({ [`${ims.url}/s/ent_cloudmgr_sdk`]: undefined, 'https://ims-na1.adobelogin.com/s/ent_cloudmgr_sdk': true }))),
        400,
        'invalid_scope',
      ));
    it('an ungranted metascope beside a granted one: 400 invalid_scope', () =>
      expectError(exchange(signRs256(adobeClaims({ [`${ims.url}/s/ent_user_sdk`]: true }))), 400, 'invalid_scope'));
  });
});

describe.skipIf(OPENSSL === null)('OAuth Server-to-Server', () => {
  it('answers client_credentials with a bearer token whose expires_in is in seconds', async () => {
    const res = await clientCredentials();
    expect(res.status, res.text).toBe(200);
    expect(res.json()).toMatchObject({ token_type: 'bearer', expires_in: 86_399 });
  });

  it('accepts any one of the client secrets and a subset of the granted scopes', async () => {
    expect((await clientCredentials({ client_secret: 'old-secret', scope: 'openid' })).status).toBe(200);
  });

  it('accepts aio-lib-ims /ims/token/v2 with org_id, and rejects a wrong org_id', async () => {
    expect((await clientCredentials({ org_id: ORG }, '/ims/token/v2')).status).toBe(200);
    await expectError(clientCredentials({ org_id: 'FFFF@AdobeOrg' }, '/ims/token/v2'), 400, 'bad_request');
  });

  it('ungranted scope: 400 invalid_scope', () => expectError(clientCredentials({ scope: 'openid,read_pc.dma_aem_ams' }), 400, 'invalid_scope'));
  it('missing scope: 400 invalid_scope', () =>
    expectError(post('/ims/token/v3', { grant_type: 'client_credentials', client_id: S2S_CLIENT, client_secret: SECRET }), 400, 'invalid_scope'));
  it('wrong grant type: 400 unsupported_grant_type', () => expectError(clientCredentials({ grant_type: 'password' }), 400, 'unsupported_grant_type'));
  it('wrong secret: 401 invalid_client', () => expectError(clientCredentials({ client_secret: 'wrong' }), 401, 'invalid_client'));
  it('unknown client id: 400 invalid_client', () => expectError(clientCredentials({ client_id: 'nobody' }), 400, 'invalid_client'));
  it('a JWT-only client: 401 invalid_client', () => expectError(clientCredentials({ client_id: JWT_CLIENT }), 401, 'invalid_client'));
});

describe.skipIf(OPENSSL === null)('access tokens', () => {
  it('are RS256 JWTs signed by the emulator, with Adobe-style claims in milliseconds as strings', async () => {
    const before = Date.now();
    const token = (await exchange(signRs256(adobeClaims()))).json().access_token as string;
    const payload = jwt.verify(token, ims.tokenSigningPublicKeyPem, { algorithms: ['RS256'] }) as Record<string, unknown>;
    expect(payload).toMatchObject({ type: 'access_token', client_id: JWT_CLIENT, user_id: TECH, as: 'ims-na1', expires_in: '86399999', scope: 'ent_cloudmgr_sdk' });
    expect(payload.created_at).toMatch(/^\d+$/);
    expect(Number(payload.created_at)).toBeGreaterThanOrEqual(before);
    expect(typeof payload.id).toBe('string');
    expect(jwt.decode(token, { complete: true })?.header).toMatchObject({ alg: 'RS256', kid: expect.any(String) });
  });

  it('from S2S carry the requested scopes, a technical account and a lifetime in ms', async () => {
    const token = (await clientCredentials()).json().access_token as string;
    const payload = jwt.verify(token, ims.tokenSigningPublicKeyPem, { algorithms: ['RS256'] }) as Record<string, unknown>;
    expect(payload).toMatchObject({ client_id: S2S_CLIENT, expires_in: '86399000', scope: S2S_SCOPES.join(',') });
    expect(payload.user_id).toMatch(/@techacct\.adobe\.com$/);
  });

  it('do not verify against a certificate the client uploaded', async () => {
    const token = (await clientCredentials()).json().access_token as string;
    expect(() => jwt.verify(token, keyA.certPem, { algorithms: ['RS256'] })).toThrow(/signature/);
  });
});

describe.skipIf(OPENSSL === null)('faults', () => {
  it('are consumed in order, one per token request, then normal answers resume', async () => {
    ims.failNext({ status: 429, headers: { 'Retry-After': '1' }, body: '{"error":"too_many_requests"}' }, { status: 500, body: '{"error":"internal_error"}' });
    const throttled = await clientCredentials();
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('1');
    const failed = await clientCredentials();
    expect(failed.status).toBe(500);
    expect(failed.json().error).toBe('internal_error');
    expect((await clientCredentials()).status).toBe(200);
    expect(ims.requests.map((r) => r.form.client_id)).toEqual([S2S_CLIENT, S2S_CLIENT, S2S_CLIENT]);
  });

  it('can answer 200 with a malformed JSON body', async () => {
    ims.failNext({ status: 200, body: '{"access_tok' });
    const res = await exchange(signRs256(adobeClaims()));
    expect(res.status).toBe(200);
    expect(() => res.json()).toThrow(SyntaxError);
  });

  it('can drop the connection, and the request is still recorded', async () => {
    ims.failNext({ destroy: true });
    await expect(clientCredentials()).rejects.toThrow();
    expect(ims.requests).toHaveLength(1);
    expect(ims.requests[0]).toMatchObject({ method: 'POST', path: '/ims/token/v3', form: { grant_type: 'client_credentials' } });
  });

  it('do not stop close() while a slow answer is pending', async () => {
    ims.failNext({ delayMs: 20_000 });
    const pending = clientCredentials().then(
      () => 'answered',
      () => 'dropped',
    );
    await waitFor(() => ims.requests.length > 0, { what: 'the emulator to receive the request' });
    await ims.close();
    expect(await pending).toBe('dropped');
  });
});

describe.skipIf(OPENSSL === null)('HTTP surface', () => {
  it('records method, path, form and headers of every request', async () => {
    await clientCredentials();
    const [first] = ims.requests;
    expect(first).toMatchObject({ method: 'POST', path: '/ims/token/v3', form: { client_id: S2S_CLIENT, scope: S2S_SCOPES.join(',') } });
    expect(first?.headers['content-type']).toBe('application/x-www-form-urlencoded');
  });

  it('answers unknown paths 404 and other methods on token paths 405', async () => {
    // /ims/authorize/v2 is emulated now (user sign-in, ims-user-endpoints.ts); v1 is not.
    expect((await fetch(`${ims.url}/ims/authorize/v1`)).status).toBe(404);
    expect((await post('/ims/token/v1', {})).status).toBe(404);
    const get = await fetch(`${ims.url}/ims/token/v3`);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
  });

  it('rejects a JSON body with 400 invalid_request', async () => {
    const res = await fetch(`${ims.url}/ims/token/v3`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'client_credentials', client_id: S2S_CLIENT, client_secret: SECRET, scope: 'openid' }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as Record<string, unknown>).error).toBe('invalid_request');
  });

  it('rejects a body over 64 KB with 413', async () => {
    expect((await clientCredentials({ padding: 'x'.repeat(70 * 1024) })).status).toBe(413);
  });

  it('closes promptly with idle keep-alive connections open', async () => {
    await clientCredentials();
    await ims.close();
    await expect(fetch(`${ims.url}/ims/token/v3`)).rejects.toThrow();
  });
});
