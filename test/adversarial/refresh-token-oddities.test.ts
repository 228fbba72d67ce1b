/**
 * A refresh that comes back odd, through the built CLI against a scripted OpenID provider: the
 * same refresh token again (no rotation), an empty, a huge or an escape-laden one, and token types
 * other than Bearer. In every case: no crash or stack, nothing of the odd answer printed raw, and
 * the refresh token that still works is kept, which the next refresh proves by sending it.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SessionStore } from '../../electron/core/signin/session-store';
import { Vault } from '../../electron/core/vault';
import { runCli, tempDataDir, type CliResult } from '../support/cli';
import { startCli } from '../support/cli-process';
import { recordingBrowser } from '../support/recording-browser';
import { follow } from '../support/redirect-following-browser';
import { json, startScriptedProvider, type ScriptedProvider } from '../support/scripted-oidc-provider';

const PASSPHRASE = 'refresh oddities';
let provider: ScriptedProvider;
let home: string;
let env: NodeJS.ProcessEnv;

beforeEach(async () => {
  provider = await startScriptedProvider('app');
  home = tempDataDir();
  env = { KEYSMITH_HOME: home, KEYSMITH_PASSPHRASE: PASSPHRASE };
  const add = await runCli(['add', 'oauth2', '--grant', 'authorization_code', '--name', 'P', '--client-id', 'app', '--issuer', provider.issuer, '--scopes', 'openid,offline_access'], { env });
  expect(add.code, add.stderr).toBe(0);
  const opener = recordingBrowser(mkdtempSync(path.join(tmpdir(), 'keysmith-refresh-odd-')));
  const login = startCli(['login', 'P'], { ...env, BROWSER: opener.command });
  await follow(await opener.url());
  const done = await login.done;
  expect(done.code, done.stderr).toBe(0);
  expect(await storedRefresh()).toBe('refresh-1');
});
afterEach(() => provider.close());

async function storedRefresh(): Promise<string | undefined> {
  const vault = await Vault.open(home, async () => ({ method: 'passphrase', passphrase: PASSPHRASE }), { keychain: { get: async () => null, set: async () => {}, delete: async () => false } });
  return (await new SessionStore(vault).get(vault.document.integrations[0]!.id))?.refreshToken;
}

/** The next refresh answers `answer` (no ID token: a refresh need not bring one). */
function refreshAnswers(answer: Record<string, unknown>): void {
  provider.onToken = (form, _req, res) => (form.grant_type === 'refresh_token' ? json(res, 200, answer) : json(res, 400, { error: 'unsupported_grant_type' }));
}

const lastRefreshSent = () => provider.tokenForms.filter((f) => f.grant_type === 'refresh_token').at(-1)?.refresh_token;

function clean(r: CliResult, hidden: string[] = []): void {
  expect(r.stderr).not.toMatch(/\n\s+at |TypeError|RangeError/);
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  expect(r.stdout + r.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  for (const h of hidden) expect(r.stdout + r.stderr).not.toContain(h);
  if (r.code !== 0) expect(r.stderr.trim().split('\n'), r.stderr).toHaveLength(1);
}

/** A good refresh after the odd one sends `expected`, the refresh token that still works. */
async function nextRefreshSends(expected: string): Promise<void> {
  refreshAnswers({ access_token: 'access-after', token_type: 'Bearer', expires_in: 600, refresh_token: 'refresh-after' });
  const r = await runCli(['token', 'P', '--force'], { env });
  expect(r.code, r.stderr).toBe(0);
  expect(r.stdout.trim()).toBe('access-after');
  expect(lastRefreshSent()).toBe(expected);
  expect(await storedRefresh()).toBe('refresh-after');
}

describe('a refresh answer that is odd', () => {
  it('the same refresh token again (no rotation): the new access token, the refresh token kept and reused', { timeout: 60_000 }, async () => {
    refreshAnswers({ access_token: 'access-2', token_type: 'Bearer', expires_in: 600, refresh_token: 'refresh-1' });
    const r = await runCli(['token', 'P', '--force'], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe('access-2');
    clean(r, ['refresh-1']);
    expect(await storedRefresh()).toBe('refresh-1');
    // And again: a provider that never rotates is asked with the same token each time.
    const again = await runCli(['token', 'P', '--force'], { env });
    expect(again.code, again.stderr).toBe(0);
    await nextRefreshSends('refresh-1');
  });

  for (const [what, refresh] of [
    ['empty', ''],
    ['huge (100,000 characters)', 'R'.repeat(100_000)],
    ['escape-laden', 'refresh-\u001b]52;c;cHduZWQ=\u0007-\u009b2J'],
    ['not a string', { nested: 'refresh-obj' }],
  ] as const) {
    it(`a refresh token that is ${what}: nothing unsafe printed, the working refresh token kept`, { timeout: 60_000 }, async () => {
      refreshAnswers({ access_token: 'access-2', token_type: 'Bearer', expires_in: 600, refresh_token: refresh });
      const r = await runCli(['token', 'P', '--force'], { env });
      clean(r, typeof refresh === 'string' && refresh.length > 0 ? [refresh, '52;c'] : ['refresh-obj']);
      // A fresh access token from before may still be handed out; the point is what is kept.
      expect(await storedRefresh()).toBe('refresh-1');
      await nextRefreshSends('refresh-1');
    });
  }

  for (const [what, tokenType] of [
    ['DPoP', 'DPoP'],
    ['MAC', 'mac'],
    ['N_A', 'N_A'],
    ['escape-laden', 'Bearer\u001b[2J\u0007'],
    ['huge', 'B'.repeat(100_000)],
    ['a number', 42],
  ] as const) {
    it(`token_type ${what}: no crash, nothing unsafe printed, the refresh token stored`, { timeout: 60_000 }, async () => {
      refreshAnswers({ access_token: 'access-2', token_type: tokenType, expires_in: 600, refresh_token: 'refresh-2' });
      const r = await runCli(['token', 'P', '--force'], { env });
      clean(r, ['refresh-2']);
      for (const format of ['json', 'header', 'env']) {
        const shown = await runCli(['token', 'P', '--format', format], { env });
        clean(shown, ['refresh-2', ...(typeof tokenType === 'string' && tokenType.length > 40 ? [tokenType.slice(0, 41)] : [])]);
      }
      const kept = await storedRefresh();
      expect(['refresh-1', 'refresh-2']).toContain(kept);
      await nextRefreshSends(kept!);
    });
  }
});
