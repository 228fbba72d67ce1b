/**
 * Ctrl-C while `keysmith login` waits (for the browser, or for a device approval) on a real
 * terminal: the spinner and the echoed "^C" are erased, one sentence says nothing was stored, the
 * exit status is 130, and the data directory is byte for byte what it was. The deferral of an
 * interrupt that comes while storing is checked on the guard itself (interrupt-guard.test.ts).
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli, tempDataDir } from '../support/cli';
import { startImsEmulator, type ImsEmulator } from '../support/ims-emulator';
import { PTY_TOOLS, onTerminal, finalScreen as plain } from '../support/pty';
import { json, startScriptedProvider, type ScriptedProvider } from '../support/scripted-oidc-provider';

let ims: ImsEmulator;
let provider: ScriptedProvider;
let home: string;
let env: NodeJS.ProcessEnv;

/** Every file under the data directory with a hash of its bytes: what "nothing new" is compared on. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true }) as string[]) {
    const file = path.join(dir, entry);
    if (statSync(file).isFile()) out[entry] = createHash('sha256').update(readFileSync(file)).digest('hex');
  }
  return out;
}


beforeEach(async () => {
  ims = await startImsEmulator();
  ims.users.registerUserClient({ clientId: 'native-app', appType: 'native', redirectUris: ['http://127.0.0.1/callback'] });
  provider = await startScriptedProvider('app');
  home = tempDataDir();
  env = { KEYSMITH_HOME: home, KEYSMITH_PASSPHRASE: 'sign-in interrupt passphrase', TERM: 'xterm', NO_COLOR: undefined };
  const add = await runCli(['add', 'oauth-user', '--name', 'Adobe', '--client-id', 'native-app', '--scopes', 'openid,AdobeID,offline_access', '--ims-endpoint', ims.url], { env });
  expect(add.code, add.stderr).toBe(0);
  const dev = await runCli(['add', 'oauth2', '--grant', 'device_code', '--name', 'Dev', '--client-id', 'app', '--issuer', provider.issuer], { env });
  expect(dev.code, dev.stderr).toBe(0);
  provider.onDevice = (_f, res) => json(res, 200, { device_code: 'dev-code', user_code: 'WDJB-MJHT', verification_uri: `${provider.issuer}/verify`, expires_in: 600, interval: 1 });
  provider.onToken = (_f, _r, res) => json(res, 400, { error: 'authorization_pending' });
}, 60_000);
afterEach(async () => {
  ims.close();
  await provider.close();
});

describe.skipIf(PTY_TOOLS === null)('Ctrl-C during the sign-in wait', () => {
  it.each([
    ['the browser', ['login', 'Adobe', '--no-browser'], /[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] Waiting for the browser…/],
    ['a device approval', ['login', 'Dev'], /[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] Waiting for approval…/],
  ])('waiting for %s: erases the spinner, says so in one line, exits 130, stores nothing', async (_what, args, waiting) => {
    const before = snapshot(home);
    const { code, screen } = await onTerminal(args as string[], env, async (t) => {
      await t.waitForScreen(waiting as RegExp);
      t.type('\u0003');
    });
    expect(code, screen).toBe(130);
    const lines = plain(screen).trimEnd().split('\n');
    expect(lines.at(-1)).toBe('Sign-in stopped; nothing was stored.');
    expect(plain(screen)).not.toMatch(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]|\^C|Waiting for/);
    expect(snapshot(home)).toEqual(before);
    const whoami = await runCli(['whoami', args[1]!], { env });
    expect(whoami.stdout + whoami.stderr).toMatch(/not signed in/i);
  });
});
