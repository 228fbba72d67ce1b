/**
 * A person's sign-in through the built CLI, completed by a REAL browser: Debian's Chromium, driven
 * by Playwright, fills oidc-provider's own login and consent pages (a certified OpenID provider
 * nobody here wrote). The CLI's opener runs $BROWSER like xdg-open; the stand-in records the URL
 * and the test hands it to Chromium, which lands on Keysmith's loopback redirect. Then the tokens
 * are used, refreshed with rotation, and revoked; and the device code grant through the same
 * browser on the verification page.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli, tempDataDir } from '../support/cli';
import { startCli } from '../support/cli-process';
import { startOidcUserServer, type OidcUserServer } from '../support/oidc-user-server';
import { recordingBrowser } from '../support/recording-browser';
import { requirement } from '../support/requirements';
import { launchChromium, whyNoBrowser } from './browser/app-under-test';

const canRun = requirement('user sign-in in Chromium', whyNoBrowser());
const PASSPHRASE = 'sign-in e2e passphrase';
let server: OidcUserServer;
let browser: Browser;
let env: NodeJS.ProcessEnv;
let dir: string;

const cli = (args: string[], input?: string) => runCli(args, { env, input });

beforeAll(async () => {
  if (!canRun) return;
  server = await startOidcUserServer([{ clientId: 'native-app' }, { clientId: 'web-app', clientSecret: 'web-secret-value-1234' }], {
    ada: { name: 'Ada Lovelace', email: 'ada@example.test' },
  });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'keysmith-signin-'));
  env = { KEYSMITH_HOME: tempDataDir(), KEYSMITH_PASSPHRASE: PASSPHRASE };
});

/** What a person does on oidc-provider's development pages: log in as `login`, then consent. */
async function signInAt(page: Page, login: string): Promise<void> {
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('any password');
  await page.locator('button[type="submit"]').click();
  await page.locator('button:has-text("Continue")').first().click();
}

describe.runIf(canRun)('user sign-in with a real browser', () => {
  it('signs in a public client with PKCE through Chromium, then refreshes with rotation and signs out', async () => {
    const add = await cli(['add', 'oauth2', '--grant', 'authorization_code', '--name', 'Provider', '--client-id', 'native-app', '--issuer', server.issuer, '--scopes', 'openid,offline_access,profile,email']);
    expect(add.code, add.stderr).toBe(0);
    const opener = recordingBrowser(dir);
    const login = startCli(['login', 'Provider'], { ...env, BROWSER: opener.command });
    const url = new URL(await opener.url());
    // What Keysmith asked for: PKCE S256, state, nonce, and consent because offline_access was asked.
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('state')).toMatch(/^[\w-]{43}$/);
    expect(url.searchParams.get('nonce')).toMatch(/^[\w-]{43}$/);
    expect(url.searchParams.get('prompt')).toBe('consent');
    expect(url.searchParams.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);

    const page = await (await browser.newContext()).newPage();
    await page.goto(url.href);
    await signInAt(page, 'ada');
    await page.waitForURL(/^http:\/\/127\.0\.0\.1:\d+\/callback\?/);
    await expect.poll(() => page.textContent('body')).toContain('You can close this tab');
    const result = await login.done;
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('Signed in to "Provider" as Ada Lovelace <ada@example.test>\n');
    await page.context().close();

    const whoami = await cli(['whoami', 'Provider', '--json']);
    expect(whoami.code, whoami.stderr).toBe(0);
    const status = JSON.parse(whoami.stdout);
    expect(status).toMatchObject({ state: 'signed_in', identity: { source: 'id_token', sub: 'ada', email: 'ada@example.test' } });
    expect(status.refreshExpiresAt).not.toBeUndefined();

    const first = await cli(['token', 'Provider']);
    expect(first.code, first.stderr).toBe(0);
    // Two forced renewals in a row: the second works only if the rotated refresh token was stored
    // (oidc-provider rotates for public clients and treats reuse of a spent one as theft).
    const refreshed = await cli(['token', 'Provider', '--force']);
    expect(refreshed.code, refreshed.stderr).toBe(0);
    expect(refreshed.stdout).not.toBe(first.stdout);
    const again = await cli(['token', 'Provider', '--force']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).not.toBe(refreshed.stdout);
    expect(server.grantErrors).toEqual([]);

    const logout = await cli(['logout', 'Provider']);
    expect(logout.code, logout.stderr).toBe(0);
    expect(logout.stdout).toContain('the provider revoked the tokens');
    expect(server.hits['/token/revocation']).toBeGreaterThanOrEqual(1);
    const after = await cli(['whoami', 'Provider']);
    expect(after.code).toBe(1);
    expect(after.stdout).toContain('not signed in');
    const token = await cli(['token', 'Provider']);
    expect(token.code).toBe(1);
    expect(token.stderr).toContain('"Provider" is not signed in');
  }, 180_000);

  it('signs in with a device code, approved in Chromium on the verification page', async () => {
    const add = await cli(['add', 'oauth2', '--grant', 'device_code', '--name', 'Device', '--client-id', 'native-app', '--issuer', server.issuer, '--scopes', 'openid,offline_access,email']);
    expect(add.code, add.stderr).toBe(0);
    const login = startCli(['login', 'Device'], env);
    const [, complete] = await login.stderrMatch(/\(or open (\S+)\)/);
    const page = await (await browser.newContext()).newPage();
    await page.goto(complete!);
    // The code is filled in from the link: confirm it, then log in and consent.
    await page.locator('button:has-text("Continue")').first().click();
    await signInAt(page, 'grace');
    const result = await login.done;
    expect(result.code, result.stderr).toBe(0);
    // Only the email scope was asked: no name to show.
    expect(result.stdout).toBe('Signed in to "Device" as grace@example.test\n');
    expect((await cli(['token', 'Device'])).code).toBe(0);
    await page.context().close();
  }, 180_000);

  it('signs in a confidential client (client_secret_basic) through Chromium', async () => {
    const add = await cli(['add', 'oauth2', '--grant', 'authorization_code', '--name', 'Web', '--client-id', 'web-app', '--issuer', server.issuer, '--scopes', 'openid,email', '--client-secret-stdin'], 'web-secret-value-1234\n');
    expect(add.code, add.stderr).toBe(0);
    const opener = recordingBrowser(dir);
    const login = startCli(['login', 'Web'], { ...env, BROWSER: opener.command });
    const page = await (await browser.newContext()).newPage();
    await page.goto(await opener.url());
    await signInAt(page, 'ada');
    const result = await login.done;
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('Signed in to "Web" as ada@example.test\n');
    // No offline_access: no refresh token, and whoami says so.
    const whoami = await cli(['whoami', 'Web']);
    expect(whoami.stdout).toContain('no refresh token');
    await page.context().close();
  }, 180_000);
});
