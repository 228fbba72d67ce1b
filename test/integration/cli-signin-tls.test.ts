/**
 * An https://localhost redirect through the built CLI: `login` serves the callback over TLS with the
 * certificate Keysmith makes and keeps, says what the browser will show and how to trust it, and
 * `login-cert` hands that certificate out. The "browser" is Node's https client trusting only the
 * exported certificate, so the TLS handshake and host check are real; plain http to the TLS port,
 * an untrusted client and a wrong host name fail without ending the sign-in.
 */
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { request } from 'node:https';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli, tempDataDir } from '../support/cli';
import { startCli } from '../support/cli-process';
import { startImsEmulator, type ImsEmulator } from '../support/ims-emulator';
import { recordingBrowser } from '../support/recording-browser';
import { landingUrl } from '../support/redirect-following-browser';

let ims: ImsEmulator;
let env: NodeJS.ProcessEnv;
let dir: string;
let home: string;
let port: number;
const cli = (args: string[], input?: string) => runCli(args, { env, input });

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port: p } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return p;
}

/** GET over TLS trusting `ca` only (undefined: the system's roots), as `servername` */
function httpsGet(url: string, ca: string | undefined, servername?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { ca, ...(servername && { servername }), agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

beforeEach(async () => {
  ims = await startImsEmulator();
  port = await freePort();
  ims.users.registerUserClient({ clientId: 'spa-app', appType: 'singlePage', redirectUris: [`https://localhost:${port}/callback`] });
  dir = mkdtempSync(path.join(tmpdir(), 'keysmith-cli-signin-tls-'));
  home = tempDataDir();
  env = { KEYSMITH_HOME: home, KEYSMITH_PASSPHRASE: 'tls sign-in passphrase' };
  const add = await cli(['add', 'oauth-user', '--name', 'Spa', '--client-id', 'spa-app', '--app-type', 'singlePage', '--redirect-uri', `https://localhost:${port}/callback`, '--scopes', 'openid,AdobeID', '--ims-endpoint', ims.url]);
  expect(add.code, add.stderr).toBe(0);
});
afterEach(() => ims.close());

describe('keysmith login over an https localhost redirect', () => {
  it('serves the callback over TLS with the kept certificate, and a client trusting it completes the sign-in', async () => {
    const exported = path.join(dir, 'keysmith-localhost.crt');
    const cert = await cli(['login-cert', '--out', exported, '--json']);
    expect(cert.code, cert.stderr).toBe(0);
    const info = JSON.parse(cert.stdout);
    expect(statSync(exported).mode & 0o777).toBe(0o644);
    const ca = readFileSync(exported, 'utf8');
    expect(ca).toMatch(/^-----BEGIN CERTIFICATE-----\n/);
    expect(ca).not.toContain('PRIVATE KEY');
    // The key sits beside the vault, readable by this user alone.
    expect(statSync(path.join(home, 'signin-localhost.pem')).mode & 0o777).toBe(0o600);

    const opener = recordingBrowser(dir);
    const login = startCli(['login', 'Spa', '--timeout', '120'], { ...env, BROWSER: opener.command });
    const back = await landingUrl(await opener.url());
    expect(back).toMatch(new RegExp(`^https://localhost:${port}/callback\\?`));
    const tlsUrl = back.replace('https://localhost', 'https://127.0.0.1');

    // What must fail, fails, and the sign-in keeps waiting.
    await expect(fetch(`http://127.0.0.1:${port}/callback`)).rejects.toThrow();
    await expect(httpsGet(back, undefined)).rejects.toMatchObject({ code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
    await expect(httpsGet(tlsUrl, ca, 'keysmith.example')).rejects.toMatchObject({ code: 'ERR_TLS_CERT_ALTNAME_INVALID' });

    const page = await httpsGet(back, ca);
    expect(page.status).toBe(200);
    expect(page.body).toContain('You can close this tab');
    const result = await login.done;
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('Signed in to "Spa" as Ada Lovelace <ada@example.test>\n');
    // What the browser will show, and how to trust it, with the same fingerprint as login-cert's.
    expect(result.stderr).toContain(`Keysmith answers https://localhost:${port}/callback over TLS with its own self-signed certificate (SHA-256 ${info.fingerprintSha256}):`);
    expect(result.stderr).toContain('the browser shows a certificate warning');
    expect(result.stderr).toContain('`keysmith login-cert --out keysmith-localhost.crt`');
    expect((await cli(['whoami', 'Spa'])).code).toBe(0);
  });

  it('keeps one certificate across runs, and makes it on the first sign-in when none was asked for', async () => {
    const opener = recordingBrowser(dir);
    const login = startCli(['login', 'Spa', '--timeout', '120'], { ...env, BROWSER: opener.command });
    const back = await landingUrl(await opener.url());
    const first = await cli(['login-cert']);
    expect(first.code, first.stderr).toBe(0);
    const page = await httpsGet(back, first.stdout);
    expect(page.status).toBe(200);
    expect((await login.done).code).toBe(0);
    const again = await cli(['login-cert', '--json']);
    const second = await cli(['login-cert']);
    expect(second.stdout).toBe(first.stdout);
    expect(JSON.parse(again.stdout)).toMatchObject({ hosts: ['localhost', '127.0.0.1', '::1'], path: path.join(home, 'signin-localhost.crt') });
    expect(statSync(path.join(home, 'signin-localhost.pem')).mode & 0o777).toBe(0o600);
    // An existing export is not overwritten without --force.
    const out = path.join(dir, 'c.crt');
    expect((await cli(['login-cert', '--out', out])).code).toBe(0);
    expect((await cli(['login-cert', '--out', out])).code).not.toBe(0);
    expect((await cli(['login-cert', '--out', out, '--force'])).code).toBe(0);
    expect((await cli(['login-cert', 'extra'])).stderr).toContain('Unexpected argument "extra"');
  });
});
