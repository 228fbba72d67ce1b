/**
 * Tokens end to end: the built CLI, a real vault, real HTTP to the loopback IMS emulator (which
 * checks the RS256 signature against the certificate "uploaded" to it). Covers both Adobe flows,
 * the cache, the output formats, `exec`, `inspect`, and how failures read. Each test has its own
 * emulator and data directory, and adds the integrations it uses.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli, tempDataDir, type CliResult } from '../support/cli';
import { startImsEmulator, type ImsEmulator } from '../support/ims-emulator';

const ORG = '1234567890ABCDEF12345678@AdobeOrg';
const TECH = 'ABCDEF0123456789@techacct.adobe.com';
const DAY_MS = 86_400_000;

let ims: ImsEmulator;
let dir: string;
let env: NodeJS.ProcessEnv;
const cli = (args: string[], input?: string, extraEnv: NodeJS.ProcessEnv = {}) => runCli(args, { env: { ...env, ...extraEnv }, input });

async function ok(args: string[], input?: string, extraEnv?: NodeJS.ProcessEnv): Promise<string> {
  const result = await cli(args, input, extraEnv);
  expect(result.code, result.stderr).toBe(0);
  return result.stdout;
}

const tokenJson = async (name: string, ...flags: string[]) =>
  JSON.parse(await ok(['token', name, '--format', 'json', ...flags])) as { accessToken: string; expiresAt: string; fromCache: boolean; apiKey: string; orgId: string };

function expectOneLineError(result: CliResult, pattern: RegExp): void {
  expect(result.code, result.stderr).toBe(1);
  expect(result.stderr.trim().split('\n')).toHaveLength(1);
  expect(result.stderr).toMatch(pattern);
}

/** Adds a JWT integration with a generated key whose certificate is registered with the emulator. */
async function jwtIntegration(name: string, clientId: string, secret = `secret-${clientId}`): Promise<string> {
  await ok(['add', 'jwt', '--name', name, '--client-id', clientId, '--org-id', ORG, '--technical-account-id', TECH, '--metascopes', 'ent_cloudmgr_sdk', '--ims-endpoint', ims.url, '--client-secret-stdin'], secret);
  const certPath = path.join(path.dirname(dir), `${clientId}.crt`);
  await ok(['keygen', name, '--cert-out', certPath]);
  ims.registerClient({ clientId, clientSecrets: [secret], orgId: ORG, technicalAccountId: TECH, metascopes: ['ent_cloudmgr_sdk'], certificatesPem: [readFileSync(certPath, 'utf8')] });
  return certPath;
}

async function s2sIntegration(name: string, clientId: string): Promise<void> {
  await ok(['add', 'oauth-s2s', '--name', name, '--client-id', clientId, '--org-id', ORG, '--scopes', 'openid,AdobeID,read_organizations', '--ims-endpoint', ims.url, '--client-secret-stdin'], `secret-${clientId}`);
  ims.registerClient({ clientId, clientSecrets: [`secret-${clientId}`], orgId: ORG, scopes: ['openid', 'AdobeID', 'read_organizations'] });
}

const callsFor = (clientId: string) => ims.requests.filter((r) => r.form.client_id === clientId).length;

beforeEach(async () => {
  ims = await startImsEmulator();
  dir = tempDataDir();
  env = { KEYSMITH_HOME: dir, KEYSMITH_PASSPHRASE: 'token tests passphrase' };
});
afterEach(() => ims.close());

