/**
 * Token endpoints that attack or break: they echo the client's secrets and terminal escapes back,
 * answer hundreds of megabytes (plain or as a gzip bomb), give nonsense lifetimes and tokens, hang,
 * or throttle, while the disk under the cache is full. Real loopback HTTP servers, the real vault
 * on disk, the built CLI where the user-facing line matters, the token service in-process where a
 * count of requests is the point.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { addIntegration } from '../../electron/core/integration-store';
import { generateKeyMaterial } from '../../electron/core/keys/keypair-factory';
import { attachKeyPair } from '../../electron/core/keys/keypair-store';
import { RefreshScheduler } from '../../electron/core/tokens/refresh-scheduler';
import { TokenCache } from '../../electron/core/tokens/token-cache';
import { TokenService } from '../../electron/core/tokens/token-service';
import { Vault } from '../../electron/core/vault';
import { CLI, runCli, tempDataDir, type CliResult } from '../support/cli';
import { gzipBody, hang, hugeBody, sendJson, startHostileServer, tokenAnswer, type HostileServer, type Responder } from '../support/hostile-token-server';
import { optional } from '../support/requirements';
import { waitFor } from '../support/wait-for';

const PASSPHRASE = 'hostile servers passphrase';
const SECRET = 'Sup3r:S3cret/with+punct!&=%tail';
const noKeychain = { get: async () => null, set: async () => {}, delete: async () => false };

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

async function server(responder: Responder = hang): Promise<HostileServer> {
  const s = await startHostileServer(responder);
  cleanups.push(() => s.close());
  return s;
}

function cliEnv(home: string): NodeJS.ProcessEnv {
  return { KEYSMITH_HOME: home, KEYSMITH_PASSPHRASE: PASSPHRASE };
}

async function ok(home: string, args: string[], input?: string): Promise<string> {
  const r = await runCli(args, { env: cliEnv(home), ...(input !== undefined && { input }) });
  expect(r.code, r.stderr).toBe(0);
  return r.stdout;
}

/** A data directory holding one OAuth 2.0 integration whose token URL is `url`. */
async function cliHome(url: string, name = 'Hostile', authMethod = 'client_secret_post', home = tempDataDir()): Promise<string> {
  await ok(home, ['add', 'oauth2', '--name', name, '--client-id', `id-${name}`, '--token-url', `${url}/token`, '--auth-method', authMethod, '--client-secret-stdin'], SECRET);
  return home;
}

function expectOneLineError(r: CliResult, pattern: RegExp): void {
  expect(r.code, r.stderr).toBe(1);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(pattern);
}

/** The vault and a token service in this process, one OAuth 2.0 integration named "Hostile". */
async function inProcess(url: string, extra: Record<string, unknown> = {}): Promise<{ vault: Vault; service: TokenService }> {
  const { vault } = await Vault.create(tempDataDir(), { method: 'passphrase', passphrase: PASSPHRASE }, { keychain: noKeychain });
  await vault.update((doc) =>
    addIntegration(doc, { kind: 'oauth2', name: 'Hostile', clientId: 'id-hostile', clientSecrets: [SECRET], tokenUrl: `${url}/token`, authMethod: 'client_secret_post', ...extra }),
  );
  return { vault, service: new TokenService(vault, { fetch, attempts: 1 }) };
}

