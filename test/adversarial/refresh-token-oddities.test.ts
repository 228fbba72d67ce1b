/**
 * A refresh that comes back odd, through the built CLI against a scripted OpenID provider: the
 * same refresh token again (no rotation), an empty, a huge or an escape-laden one, and token types
 * other than Bearer. In every case: no crash or stack, nothing of the odd answer printed raw, and
 * the refresh token that still works is kept, which the next refresh proves by sending it. An
 * absent, empty or non-string refresh token means "no rotation" (the new access token is good); an
 * unusable one is warned about once; a token type other than Bearer is refused (RFC 6749 7.1), after
 * the refresh token it rotated is stored.
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

  // Empty, null or not a string: no rotation. The new access token is good and is handed over.
  for (const [what, refresh] of [
    ['empty', ''],
    ['null', null],
    ['not a string', { nested: 'refresh-obj' }],
    ['a number', 42],
  ] as const) {
    it(`a refresh token that is ${what}: read as no rotation, the new access token handed over, the old refresh token kept`, { timeout: 60_000 }, async () => {
      refreshAnswers({ access_token: 'access-2', token_type: 'Bearer', expires_in: 600, refresh_token: refresh });
      const r = await runCli(['token', 'P', '--force'], { env });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout.trim()).toBe('access-2');
      expect(r.stderr).toBe('');
      clean(r, ['refresh-obj']);
      expect(await storedRefresh()).toBe('refresh-1');
      await nextRefreshSends('refresh-1');
    });
  }

  // Present but unusable: the old one is kept (the only one there is), with one warning that quotes nothing of it.
  for (const [what, refresh] of [
    ['huge (20,000 characters, past the 16 KB limit)', 'R'.repeat(20_000)],
    ['escape-laden', 'refresh-\u001b]52;c;cHduZWQ=\u0007-\u009b2J'],
    ['holding a space', 'refresh with-space'],
  ] as const) {
    it(`a refresh token that is ${what}: the new access token handed over, the old refresh token kept, one warning`, { timeout: 60_000 }, async () => {
      refreshAnswers({ access_token: 'access-2', token_type: 'Bearer', expires_in: 600, refresh_token: refresh });
      const r = await runCli(['token', 'P', '--force'], { env });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout.trim()).toBe('access-2');
      clean(r, [refresh, refresh.slice(0, 20), '52;c']);
      const lines = r.stderr.trim().split('\n');
      expect(lines, r.stderr).toHaveLength(1);
      expect(lines[0]).toMatch(/^warning: .*sent a new refresh token that Keysmith cannot use .*the previous one was kept/);
      expect(await storedRefresh()).toBe('refresh-1');
      // Warned once: the next call is served from the new access token, saying nothing.
      const again = await runCli(['token', 'P'], { env });
      expect(again.code, again.stderr).toBe(0);
      expect(again.stdout.trim()).toBe('access-2');
      expect(again.stderr).toBe('');
      await nextRefreshSends('refresh-1');
    });
  }

  for (const [what, tokenType] of [
    ['bearer', 'bearer'],
    ['BEARER', 'BEARER'],
    ['empty', ''],
    ['absent', undefined],
  ] as const) {
    it(`token_type ${what} is Bearer: the new access token and refresh token kept`, { timeout: 60_000 }, async () => {
      refreshAnswers({ access_token: 'access-2', ...(tokenType !== undefined && { token_type: tokenType }), expires_in: 600, refresh_token: 'refresh-2' });
      const r = await runCli(['token', 'P', '--force', '--format', 'header'], { env });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout.trim()).toBe('Authorization: Bearer access-2');
      expect(await storedRefresh()).toBe('refresh-2');
    });
  }

  // RFC 6749 7.1: a type Keysmith does not understand is not used (every format says "Bearer"); a
  // refresh token rotated in the same answer is kept, since the old one may be spent.
  for (const [what, tokenType, said] of [
    ['DPoP', 'DPoP', 'a "DPoP" token'],
    ['MAC', 'mac', 'a "mac" token'],
    ['N_A', 'N_A', 'a "N_A" token'],
    ['escape-laden', 'Bearer\u001b[2J\u0007', 'a token of an unreadable type'],
    ['huge', 'B'.repeat(10_000), 'a token of an unreadable type'],
    ['a number', 42, 'a token of an unreadable type'],
  ] as const) {
    for (const rotated of [true, false]) {
      it(`token_type ${what}${rotated ? ' with a rotated refresh token' : ''}: refused, the ${rotated ? 'new' : 'old'} refresh token stored`, { timeout: 60_000 }, async () => {
        refreshAnswers({ access_token: 'access-2', token_type: tokenType, expires_in: 600, ...(rotated && { refresh_token: 'refresh-2' }) });
        const r = await runCli(['token', 'P', '--force'], { env });
        clean(r, ['refresh-2', 'access-2', 'BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB']);
        // The access token from the sign-in is still valid: it is served, with the refusal as a warning.
        expect(r.code, r.stderr).toBe(0);
        expect(r.stdout.trim()).toBe('access-1');
        expect(r.stderr).toContain(`"P": the provider issued ${said}, which Keysmith cannot present (it sends Bearer tokens only); nothing was kept`);
        for (const format of ['json', 'header', 'env']) {
          const shown = await runCli(['token', 'P', '--format', format], { env });
          clean(shown, ['refresh-2', 'access-2']);
          expect(shown.code, shown.stderr).toBe(0);
        }
        const kept = rotated ? 'refresh-2' : 'refresh-1';
        expect(await storedRefresh()).toBe(kept);
        await nextRefreshSends(kept);
      });
    }
  }
});
