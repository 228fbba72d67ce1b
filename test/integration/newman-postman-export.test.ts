/**
 * Keysmith's Postman environment, run by the real newman (Postman's own runner) with a collection
 * that uses Adobe's variable names (API_KEY, CLIENT_SECRET, SCOPES, IMS, IMS_ORG, ACCESS_TOKEN), as
 * Adobe's collections do:
 * - OAuth Server-to-Server: the collection mints at https://{{IMS}}/ims/token/v3 (routed to the
 *   emulator by the loopback TLS proxy, as for aio-lib-ims) and calls an API with the token;
 * - Service Account (JWT), which Postman cannot sign: `export --with-token` hands the token over
 *   (secret, with its expiry) and the collection calls the API with it; `token --format jwt` prints a
 *   freshly signed JWT that the emulator exchanges.
 * The API is a loopback server that checks the headers Adobe's APIs want.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDataDir } from '../support/cli';
import { startImsEmulator, type ImsEmulator } from '../support/ims-emulator';
import { startImsTlsProxy, type ImsTlsProxy } from '../support/ims-tls-proxy';

const ORG = '1234567890ABCDEF12345678@AdobeOrg';
const TECH = 'ABCDEF0123456789AAAAAAAA@techacct.adobe.com';
const SECRET = 'p8e-newman-secret-000000000000';
const NEWMAN = path.join(ROOT, 'node_modules', 'newman', 'bin', 'newman.js');
let ims: ImsEmulator;
let proxy: ImsTlsProxy;
let api: Server;
let apiUrl: string;
const apiCalls: IncomingHttpHeaders[] = [];

beforeAll(async () => {
  ims = await startImsEmulator();
  proxy = await startImsTlsProxy(ims.url, mkdtempSync(path.join(tmpdir(), 'keysmith-proxy-')));
  ims.registerClient({ clientId: 'pm-s2s', clientSecrets: [SECRET], orgId: ORG, technicalAccountId: TECH, scopes: ['openid', 'AdobeID', 'read_organizations'] });
  api = createServer((req, res) => {
    apiCalls.push(req.headers);
    const ok = /^Bearer eyJ/.test(req.headers.authorization ?? '') && req.headers['x-api-key'] !== undefined && req.headers['x-gw-ims-org-id'] === ORG;
    res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' }).end(JSON.stringify({ ok }));
  });
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
  apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
}, 60_000);

afterAll(async () => {
  await new Promise((resolve) => api?.close(resolve));
  await proxy?.close();
  await ims?.close();
});

const form = (pairs: Record<string, string>) => Object.entries(pairs).map(([key, value]) => ({ key, value, type: 'text' }));

function collection(withMint: boolean): unknown {
  const mint = {
    name: 'IMS: access token (OAuth Server-to-Server)',
    event: [{ listen: 'test', script: { exec: ['pm.test("minted", () => pm.response.to.have.status(200));', 'pm.environment.set("ACCESS_TOKEN", pm.response.json().access_token);'] } }],
    request: {
      method: 'POST',
      url: 'https://{{IMS}}/ims/token/v3',
      body: { mode: 'urlencoded', urlencoded: form({ grant_type: 'client_credentials', client_id: '{{API_KEY}}', client_secret: '{{CLIENT_SECRET}}', scope: '{{SCOPES}}' }) },
    },
  };
  const call = {
    name: 'API call',
    event: [{ listen: 'test', script: { exec: ['pm.test("called", () => pm.response.to.have.status(200));'] } }],
    request: {
      method: 'GET',
      url: `${apiUrl}/api/programs`,
      header: [
        { key: 'Authorization', value: 'Bearer {{ACCESS_TOKEN}}' },
        { key: 'x-api-key', value: '{{API_KEY}}' },
        { key: 'x-gw-ims-org-id', value: '{{IMS_ORG}}' },
      ],
    },
  };
  return { info: { name: 'Adobe names', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' }, item: withMint ? [mint, call] : [call] };
}

function newman(collectionFile: string, environmentFile: string, caFile: string): Promise<{ code: number; out: string }> {
  return new Promise((resolve, reject) => {
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(HTTPS?|NO|ALL)_PROXY$/i.test(k)));
    const child = spawn(process.execPath, [NEWMAN, 'run', collectionFile, '-e', environmentFile, '--ssl-extra-ca-certs', caFile, '--reporters', 'cli', '--color', 'off'], {
      env: { ...clean, HTTPS_PROXY: proxy.url, NO_PROXY: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, out }));
  });
}

async function ok(args: string[], env: NodeJS.ProcessEnv, input?: string): Promise<string> {
  const r = await runCli(args, { env, ...(input !== undefined && { input }) });
  expect(r.code, r.stderr).toBe(0);
  return r.stdout;
}

describe('newman runs a collection with Adobe variable names on Keysmith environments', () => {
  it('OAuth Server-to-Server: the collection mints with API_KEY, CLIENT_SECRET, SCOPES and IMS, then calls the API', async () => {
    const work = mkdtempSync(path.join(tmpdir(), 'keysmith-newman-'));
    const env = { KEYSMITH_HOME: tempDataDir(), KEYSMITH_PASSPHRASE: 'newman test passphrase' };
    await ok(['add', 'oauth-s2s', '--name', 'CM', '--client-id', 'pm-s2s', '--org-id', ORG, '--scopes', 'openid,AdobeID,read_organizations', '--client-secret-stdin'], env, SECRET);
    const environment = path.join(work, 'cm.postman_environment.json');
    await ok(['export', 'CM', '--format', 'postman', '--include-secrets', '--out', environment], env);
    const variables = (JSON.parse(readFileSync(environment, 'utf8')) as { values: { key: string; value: string; type: string }[] }).values;
    expect(variables.find((v) => v.key === 'CLIENT_SECRET')?.type).toBe('secret');
    expect(variables.find((v) => v.key === 'IMS')?.value).toBe('ims-na1.adobelogin.com');
    writeFileSync(path.join(work, 'c.json'), JSON.stringify(collection(true)));
    const before = apiCalls.length;
    const run = await newman(path.join(work, 'c.json'), environment, proxy.caFile);
    expect(run.code, run.out).toBe(0);
    expect(ims.requests.some((r) => r.path === '/ims/token/v3' && r.form.client_id === 'pm-s2s' && r.form.scope === 'openid,AdobeID,read_organizations')).toBe(true);
    expect(apiCalls.slice(before).map((h) => h['x-api-key'])).toEqual(['pm-s2s']);
  });

  it('Service Account (JWT): --with-token carries the token (secret, with expiry); token --format jwt is exchangeable', async () => {
    const work = mkdtempSync(path.join(tmpdir(), 'keysmith-newman-'));
    const env = { KEYSMITH_HOME: tempDataDir(), KEYSMITH_PASSPHRASE: 'newman test passphrase' };
    await ok(
      ['add', 'jwt', '--name', 'AEM', '--client-id', 'pm-jwt', '--org-id', ORG, '--technical-account-id', TECH, '--metascopes', 'ent_aem_cloud_api', '--ims-endpoint', ims.url, '--client-secret-stdin'],
      env,
      SECRET,
    );
    const cert = path.join(work, 'aem.crt');
    await ok(['keygen', 'AEM', '--cert-out', cert], env);
    ims.registerClient({ clientId: 'pm-jwt', clientSecrets: [SECRET], orgId: ORG, technicalAccountId: TECH, metascopes: ['ent_aem_cloud_api'], certificatesPem: [readFileSync(cert, 'utf8')] });

    const environment = path.join(work, 'aem.postman_environment.json');
    const exported = await runCli(['export', 'AEM', '--format', 'postman', '--with-token', '--out', environment], { env });
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stdout).toMatch(/with secrets, mode 0600/);
    const variables = (JSON.parse(readFileSync(environment, 'utf8')) as { values: { key: string; value: string; type: string }[] }).values;
    const token = variables.find((v) => v.key === 'ACCESS_TOKEN');
    expect(token?.type).toBe('secret');
    expect(Date.parse(variables.find((v) => v.key === 'ACCESS_TOKEN_EXPIRES_AT')?.value ?? '')).toBeGreaterThan(Date.now());
    // Without --include-secrets the client secret and key stay out, though the token is in.
    expect(variables.find((v) => v.key === 'PRIVATE_KEY')?.value).toBe('');
    expect(variables.find((v) => v.key === 'CLIENT_SECRET')?.value).toBe('');

    writeFileSync(path.join(work, 'c.json'), JSON.stringify(collection(false)));
    const before = apiCalls.length;
    const run = await newman(path.join(work, 'c.json'), environment, proxy.caFile);
    expect(run.code, run.out).toBe(0);
    expect(apiCalls.slice(before).map((h) => h.authorization)).toEqual([`Bearer ${token?.value}`]);

    const jwt = (await ok(['token', 'AEM', '--format', 'jwt'], env)).trim();
    expect(jwt.split('.')).toHaveLength(3);
    const exchange = await fetch(`${ims.url}/ims/exchange/jwt`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: 'pm-jwt', client_secret: SECRET, jwt_token: jwt }).toString(),
    });
    expect(exchange.status).toBe(200);
  });

  it('--with-token is refused where it has no place, and for an API key', async () => {
    const env = { KEYSMITH_HOME: tempDataDir(), KEYSMITH_PASSPHRASE: 'newman test passphrase' };
    await ok(['add', 'apikey', '--name', 'Stock', '--client-id', 'stock-key'], env);
    const aio = await runCli(['export', 'Stock', '--format', 'aio', '--with-token'], { env });
    expect(aio.stderr).toMatch(/--with-token applies to --format postman and curl/);
    const key = await runCli(['export', 'Stock', '--format', 'postman', '--with-token'], { env });
    expect(key.code).not.toBe(0);
    expect(key.stderr).toMatch(/no access token/);
    const jwt = await runCli(['token', 'Stock', '--format', 'jwt'], { env });
    expect(jwt.code).not.toBe(0);
    expect(jwt.stderr).toMatch(/signs no JWT/);
  });
});