describe('Service Account (JWT) through the IMS emulator', () => {
  it('mints a token whose 86399999 ms lifetime is a day, then serves it from the cache', async () => {
    await jwtIntegration('CM JWT', 'jwt-client-1');
    const before = Date.now();
    const first = await tokenJson('CM JWT');
    expect(first.fromCache).toBe(false);
    const lifetime = Date.parse(first.expiresAt) - before;
    expect(lifetime).toBeGreaterThan(DAY_MS - 60_000);
    expect(lifetime).toBeLessThan(DAY_MS + 60_000);
    expect(callsFor('jwt-client-1')).toBe(1);
    expect(ims.requests.at(-1)!.path).toBe('/ims/exchange/jwt');

    const second = await tokenJson('CM JWT');
    expect(second).toMatchObject({ fromCache: true, accessToken: first.accessToken });
    expect(callsFor('jwt-client-1')).toBe(1);

    const forced = await tokenJson('CM JWT', '--force');
    expect(forced.fromCache).toBe(false);
    expect(forced.accessToken).not.toBe(first.accessToken);
    expect(callsFor('jwt-client-1')).toBe(2);
  });

  it('says which certificate to upload when IMS has none matching the active key', async () => {
    await jwtIntegration('CM JWT', 'jwt-client-1');
    await tokenJson('CM JWT');
    await ok(['keygen', 'CM JWT', '--cert-out', path.join(path.dirname(dir), 'rotated.crt')]);
    const certs = JSON.parse(await ok(['certs', 'CM JWT', '--json'])) as { fingerprintSha256: string; active: boolean }[];
    const fresh = certs.find((c) => !c.active)!;
    await ok(['use-key', 'CM JWT', '--fingerprint', fresh.fingerprintSha256]);
    const result = await cli(['token', 'CM JWT']);
    expectOneLineError(result, new RegExp(`IMS has no certificate matching this key: the credential needs the certificate with fingerprint ${fresh.fingerprintSha256}.*upload it in the Developer Console`));
    // Switching back works at once: the cache is keyed to the active key.
    await ok(['use-key', 'CM JWT', '--fingerprint', certs.find((c) => c.active)!.fingerprintSha256]);
    expect((await tokenJson('CM JWT')).fromCache).toBe(true);
  });

  it('explains a wrong client secret', async () => {
    await ok(['add', 'jwt', '--name', 'Wrong secret', '--client-id', 'jwt-client-2', '--org-id', ORG, '--technical-account-id', TECH, '--metascopes', 'ent_cloudmgr_sdk', '--ims-endpoint', ims.url, '--client-secret-stdin'], 'not-the-secret');
    const certPath = path.join(path.dirname(dir), 'jwt-client-2.crt');
    await ok(['keygen', 'Wrong secret', '--cert-out', certPath]);
    ims.registerClient({ clientId: 'jwt-client-2', clientSecrets: ['the-real-secret'], orgId: ORG, technicalAccountId: TECH, metascopes: ['ent_cloudmgr_sdk'], certificatesPem: [readFileSync(certPath, 'utf8')] });
    expectOneLineError(await cli(['token', 'Wrong secret']), /client id and client secret do not match/);
  });

  it('explains a metascope the credential was not granted', async () => {
    await jwtIntegration('Wrong scope', 'jwt-client-2');
    await ok(['edit', 'Wrong scope', '--metascopes', 'ent_user_sdk']);
    expectOneLineError(await cli(['token', 'Wrong scope']), /scope or metascope is missing, unknown or not granted/);
  });
});