/** Every form of the secret a server could echo: raw, form- and percent-encoded, base64 and a long piece. */
function secretForms(secret: string, clientId: string): string[] {
  return [
    secret,
    encodeURIComponent(secret),
    new URLSearchParams({ s: secret }).toString().slice(2),
    Buffer.from(secret).toString('base64'),
    Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`).toString('base64'),
    secret.slice(0, 12),
    secret.slice(-12),
  ];
}

// Any control or format character but the line breaks between output lines: ESC, C1, bidi, zero-width.
const HOSTILE_CONTROL = /(?!\n)[\p{Cc}\p{Cf}]/u;
// ESC CSI, OSC 8 hyperlink and OSC 0 title, C1 CSI, bidi override and isolate, zero-width space
const ESCAPES = '\u001b[31mred\u001b[0m \u001b]8;;https://evil.test\u0007link\u001b]8;;\u0007 \u001b]0;title\u001b\\ \u009b2J \u202eevil\u202c \u2066iso\u2069 z\u200bw';

describe('server text is sanitised and secrets are redacted at the source', () => {
  it('redacts the client secret (raw, encoded, base64, in pieces) echoed in error_description', async () => {
    for (const authMethod of ['client_secret_post', 'client_secret_basic']) {
      const s = await server((req, res) => {
        const basic = String(req.headers.authorization ?? '').replace(/^Basic /, '');
        const pair = Buffer.from(basic, 'base64').toString();
        const secret = req.form.client_secret ?? decodeURIComponent(pair.slice(pair.indexOf(':') + 1));
        sendJson(res, 401, {
          error: 'invalid_client',
          error_description: `no ${secret} ${encodeURIComponent(secret)} ${basic} ${Buffer.from(secret).toString('base64')} ${secret.slice(0, 12)}`,
        });
      });
      const home = await cliHome(s.url, 'Echo', authMethod);
      const r = await runCli(['token', 'Echo'], { env: cliEnv(home) });
      expectOneLineError(r, /client id and client secret do not match/);
      for (const form of secretForms(SECRET, 'id-Echo')) expect(r.stderr).not.toContain(form);
      expect(r.stderr).toMatch(/redacted/);
    }
  });

  it('redacts the signed client assertion and the key it was signed with', async () => {
    // in pieces, so no long run of token characters gives it away
    const s = await server((req, res) => sendJson(res, 400, { error: 'invalid_client', error_description: `bad ${req.form.client_assertion?.match(/.{1,16}/g)?.join(' ')} end` }));
    const { vault, service } = await inProcess(s.url, { authMethod: 'private_key_jwt', clientSecrets: [] });
    const material = await generateKeyMaterial({ bits: 2048, days: 30, subject: { CN: 'hostile' } });
    await vault.update((doc) => void attachKeyPair(doc, 'Hostile', material));
    const err = (await service.getToken('Hostile').catch((e: unknown) => e)) as Error;
    const assertion = s.requests[0]!.form.client_assertion!;
    expect(err.message).toMatch(/signed client assertion/);
    for (const piece of assertion.match(/.{1,16}/g)!.filter((p) => p.length === 16)) expect(err.message).not.toContain(piece);
  });

  it('redacts secrets from 5xx excerpts and from non-token 200 bodies too', async () => {
    const s = await server((req, res) => sendJson(res, 200, `<html>not a token ${req.form.client_secret}</html>`, { 'content-type': 'text/html' }));
    const home = await cliHome(s.url);
    const r = await runCli(['token', 'Hostile'], { env: cliEnv(home) });
    expectOneLineError(r, /did not answer with a token/);
    for (const form of secretForms(SECRET, 'id-Hostile')) expect(r.stderr).not.toContain(form);

    s.respond((req, res) => sendJson(res, 503, `down ${req.form.client_secret}`));
    const { service } = await inProcess(s.url);
    const err = (await service.getToken('Hostile').catch((e: unknown) => e)) as Error;
    expect(err.message).toMatch(/HTTP 503/);
    for (const form of secretForms(SECRET, 'id-hostile')) expect(err.message).not.toContain(form);
  });

  it('strips escape sequences, C1 controls and bidi overrides from every quoted field', async () => {
    const s = await server((_req, res) => sendJson(res, 400, { error: `teapot${ESCAPES}`, error_description: `bad ${ESCAPES} end` }));
    const home = await cliHome(s.url);
    const r = await runCli(['token', 'Hostile'], { env: cliEnv(home) });
    expectOneLineError(r, /answered HTTP 400/);
    expect(r.stderr.trimEnd()).not.toMatch(HOSTILE_CONTROL);
    expect(r.stderr).toMatch(/bad red link .*evil iso zw end/);

    s.respond((_req, res) => sendJson(res, 200, { access_token: 'ok-token', expires_in: `9${ESCAPES}` }));
    const bad = await runCli(['token', 'Hostile'], { env: cliEnv(home) });
    expectOneLineError(bad, /unusable expires_in/);
    expect(bad.stderr.trimEnd()).not.toMatch(HOSTILE_CONTROL);
  });

  it('reads an error code named after an Object.prototype member as an unknown code', async () => {
    const s = await server((_req, res) => sendJson(res, 400, { error: 'constructor', error_description: 'x' }));
    const { service } = await inProcess(s.url);
    await expect(service.getToken('Hostile')).rejects.toMatchObject({ code: 'token_refused', message: expect.stringMatching(/answered HTTP 400 constructor/) });
  });
});

describe('token answers are bounded', () => {
  it.each([
    ['a 64 MB body with a Content-Length', { chunked: false }],
    ['a 64 MB chunked body', { chunked: true }],
  ])('stops reading %s and says so in one sentence, without retrying', async (_label, opts) => {
    const total = 64 * 1024 * 1024;
    const s = await server();
    s.respond(hugeBody(total, opts));
    const home = await cliHome(s.url);
    const r = await runCli(['token', 'Hostile'], { env: cliEnv(home) });
    expectOneLineError(r, /more than 64 KiB/);
    expect(s.requests).toHaveLength(1);
    // The CLI has exited, having hung up early: the server got no further than the socket buffers.
    expect(s.bytesSent).toBeLessThan(total / 2);
  });

  it.each([
    ['with a Content-Length (refused before reading)', { chunked: false }],
    ['chunked (refused midway through decoding)', { chunked: true }],
  ])('stops a gzip bomb %s', async (_label, opts) => {
    const s = await server(gzipBody(100 * 1024 * 1024, opts));
    const { service } = await inProcess(s.url);
    await expect(service.getToken('Hostile')).rejects.toMatchObject({ code: 'bad_response', message: expect.stringMatching(/more than 64 KiB/) });
    expect(s.requests).toHaveLength(1);
  });
});

describe('lifetimes and tokens are validated before anything is cached', () => {
  it.each([[1e20], [0.0001], [true], [[7200]], ['0x10'], ['1e3'], [''], [' 60'], [-5], [0], [2 ** 53], [{}], ['NaN'], [Infinity.toString()]])(
    'refuses expires_in %j as a bad response and caches nothing',
    async (expiresIn) => {
      const s = await server(tokenAnswer(expiresIn, 'poisoned-token'));
      const { service } = await inProcess(s.url);
      await expect(service.getToken('Hostile')).rejects.toMatchObject({ code: 'bad_response', message: expect.stringMatching(/unusable expires_in/) });
      s.respond(tokenAnswer(3600, 'good-token'));
      expect(await service.getToken('Hostile')).toMatchObject({ accessToken: 'good-token', fromCache: false });
    },
  );

  it.each([
    ['3600', 3_600_000],
    [undefined, 3_600_000],
    [86399, 86_399_000],
  ])('accepts expires_in %j (seconds here)', async (expiresIn, lifetimeMs) => {
    const s = await server(tokenAnswer(expiresIn));
    const { service } = await inProcess(s.url);
    const token = await service.getToken('Hostile');
    expect(token.expiresAt - token.mintedAt).toBe(lifetimeMs);
  });

  it.each([
    ['empty', ''],
    ['a number', 42],
    ['null', null],
    ['with a space', 'two words'],
    ['with an escape sequence', 'esc\u001b[2Jape'],
    ['of 20000 characters', 'x'.repeat(20_000)],
    ['an array', ['a']],
  ])('refuses an access_token %s', async (_label, accessToken) => {
    const s = await server(tokenAnswer(3600, accessToken));
    const { service } = await inProcess(s.url);
    const err = (await service.getToken('Hostile').catch((e: unknown) => e)) as Error & { code: string };
    expect(err.code).toBe('bad_response');
    expect(err.message).not.toMatch(HOSTILE_CONTROL);
    s.respond(tokenAnswer(3600, 'good-token'));
    expect(await service.getToken('Hostile')).toMatchObject({ accessToken: 'good-token', fromCache: false });
  });

  // RFC 6749 7.1: a type Keysmith does not understand is not used, since every format says "Bearer".
  it.each([
    ['DPoP', 'DPoP', /issued a "DPoP" token, which Keysmith cannot present \(it sends Bearer tokens only\); nothing was kept/],
    ['mac', 'mac', /issued a "mac" token/],
    ['N_A', 'N_A', /issued a "N_A" token/],
    ['a number', 42, /a token of an unreadable type/],
    ['escape-laden', 'Bearer\u001b[2J', /a token of an unreadable type/],
    ['huge', 'B'.repeat(10_000), /a token of an unreadable type/],
  ])('refuses a token_type %s and caches nothing', async (_label, tokenType, pattern) => {
    const s = await server((_req, res) => sendJson(res, 200, { access_token: 'typed-token', token_type: tokenType, expires_in: 3600 }));
    const { service } = await inProcess(s.url);
    const err = (await service.getToken('Hostile').catch((e: unknown) => e)) as Error & { code: string };
    expect(err.code).toBe('bad_response');
    expect(err.message).toMatch(pattern);
    expect(err.message).not.toMatch(HOSTILE_CONTROL);
    expect(err.message).not.toContain('BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB');
    s.respond(tokenAnswer(3600, 'good-token'));
    expect(await service.getToken('Hostile')).toMatchObject({ accessToken: 'good-token', fromCache: false });
  });

  it.each([['Bearer'], ['bearer'], ['BEARER'], [''], [null], [undefined]])('accepts a token_type %j as Bearer', async (tokenType) => {
    const s = await server((_req, res) => sendJson(res, 200, { access_token: 'bearer-token', token_type: tokenType, expires_in: 3600 }));
    const { service } = await inProcess(s.url);
    expect(await service.getToken('Hostile')).toMatchObject({ accessToken: 'bearer-token', tokenType: 'Bearer', fromCache: false });
  });

  it('the CLI refuses a DPoP token in one line and prints no token', async () => {
    const s = await server((_req, res) => sendJson(res, 200, { access_token: 'dpop-bound-token', token_type: 'DPoP', expires_in: 3600 }));
    const home = await cliHome(s.url);
    for (const format of ['raw', 'header', 'curl', 'json']) {
      const r = await runCli(['token', 'Hostile', '--format', format], { env: cliEnv(home) });
      expectOneLineError(r, /"Hostile": the provider issued a "DPoP" token, which Keysmith cannot present/);
      expect(r.stdout + r.stderr).not.toContain('dpop-bound-token');
    }
  });

  it('after expires_in 1e20, the CLI says why and the next `token --format json` and `inspect` work', async () => {
    const s = await server(tokenAnswer(1e20));
    const home = await cliHome(s.url);
    expectOneLineError(await runCli(['token', 'Hostile'], { env: cliEnv(home) }), /unusable expires_in \("100000000000000000000"\)/);
    s.respond(tokenAnswer(3600, 'fine-token'));
    expect(JSON.parse(await ok(home, ['token', 'Hostile', '--format', 'json']))).toMatchObject({ accessToken: 'fine-token', fromCache: false });
    expect(await ok(home, ['inspect', 'Hostile'])).toMatch(/Format: opaque/);
  });

  it('drops a poisoned entry an older version left in the cache instead of serving it', async () => {
    const s = await server(tokenAnswer(3600, 'fresh-token'));
    const home = await cliHome(s.url);
    await ok(home, ['token', 'Hostile']);
    const vault = await Vault.open(home, async () => ({ method: 'passphrase', passphrase: PASSPHRASE }), { keychain: noKeychain });
    const cache = new TokenCache(vault);
    const entries = await cache.read();
    const [id] = Object.keys(entries);
    await cache.write({ [id!]: { ...entries[id!]!, accessToken: 'poisoned', expiresAt: 1e23 } });
    const out = JSON.parse(await ok(home, ['token', 'Hostile', '--format', 'json']));
    expect(out).toMatchObject({ accessToken: 'fresh-token', fromCache: false });
  });

  // Escape sequences in claims are the CLI output layer's to show (test/adversarial/terminal-output).
  it('inspect survives a JWT access token whose claims carry absurd times', async () => {
    const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const jwt = `${b64({ alg: 'RS256' })}.${b64({ created_at: '1e30', expires_in: '1e30', exp: 1e300, scope: 'a,b' })}.c2ln`;
    const s = await server(tokenAnswer(3600, jwt));
    const home = await cliHome(s.url);
    const human = await ok(home, ['inspect', 'Hostile']);
    expect(human).toMatch(/Issued: -/);
    const json = await ok(home, ['inspect', 'Hostile', '--json']);
    expect(JSON.parse(json)).toMatchObject({ format: 'jwt', issuedAt: null, tokenExpiresAt: null });
  });
});

describe('the refresh scheduler', () => {
  it('re-mints a 1 ms token no more often than its floor', async () => {
    const s = await server(tokenAnswer(1)); // the JWT exchange counts in milliseconds
    const { vault } = await Vault.create(tempDataDir(), { method: 'passphrase', passphrase: PASSPHRASE }, { keychain: noKeychain });
    const material = await generateKeyMaterial({ bits: 2048, days: 30, subject: { CN: 'hostile' } });
    await vault.update((doc) => {
      addIntegration(doc, {
        kind: 'jwt', name: 'Short', clientId: 'c', clientSecrets: ['s'], orgId: '1234567890ABCDEF12345678@AdobeOrg',
        technicalAccountId: 'ABCDEF0123456789@techacct.adobe.com', metascopes: ['ent_cloudmgr_sdk'], imsEndpoint: s.url, autoRefresh: true,
      });
      attachKeyPair(doc, 'Short', material);
    });
    const scheduler = new RefreshScheduler(vault, new TokenService(vault, { fetch, attempts: 1 }));
    const events: string[] = [];
    scheduler.on('event', (e) => events.push(e.type));
    cleanups.push(() => scheduler.stop());
    await scheduler.start();
    await waitFor(() => events.length > 0, { what: 'the first mint', timeoutMs: 60_000 });
    // A window far shorter than the floor: however slow this machine, at most one more mint fits.
    await new Promise((r) => setTimeout(r, 3_000));
    expect(events[0]).toBe('refreshed');
    expect(s.requests.length).toBeGreaterThanOrEqual(1);
    expect(s.requests.length).toBeLessThanOrEqual(2);
  });
});

describe('locks are per integration and never held across a write failure', () => {
  async function twoIntegrations(first: Responder): Promise<{ home: string; hanging: HostileServer; healthy: HostileServer }> {
    const hanging = await server(first);
    const healthy = await server(tokenAnswer(3600, 'healthy-token'));
    const home = await cliHome(hanging.url, 'Hangs');
    await cliHome(healthy.url, 'Healthy', 'client_secret_post', home);
    return { home, hanging, healthy };
  }

  it.each([
    ['hangs', hang],
    ['asks for Retry-After: 30', ((_req, res) => sendJson(res, 429, { error: 'slow_down' }, { 'retry-after': '30' })) as Responder],
  ])("a second integration mints while the first one's endpoint %s", async (_label, first) => {
    const { home, hanging } = await twoIntegrations(first);
    const slow = spawn(process.execPath, [CLI, 'token', 'Hangs'], { env: { ...process.env, ...cliEnv(home), KEYSMITH_HTTP_TIMEOUT_MS: '600000' }, stdio: 'ignore' });
    let slowDone = false;
    const slowExit = new Promise<void>((r) => slow.on('close', () => ((slowDone = true), r())));
    cleanups.push(async () => {
      slow.kill('SIGKILL');
      await slowExit;
    });
    await waitFor(() => hanging.requests.length > 0, { what: 'the first mint to reach its endpoint', timeoutMs: 60_000 });
    const r = await runCli(['token', 'Healthy'], { env: cliEnv(home) });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe('healthy-token');
    expect(slowDone).toBe(false); // the first one is still waiting on its own endpoint
  });

  it('hands the token over with a warning when the cache cannot be written (a directory in its place)', async () => {
    const s = await server(tokenAnswer(3600, 'uncached-token'));
    const home = await cliHome(s.url);
    mkdirSync(path.join(home, 'tokens.ksc', 'occupied'), { recursive: true });
    const r = await runCli(['token', 'Hostile'], { env: cliEnv(home) });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('uncached-token\n');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^warning: .*could not be cached/);

    const vault = await Vault.open(home, async () => ({ method: 'passphrase', passphrase: PASSPHRASE }), { keychain: noKeychain });
    const result = await new TokenService(vault, { fetch }).getToken('Hostile');
    expect(result).toMatchObject({ accessToken: 'uncached-token', fromCache: false, cacheWarning: expect.stringMatching(/could not be cached/) });
  });

  const problem = whyNoTmpfs();
  // Mounting needs root and CAP_SYS_ADMIN, which no package provides; the test above covers the same path.
  const tmpfs = optional('full disk on a tmpfs', problem && `${problem}; the directory-in-place test covers the same path`);
  it.skipIf(!tmpfs)('hands the token over with a warning on a full disk (tmpfs), then caches once there is room', async () => {
    const mount = path.join(mkdtempSync(path.join(tmpdir(), 'keysmith-fulldisk-')), 'mnt');
    mkdirSync(mount);
    const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m,mode=0700', 'tmpfs', mount], { encoding: 'utf8' });
    expect(mounted.status, mounted.stderr).toBe(0);
    cleanups.push(() => spawnSync('umount', ['-l', mount]));
    const s = await server(tokenAnswer(3600, 'full-disk-token'));
    const home = await cliHome(s.url, 'Hostile', 'client_secret_post', path.join(mount, 'data'));
    const filler = path.join(mount, 'filler');
    await fillDisk(filler);

    const r = await runCli(['token', 'Hostile'], { env: cliEnv(home) });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('full-disk-token\n');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^warning: .*could not be cached .*disk is full/);

    rmSync(filler);
    const again = await runCli(['token', 'Hostile', '--format', 'json'], { env: cliEnv(home) });
    expect(again.stderr).toBe('');
    expect(JSON.parse(again.stdout)).toMatchObject({ fromCache: false });
    expect(JSON.parse(await ok(home, ['token', 'Hostile', '--format', 'json']))).toMatchObject({ fromCache: true });
  });
});

function whyNoTmpfs(): string | null {
  if (process.platform !== 'linux') return `tmpfs mounts need Linux (this is ${process.platform})`;
  const probe = path.join(mkdtempSync(path.join(tmpdir(), 'keysmith-tmpfs-probe-')), 'mnt');
  mkdirSync(probe);
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe], { encoding: 'utf8' });
  if (r.error) return `cannot run mount (${r.error.message})`;
  if (r.status !== 0) return `mount -t tmpfs failed: ${r.stderr.trim() || `exit ${r.status}`}`;
  spawnSync('umount', [probe]);
  return null;
}

/** Writes to `file` until the file system refuses with ENOSPC. */
async function fillDisk(file: string): Promise<void> {
  const handle = await open(file, 'w');
  const chunk = Buffer.alloc(4096, 1);
  try {
    for (;;) await handle.write(chunk);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
  } finally {
    await handle.close().catch(() => undefined);
  }
}
