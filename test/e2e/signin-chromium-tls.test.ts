/**
 * An https://localhost redirect completed by a REAL browser: Debian's Chromium (certificate errors
 * NOT ignored) trusts exactly Keysmith's kept certificate, by its public key hash, as a person who
 * followed `keysmith login-cert` would have made their browser trust it. The provider is the IMS
 * emulator with a Single-Page App registered for that redirect (oidc-provider refuses an https
 * loopback redirect for its native clients); its sign-in page passes at once, so Chromium follows
 * the redirect to Keysmith's TLS callback.
 */
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDataDir } from '../support/cli';
import { startCli } from '../support/cli-process';
import { startImsEmulator, type ImsEmulator } from '../support/ims-emulator';
import { recordingBrowser } from '../support/recording-browser';
import { requirement } from '../support/requirements';
import { launchChromium, whyNoBrowser } from './browser/app-under-test';

const canRun = requirement('https localhost sign-in in Chromium', whyNoBrowser());
let server: ImsEmulator | undefined;
let browser: Browser | undefined;

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as { port: number };
  await new Promise((resolve) => s.close(resolve));
  return port;
}

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe.runIf(canRun)('https localhost sign-in with a real browser', () => {
  let env: NodeJS.ProcessEnv;
  let port: number;
  beforeAll(async () => {
    port = await freePort();
    server = await startImsEmulator();
    server.users.registerUserClient({ clientId: 'tls-app', appType: 'singlePage', redirectUris: [`https://localhost:${port}/callback`] });
    env = { KEYSMITH_HOME: tempDataDir(), KEYSMITH_PASSPHRASE: 'tls e2e passphrase' };
  }, 60_000);

  it('Chromium trusting the exported certificate lands on the TLS callback and the sign-in completes', async () => {
    const cli = (args: string[]) => runCli(args, { env });
    const add = await cli(['add', 'oauth-user', '--name', 'Tls', '--client-id', 'tls-app', '--app-type', 'singlePage', '--redirect-uri', `https://localhost:${port}/callback`, '--scopes', 'openid,AdobeID', '--ims-endpoint', server!.url]);
    expect(add.code, add.stderr).toBe(0);
    const cert = await cli(['login-cert', '--json']);
    expect(cert.code, cert.stderr).toBe(0);
    const { spkiSha256 } = JSON.parse(cert.stdout) as { spkiSha256: string };
    browser = await launchChromium([`--ignore-certificate-errors-spki-list=${spkiSha256}`]);

    const opener = recordingBrowser(mkdtempSync(path.join(tmpdir(), 'keysmith-signin-tls-')));
    const login = startCli(['login', 'Tls', '--timeout', '120'], { ...env, BROWSER: opener.command });
    const url = new URL(await opener.url());
    expect(url.searchParams.get('redirect_uri')).toBe(`https://localhost:${port}/callback`);
    const page = await (await browser.newContext({ ignoreHTTPSErrors: false })).newPage();
    await page.goto(url.href);
    await page.waitForURL(new RegExp(`^https://localhost:${port}/callback\\?`));
    await expect.poll(() => page.textContent('body')).toContain('You can close this tab');
    const result = await login.done;
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('Signed in to "Tls" as Ada Lovelace <ada@example.test>\n');
    expect(result.stderr).toContain('self-signed certificate');
  }, 180_000);
});
