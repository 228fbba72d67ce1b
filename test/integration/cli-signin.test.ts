/**
 * The sign-in commands through the built CLI against the IMS emulator's user endpoints: `add
 * oauth-user`, `login` with the browser opener ($BROWSER), `--no-browser`, `--paste` (from standard
 * input) and their refusals, `whoami` as a scriptable check, `token` renewing with the refresh
 * token, and `logout`. Provider text with escape sequences never reaches the terminal.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli, tempDataDir } from '../support/cli';
import { startCli } from '../support/cli-process';
import { startImsEmulator, type ImsEmulator } from '../support/ims-emulator';
import { recordingBrowser } from '../support/recording-browser';
import { follow, landingUrl } from '../support/redirect-following-browser';

let ims: ImsEmulator;
let env: NodeJS.ProcessEnv;
let dir: string;
const cli = (args: string[], input?: string) => runCli(args, { env, input });

beforeEach(async () => {
  ims = await startImsEmulator();
  ims.users.registerUserClient({ clientId: 'native-app', appType: 'native', redirectUris: ['http://127.0.0.1/callback'] });
  dir = mkdtempSync(path.join(tmpdir(), 'keysmith-cli-signin-'));
  env = { KEYSMITH_HOME: tempDataDir(), KEYSMITH_PASSPHRASE: 'cli sign-in passphrase' };
  const add = await cli(['add', 'oauth-user', '--name', 'Adobe', '--client-id', 'native-app', '--scopes', 'openid,AdobeID,offline_access', '--ims-endpoint', ims.url]);
  expect(add.code, add.stderr).toBe(0);
  expect(add.stdout).toBe('Added OAuth user sign-in (Adobe) integration "Adobe"\n');
});
afterEach(() => ims.close());

async function loginWithBrowser(name = 'Adobe'): Promise<{ code: number; stdout: string; stderr: string }> {
  const opener = recordingBrowser(dir);
  const login = startCli(['login', name], { ...env, BROWSER: opener.command });
  const page = await follow(await opener.url());
  expect(page.body).toContain('You can close this tab');
  return login.done;
}

describe('keysmith login / whoami / token / logout', () => {
  it('signs in through the opener, reports who, renews with the refresh token, and signs out', async () => {
    const before = await cli(['whoami', 'Adobe']);
    expect(before.code).toBe(1);
    expect(before.stdout).toBe('"Adobe": not signed in\n');

    const login = await loginWithBrowser();
    expect(login.code, login.stderr).toBe(0);
    expect(login.stdout).toBe('Signed in to "Adobe" as Ada Lovelace <ada@example.test>\n');
    expect(login.stderr).toMatch(/^Opened the browser to sign in; waiting for it to come back \(if it did not open: http:\/\/127\.0\.0\.1:\d+\/ims\/authorize\/v2\?/m);
    expect(login.stderr).toMatch(/renewed with the refresh token until \d{4}-/);

    const whoami = await cli(['whoami', 'Adobe', '--json']);
    expect(whoami.code).toBe(0);
    const status = JSON.parse(whoami.stdout);
    expect(status).toMatchObject({ name: 'Adobe', state: 'signed_in', identity: { email: 'ada@example.test', source: 'id_token' }, refreshExpiresSoon: false });
    // Nothing secret in the status: no token, no refresh token.
    expect(whoami.stdout).not.toMatch(/ims-user-(at|rt)-/);

    const first = await cli(['token', 'Adobe']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^ims-user-at-/);
    const renewed = await cli(['token', 'Adobe', '--force']);
    expect(renewed.code, renewed.stderr).toBe(0);
    expect(renewed.stdout).not.toBe(first.stdout);
    expect(ims.users.refreshUses).toBe(1);
    // exec hands the person's token to a child, with the Adobe headers' client id.
    const exec = await cli(['exec', 'Adobe', '--', process.execPath, '-e', 'process.stdout.write(process.env.KEYSMITH_ACCESS_TOKEN + " " + process.env.KEYSMITH_API_KEY)']);
    expect(exec.stdout).toBe(`${renewed.stdout.trim()} native-app`);

    const logout = await cli(['logout', 'Adobe']);
    expect(logout.code, logout.stderr).toBe(0);
    expect(logout.stdout).toBe('Signed out of "Adobe": the tokens were deleted from this machine; the provider revoked the tokens\n');
    expect((await cli(['logout', 'Adobe'])).stdout).toBe('"Adobe" was not signed in\n');
    const token = await cli(['token', 'Adobe']);
    expect(token.code).toBe(1);
    expect(token.stderr).toBe('keysmith: "Adobe" is not signed in: sign in with `keysmith login "Adobe"`\n');
  });

  it('--no-browser prints the URL on stderr and waits for the redirect', async () => {
    const login = startCli(['login', 'Adobe', '--no-browser'], { ...env, BROWSER: '/nonexistent/should-not-run' });
    const [url] = await login.stderrMatch(/http:\/\/127\.0\.0\.1:\d+\/ims\/authorize\/v2\?\S+/);
    await follow(url!);
    const result = await login.done;
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr.split('\n')[0]).toBe('Open this URL to sign in:');
  });

  it('says so and still prints the URL when no browser can be started', async () => {
    const login = startCli(['login', 'Adobe'], { ...env, BROWSER: '/nonexistent/browser' });
    const [url] = await login.stderrMatch(/http:\/\/127\.0\.0\.1:\d+\/ims\/authorize\/v2\?\S+/);
    expect(login.stderr).toContain('Could not open a browser; open this URL to sign in:');
    await follow(url!);
    expect((await login.done).code).toBe(0);
  });

  it('--paste reads the URL the browser ended on from standard input', async () => {
    const login = startCli(['login', 'Adobe', '--paste'], env);
    const [url] = await login.stderrMatch(/http:\/\/127\.0\.0\.1:\d+\/ims\/authorize\/v2\?\S+/);
    // The browser is on another machine: it never reaches this loopback; the person pastes its address.
    login.write(`${await landingUrl(url!)}\n`);
    const result = await login.done;
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Signed in to "Adobe"');
  });

  it('--paste refuses a URL of another sign-in, and stores nothing', async () => {
    const login = startCli(['login', 'Adobe', '--paste', '--timeout', '20'], env);
    await login.stderrMatch(/authorize\/v2\?\S+/);
    login.write('http://127.0.0.1:1/callback?code=stolen&state=not-this-one\n');
    const result = await login.done;
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).toContain('keysmith: "Adobe": the pasted URL belongs to another sign-in (its state does not match); nothing was stored');
    expect((await cli(['whoami', 'Adobe'])).code).toBe(1);
  });

  it('keeps escape sequences from the provider off the terminal', async () => {
    ims.users.setUser({ sub: 'X@AdobeID', email: 'e@example.test', name: 'Eve\u001b]0;owned\u0007\u001b[2J' });
    const login = await loginWithBrowser();
    expect(login.code, login.stderr).toBe(0);
    expect(login.stdout + login.stderr).not.toContain('\u001b');
    expect(login.stdout).toBe('Signed in to "Eve" <e@example.test>\n'.replace('"Eve" ', '"Adobe" as Eve '));
  });

  it('refuses conflicting modes, bad timeouts and machine integrations in one line', async () => {
    expect((await cli(['login', 'Adobe', '--paste', '--device'])).stderr).toBe('keysmith: --paste and --device exclude each other (see `keysmith help login`)\n');
    expect((await cli(['login', 'Adobe', '--timeout', '0'])).code).toBe(2);
    await cli(['add', 'apikey', '--name', 'Key', '--client-id', 'k']);
    const machine = await cli(['login', 'Key']);
    expect(machine.code).toBe(1);
    expect(machine.stderr).toBe('keysmith: "Key" is not a user sign-in integration: its tokens are minted for a machine, with no person to sign in\n');
    expect((await cli(['login', 'Nope'])).code).toBe(1);
  });

  it('adds generic providers by grant, and refuses what cannot work', async () => {
    const device = await cli(['add', 'oauth2', '--grant', 'device_code', '--name', 'Dev', '--client-id', 'c', '--device-url', 'https://idp.example/device', '--token-url', 'https://idp.example/token']);
    expect(device.code, device.stderr).toBe(0);
    expect(device.stdout).toBe('Added OAuth 2.0 user sign-in integration "Dev"\n');
    const show = await cli(['show', 'Dev', '--json']);
    expect(JSON.parse(show.stdout)).toMatchObject({ kind: 'oauth2User', grant: 'device_code' });
    const missing = await cli(['add', 'oauth2', '--grant', 'authorization_code', '--name', 'X', '--client-id', 'c', '--token-url', 'https://idp.example/token']);
    expect(missing.code, 'a missing required flag is a usage error (2)').toBe(2);
    expect(missing.stderr).toContain('give the issuer (for OpenID discovery), or the authorization URL');
    const web = await cli(['add', 'oauth-user', '--name', 'W', '--client-id', 'c', '--app-type', 'web', '--redirect-uri', 'https://x.example/cb'], '');
    expect(web.code).not.toBe(0);
    // Client credentials stay the machine kind.
    const cc = await cli(['add', 'oauth2', '--grant', 'client_credentials', '--name', 'M', '--client-id', 'c', '--token-url', 'https://idp.example/token', '--client-secret-stdin'], 's3cret\n');
    expect(cc.stdout).toBe('Added OAuth 2.0 client credentials integration "M"\n');
  });
});
