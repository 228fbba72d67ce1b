/**
 * `keysmith login` counts its wait down on a terminal ("Waiting for the browser… (Ctrl-C to stop,
 * gives up in 4 m 59 s)"), through the same spinner as keygen and slow token mints, and erases it
 * before the result; the device grant's poll does the same. Piped, stderr gets no spinner byte.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli, tempDataDir } from '../support/cli';
import { startCli } from '../support/cli-process';
import { startImsEmulator, type ImsEmulator } from '../support/ims-emulator';
import { PTY_TOOLS, onTerminal, finalScreen as plain } from '../support/pty';
import { follow } from '../support/redirect-following-browser';
import { json, startScriptedProvider, type ScriptedProvider } from '../support/scripted-oidc-provider';

let ims: ImsEmulator;
let provider: ScriptedProvider;
let env: NodeJS.ProcessEnv;
// eslint-disable-next-line no-control-regex -- the URL ends where an escape sequence starts
const AUTHORIZE = /http:\/\/127\.0\.0\.1:\d+\/ims\/authorize\/v2\?[^\s\u001b]+/;
const SPINNER_FRAMES = /[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/;

beforeEach(async () => {
  ims = await startImsEmulator();
  ims.users.registerUserClient({ clientId: 'native-app', appType: 'native', redirectUris: ['http://127.0.0.1/callback'] });
  provider = await startScriptedProvider('app');
  env = { KEYSMITH_HOME: tempDataDir(), KEYSMITH_PASSPHRASE: 'sign-in progress passphrase', TERM: 'xterm', NO_COLOR: undefined };
  const add = await runCli(['add', 'oauth-user', '--name', 'Adobe', '--client-id', 'native-app', '--scopes', 'openid,AdobeID,offline_access', '--ims-endpoint', ims.url], { env });
  expect(add.code, add.stderr).toBe(0);
}, 60_000);
afterEach(async () => {
  ims.close();
  await provider.close();
});

describe.skipIf(PTY_TOOLS === null)('sign-in progress on a terminal', () => {
  // NO_COLOR is about colour: the countdown is the same text with it (and has no colour without it).
  it.each([['', {}], [' with NO_COLOR', { NO_COLOR: '1' }]])('counts down the browser wait, then erases it before the result%s', async (_, extra) => {
    const { code, screen } = await onTerminal(['login', 'Adobe', '--no-browser', '--timeout', '299'], { ...env, ...extra }, async (t) => {
      await t.waitForScreen(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] Waiting for the browser… \(Ctrl-C to stop, gives up in 4 m \d+ s\)/);
      await follow(t.screen().match(AUTHORIZE)![0]);
    });
    expect(code, screen).toBe(0);
    const lines = plain(screen).split('\n');
    // The spinner's line was erased: the result starts a clean line, and no frame is left anywhere.
    expect(lines).toContain('Signed in to "Adobe" as Ada Lovelace <ada@example.test>');
    expect(plain(screen)).not.toMatch(SPINNER_FRAMES);
    expect(plain(screen)).not.toContain('Waiting for the browser');
    // Only the line-erase sequence: no colour or bold.
    // eslint-disable-next-line no-control-regex -- finding colour sequences is the point
    expect(screen).not.toMatch(/\u001b\[[0-9;]*m/);
  });

  it('counts down the device code while it polls', async () => {
    const add = await runCli(['add', 'oauth2', '--grant', 'device_code', '--name', 'Dev', '--client-id', 'app', '--issuer', provider.issuer], { env });
    expect(add.code, add.stderr).toBe(0);
    provider.onDevice = (_f, res) => json(res, 200, { device_code: 'dev-code', user_code: 'WDJB-MJHT', verification_uri: `${provider.issuer}/verify`, expires_in: 600, interval: 1 });
    let approved = false;
    provider.onToken = (_f, _r, res) => (approved ? json(res, 200, provider.goodAnswer({ id_token: provider.idToken({ nonce: undefined }) })) : json(res, 400, { error: 'authorization_pending' }));
    const { code, screen } = await onTerminal(['login', 'Dev'], env, async (t) => {
      await t.waitForScreen(/Waiting for approval… \(Ctrl-C to stop, the code expires in (9|10) m \d+ s\)/);
      approved = true;
    });
    expect(code, screen).toBe(0);
    expect(plain(screen)).toMatch(/enter the code: WDJB-MJHT\n(.*\n)*Signed in to "Dev"/);
    expect(plain(screen)).not.toMatch(SPINNER_FRAMES);
  });
});

describe('sign-in progress when piped', () => {
  it('writes no spinner byte to a piped stderr', async () => {
    const login = startCli(['login', 'Adobe', '--no-browser'], env);
    const [url] = await login.stderrMatch(AUTHORIZE);
    await follow(url!);
    const result = await login.done;
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).not.toMatch(SPINNER_FRAMES);
    expect(result.stderr).not.toContain('\r');
    expect(result.stderr).not.toContain('\u001b');
    expect(result.stderr).not.toContain('Waiting for the browser');
  });
});