describe('OAuth Server-to-Server through the IMS emulator', () => {
  it('mints with comma-separated scopes; 86399 s is a day', async () => {
    await s2sIntegration('CM S2S', 's2s-client-1');
    const before = Date.now();
    const token = await tokenJson('CM S2S');
    const lifetime = Date.parse(token.expiresAt) - before;
    expect(lifetime).toBeGreaterThan(DAY_MS - 60_000);
    expect(lifetime).toBeLessThan(DAY_MS + 60_000);
    const request = ims.requests.filter((r) => r.form.client_id === 's2s-client-1').at(-1)!;
    expect(request.path).toBe('/ims/token/v3');
    expect(request.form).toMatchObject({ grant_type: 'client_credentials', scope: 'openid,AdobeID,read_organizations' });
  });

  it('makes one HTTP call for ten concurrent `keysmith token` processes', async () => {
    await s2sIntegration('Concurrent', 's2s-client-2');
    const results = await Promise.all(Array.from({ length: 10 }, () => cli(['token', 'Concurrent'])));
    for (const r of results) expect(r.code, r.stderr).toBe(0);
    expect(new Set(results.map((r) => r.stdout)).size).toBe(1);
    expect(callsFor('s2s-client-2')).toBe(1);
  });

  it('prints the token as raw, header, curl, env and json', async () => {
    await s2sIntegration('CM S2S', 's2s-client-1');
    const { accessToken } = await tokenJson('CM S2S');
    expect(await ok(['token', 'CM S2S'])).toBe(`${accessToken}\n`);
    expect(await ok(['token', 'CM S2S', '--format', 'header'])).toBe(`Authorization: Bearer ${accessToken}\n`);
    expect(await ok(['token', 'CM S2S', '--format', 'curl'])).toBe(
      `curl -H 'Authorization: Bearer ${accessToken}' -H 'x-api-key: s2s-client-1' -H 'x-gw-ims-org-id: ${ORG}'\n`,
    );
    expect(await ok(['token', 'CM S2S', '--format', 'env'])).toBe(
      `export KEYSMITH_ACCESS_TOKEN='${accessToken}'\nexport KEYSMITH_API_KEY='s2s-client-1'\nexport KEYSMITH_ORG_ID='${ORG}'\n`,
    );
    expect(await tokenJson('CM S2S')).toMatchObject({ accessToken, fromCache: true, apiKey: 's2s-client-1', orgId: ORG });
  });

  it('runs a command with the credentials in its environment and passes its exit code through', async () => {
    await s2sIntegration('CM S2S', 's2s-client-1');
    const { accessToken } = await tokenJson('CM S2S');
    const script = `const e = process.env; process.exit(e.KEYSMITH_ACCESS_TOKEN === ${JSON.stringify(accessToken)} && e.KEYSMITH_API_KEY === 's2s-client-1' && e.KEYSMITH_ORG_ID === ${JSON.stringify(ORG)} ? 7 : 1)`;
    const result = await cli(['exec', 'CM S2S', '--', process.execPath, '-e', script]);
    expect(result.code, result.stderr).toBe(7);
    // As a shell says it: 127 for a command that is not found.
    const missing = await cli(['exec', 'CM S2S', '--', 'no-such-command-here']);
    expect(missing.code).toBe(127);
    expect(missing.stderr).toBe('keysmith: command not found: no-such-command-here\n');
  });

  it('inspects the token without printing its signature', async () => {
    await s2sIntegration('CM S2S', 's2s-client-1');
    const { accessToken } = await tokenJson('CM S2S');
    const signature = accessToken.split('.')[2]!;
    const human = await ok(['inspect', 'CM S2S']);
    expect(human).toMatch(/Scopes: openid, AdobeID, read_organizations/);
    expect(human).toMatch(/client_id: s2s-client-1/);
    expect(human).not.toContain(signature);
    const json = JSON.parse(await ok(['inspect', 'CM S2S', '--json']));
    expect(json.format).toBe('jwt');
    expect(Math.abs(Date.parse(json.tokenExpiresAt) - Date.parse(json.expiresAt))).toBeLessThan(5_000);
    expect(JSON.stringify(json)).not.toContain(signature);
  });

  it('retries 429 (honouring Retry-After) and 500, then succeeds', async () => {
    await s2sIntegration('Flaky', 's2s-client-3');
    ims.failNext({ status: 429, headers: { 'retry-after': '1' }, body: '{"error":"too_many_requests"}' }, { status: 500, body: '{"error":"internal_error"}' });
    const token = await tokenJson('Flaky');
    expect(token.fromCache).toBe(false);
    expect(callsFor('s2s-client-3')).toBe(3);
  });

  it('keeps serving a still-valid cached token when a re-mint fails, and says so', async () => {
    await s2sIntegration('Flaky', 's2s-client-3');
    const { accessToken } = await tokenJson('Flaky');
    ims.failNext(...Array.from({ length: 4 }, () => ({ status: 503, body: 'unavailable' })));
    const result = await cli(['token', 'Flaky', '--format', 'json', '--force']);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ accessToken, fromCache: true });
    expect(result.stderr).toMatch(/warning: could not refresh the token .*server error \(HTTP 503\).*using the cached one/);
  });

  it('reports a malformed answer with a short excerpt, and a timeout plainly', async () => {
    await s2sIntegration('Broken', 's2s-client-4');
    ims.failNext({ status: 200, body: '{"access_tok' });
    expectOneLineError(await cli(['token', 'Broken']), /did not answer with a token \(got: "\{"access_tok"\)/);
    // Every attempt (4) times out.
    ims.failNext(...Array.from({ length: 4 }, () => ({ delayMs: 3_000 })));
    const slow = await cli(['token', 'Broken'], undefined, { KEYSMITH_HTTP_TIMEOUT_MS: '300' });
    expectOneLineError(slow, /Could not get a token after 4 attempts: no answer from http:\/\/127\.0\.0\.1:\d+\/ims\/token\/v3 within 0\.3 s/);
  });
});

describe('API key integrations', () => {
  it('give the x-api-key header instead of a token, and make no HTTP call', async () => {
    const before = ims.requests.length;
    await ok(['add', 'apikey', '--name', 'Stock', '--client-id', 'stock-key', '--org-id', ORG]);
    expect(await ok(['token', 'Stock'])).toBe('stock-key\n');
    expect(await ok(['token', 'Stock', '--format', 'header'])).toBe('x-api-key: stock-key\n');
    expect(JSON.parse(await ok(['token', 'Stock', '--format', 'json']))).toMatchObject({ accessToken: null, apiKey: 'stock-key' });
    expect(ims.requests.length).toBe(before);
  });

  it('refuses an unknown format', async () => {
    await ok(['add', 'apikey', '--name', 'Stock', '--client-id', 'stock-key', '--org-id', ORG]);
    const result = await cli(['token', 'Stock', '--format', 'yaml']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--format must be one of raw, header, curl, json, env/);
  });
});
