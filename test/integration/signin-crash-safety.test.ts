/**
 * A process killed while it stores a rotated refresh token (SIGKILL the moment the new sign-in file
 * starts to be written, and at small delays after) leaves the old sign-in or the new one, whole:
 * the file always opens, and the refresh token in it is one the provider issued.
 */
import { spawn } from 'node:child_process';
import { watch } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SessionStore } from '../../electron/core/signin/session-store';
import { Vault } from '../../electron/core/vault';
import { CLI, runCli, tempDataDir } from '../support/cli';
import { startImsEmulator, type ImsEmulator } from '../support/ims-emulator';
import { follow } from '../support/redirect-following-browser';
import { recordingBrowser } from '../support/recording-browser';
import { startCli } from '../support/cli-process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const PASSPHRASE = 'crash safety sign-in';
let ims: ImsEmulator;
let home: string;
let env: NodeJS.ProcessEnv;

beforeEach(async () => {
  ims = await startImsEmulator();
  ims.users.registerUserClient({ clientId: 'native-app', appType: 'native', redirectUris: ['http://127.0.0.1/callback'] });
  home = tempDataDir();
  env = { KEYSMITH_HOME: home, KEYSMITH_PASSPHRASE: PASSPHRASE };
  expect((await runCli(['add', 'oauth-user', '--name', 'A', '--client-id', 'native-app', '--scopes', 'openid,AdobeID,offline_access', '--ims-endpoint', ims.url], { env })).code).toBe(0);
  const opener = recordingBrowser(mkdtempSync(path.join(tmpdir(), 'keysmith-crash-')));
  const login = startCli(['login', 'A'], { ...env, BROWSER: opener.command });
  await follow(await opener.url());
  expect((await login.done).code).toBe(0);
});
afterEach(() => ims.close());

async function storedRefreshToken(): Promise<string | undefined> {
  const vault = await Vault.open(home, async () => ({ method: 'passphrase', passphrase: PASSPHRASE }), { keychain: { get: async () => null, set: async () => {}, delete: async () => false } });
  return (await new SessionStore(vault).get(vault.document.integrations[0]!.id))?.refreshToken;
}

/** Runs `keysmith token A --force`, SIGKILLed `delayMs` after the new sign-in file starts to be written. */
function refreshKilledWhileStoring(delayMs: number): Promise<'killed' | 'finished'> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, 'token', 'A', '--force'], { env: { ...process.env, ...env }, stdio: 'ignore' });
    const watcher = watch(home, (_event, name) => {
      if (typeof name === 'string' && name.startsWith('signins.ksc') && name !== 'signins.ksc') {
        watcher.close();
        const kill = () => child.kill('SIGKILL');
        if (delayMs === 0) kill();
        else setTimeout(kill, delayMs);
      }
    });
    child.on('close', (_code, signal) => {
      watcher.close();
      resolve(signal === 'SIGKILL' ? 'killed' : 'finished');
    });
  });
}

describe('crash safety of a rotated refresh token', () => {
  it('leaves the old or the new refresh token, never neither or a torn file', async () => {
    const outcomes: string[] = [];
    for (const delayMs of [0, 0, 1, 2, 3, 5, 8]) {
      const before = await storedRefreshToken();
      expect(before).toBeDefined();
      const outcome = await refreshKilledWhileStoring(delayMs);
      const after = await storedRefreshToken();
      // Whole and readable, and one of the two: the one it had, or the one the provider just issued.
      expect(after, `after a kill ${delayMs} ms into the write`).toBeDefined();
      const issued = ims.users.issuedRefreshTokens;
      expect([before, issued[issued.length - 1]]).toContain(after);
      outcomes.push(`${outcome}:${after === before ? 'old' : 'new'}`);
      // Whatever was kept, a fresh sign-in state can go on: when the new one was kept it works.
      if (after !== before) expect(ims.users.refreshTokenValid(after!)).toBe(true);
      else if (!ims.users.refreshTokenValid(after!)) {
        // Killed after the provider rotated but before the new token reached the disk: the provider
        // spent the old one. The access token still valid is served, with a sentence saying why it
        // could not be renewed; the spent refresh token is forgotten, not retried.
        const token = await runCli(['token', 'A', '--force'], { env });
        expect(token.code).toBe(0);
        expect(token.stderr).toContain('the sign-in has expired or was revoked at the provider');
        expect(await storedRefreshToken()).toBeUndefined();
        break;
      }
    }
    // The kills must have landed: a run where every refresh finished first proves nothing.
    expect(outcomes.some((o) => o.startsWith('killed')), outcomes.join(', ')).toBe(true);
  }, 180_000);
});
