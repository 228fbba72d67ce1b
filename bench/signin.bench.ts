/**
 * Issue 13's figures, each beside its anchor in the same run, against the loopback IMS emulator's
 * user endpoints (an Adobe Native App with offline_access):
 * - sign-in overhead: from the browser's redirect reaching Keysmith's loopback to the tokens
 *   stored, minus the provider's own work in that span (the code exchange, plus the JWKS and user
 *   info requests, timed at the fetch), against a bare fetch of the same code exchange;
 * - a refresh in-process (TokenService, forced) against a bare fetch of the same refresh request;
 * - `keysmith token --force` (a refresh through the CLI) against `keysmith token` served from the
 *   cache (the same process start and vault unlock) plus a bare fetch of the same refresh request;
 *   a bare `node -e` making the refresh is shown for scale.
 * Target: under 10 ms of overhead for each.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { addIntegration } from '../electron/core/integration-store';
import { signIn } from '../electron/core/signin/sign-in';
import { TokenService } from '../electron/core/tokens/token-service';
import type { Fetch } from '../electron/core/tokens/token-http';
import { Vault } from '../electron/core/vault';
import { startImsEmulator, type ImsEmulator } from '../test/support/ims-emulator';
import { ms, printTable } from './measure';
import { MemoryKeychain } from './vault.bench';

const execFileAsync = promisify(execFile);
const CLI = path.resolve(__dirname, '..', 'bin', 'keysmith.mjs');
const PASSPHRASE = 'sign-in bench passphrase';

const medianOf = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** fetch, with the time each provider request took until its answer's headers (bodies are a few hundred bytes). */
function timedFetch(log: { url: string; ms: number }[]): Fetch {
  return async (url, init) => {
    const start = performance.now();
    const res = await fetch(url, init);
    log.push({ url, ms: performance.now() - start });
    return res;
  };
}

/** A code from the emulator's authorize endpoint, as a browser would carry it back. */
async function freshCode(ims: ImsEmulator, redirectUri: string): Promise<string> {
  const q = new URLSearchParams({ client_id: 'bench-native', redirect_uri: redirectUri, scope: 'openid,AdobeID,offline_access', state: 's', code_challenge: 'x'.repeat(43), code_challenge_method: 'plain' });
  const res = await fetch(`${ims.url}/ims/authorize/v2?${q}`, { redirect: 'manual' });
  return new URL(res.headers.get('location')!).searchParams.get('code')!;
}

async function bareExchange(ims: ImsEmulator): Promise<number> {
  const redirect = 'http://127.0.0.1:9/callback';
  const code = await freshCode(ims, redirect);
  const start = performance.now();
  const res = await fetch(`${ims.url}/ims/token/v3`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', client_id: 'bench-native', code, redirect_uri: redirect, code_verifier: 'x'.repeat(43) }),
  });
  await res.json();
  return performance.now() - start;
}

async function bareRefresh(ims: ImsEmulator, token: { value: string }): Promise<number> {
  const start = performance.now();
  const res = await fetch(`${ims.url}/ims/token/v3`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'refresh_token', client_id: 'bench-native', refresh_token: token.value }),
  });
  token.value = ((await res.json()) as { refresh_token: string }).refresh_token;
  return performance.now() - start;
}

/** The anchor for the CLI: a bare node process that makes the same refresh request and prints the rotated token. */
const BARE_NODE_REFRESH = `
fetch(process.env.URL, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams({ grant_type: 'refresh_token', client_id: 'bench-native', refresh_token: process.env.RT }) })
  .then((r) => r.json()).then((j) => process.stdout.write(j.refresh_token));`;

export async function benchSignIn(runs: number): Promise<void> {
  const ims = await startImsEmulator();
  ims.users.registerUserClient({ clientId: 'bench-native', appType: 'native', redirectUris: ['http://127.0.0.1/callback'] });
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'keysmith-bench-signin-')), 'data');
  const { vault } = await Vault.create(dir, { method: 'passphrase', passphrase: PASSPHRASE }, { keychain: new MemoryKeychain() });
  await vault.update((doc) => addIntegration(doc, { kind: 'oauthUser', name: 'Bench', clientId: 'bench-native', appType: 'native', scopes: ['openid', 'AdobeID', 'offline_access'], imsEndpoint: ims.url }));
  try {
    // Sign-in: the span from the redirect reaching the loopback to signIn's return (tokens stored).
    const spans: number[] = [];
    const providerMs: number[] = [];
    const tokenMs: number[] = [];
    for (let i = 0; i < runs + 2; i++) {
      const log: { url: string; ms: number }[] = [];
      let redirectAt = 0;
      await signIn(vault, 'Bench', {
        fetch: timedFetch(log),
        mode: 'browser',
        onAuthorizationUrl: () => undefined,
        onDeviceCode: () => undefined,
        openBrowser: async (url) => {
          void (async () => {
            const res = await fetch(url, { redirect: 'manual' });
            const back = res.headers.get('location')!;
            log.length = 0;
            redirectAt = performance.now();
            await fetch(back).then((r) => r.text());
          })();
        },
      });
      const span = performance.now() - redirectAt;
      if (i < 2) continue; // warm-up
      spans.push(span);
      providerMs.push(log.reduce((sum, l) => sum + l.ms, 0));
      tokenMs.push(log.filter((l) => l.url.endsWith('/ims/token/v3')).reduce((sum, l) => sum + l.ms, 0));
    }
    const bareExchanges: number[] = [];
    for (let i = 0; i < runs; i++) bareExchanges.push(await bareExchange(ims));
    const overheads = spans.map((s, i) => s - providerMs[i]!);

    // Refresh in-process: a forced renewal against a bare fetch of the same refresh request.
    const service = new TokenService(vault, { fetch });
    const inProcess: number[] = [];
    for (let i = 0; i < runs + 2; i++) {
      const start = performance.now();
      await service.getToken('Bench', { force: true });
      if (i >= 2) inProcess.push(performance.now() - start);
    }
    // The bare chain starts from its own sign-in's refresh token.
    const chain = { value: '' };
    {
      const code = await freshCode(ims, 'http://127.0.0.1:9/callback');
      const res = await fetch(`${ims.url}/ims/token/v3`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ grant_type: 'authorization_code', client_id: 'bench-native', code, redirect_uri: 'http://127.0.0.1:9/callback', code_verifier: 'x'.repeat(43) }) });
      chain.value = ((await res.json()) as { refresh_token: string }).refresh_token;
    }
    const bareRefreshes: number[] = [];
    for (let i = 0; i < runs; i++) bareRefreshes.push(await bareRefresh(ims, chain));

    // Through the CLI: `keysmith token --force` against a bare node process doing the same refresh.
    const env = { ...process.env, KEYSMITH_HOME: dir, KEYSMITH_PASSPHRASE: PASSPHRASE };
    const cliTimes: number[] = [];
    const cachedTimes: number[] = [];
    const nodeTimes: number[] = [];
    for (let i = 0; i < runs + 1; i++) {
      let start = performance.now();
      await execFileAsync(process.execPath, [CLI, 'token', 'Bench', '--force'], { env });
      const cli = performance.now() - start;
      start = performance.now();
      await execFileAsync(process.execPath, [CLI, 'token', 'Bench'], { env });
      const cached = performance.now() - start;
      start = performance.now();
      const { stdout } = await execFileAsync(process.execPath, ['-e', BARE_NODE_REFRESH], { env: { ...process.env, URL: `${ims.url}/ims/token/v3`, RT: chain.value } });
      const bare = performance.now() - start;
      chain.value = stdout;
      if (i >= 1) {
        cachedTimes.push(cached);
        cliTimes.push(cli);
        nodeTimes.push(bare);
      }
    }

    printTable(`User sign-in (${runs} runs, medians; target: under 10 ms of overhead each)`, ['measure', 'Keysmith', 'anchor', 'anchor is', 'overhead'], [
      [
        'sign-in: redirect arrives -> tokens stored',
        ms(medianOf(spans)),
        ms(medianOf(providerMs)),
        `provider requests in that span (code exchange ${ms(medianOf(tokenMs))}, JWKS, user info)`,
        ms(medianOf(overheads)),
      ],
      ['sign-in: code exchange alone', ms(medianOf(tokenMs)), ms(medianOf(bareExchanges)), 'bare fetch of the same exchange', ms(medianOf(tokenMs) - medianOf(bareExchanges))],
      ['refresh in-process (rotated token stored)', ms(medianOf(inProcess)), ms(medianOf(bareRefreshes)), 'bare fetch of the same refresh', ms(medianOf(inProcess) - medianOf(bareRefreshes))],
      [
        '`keysmith token --force` (a refresh)',
        ms(medianOf(cliTimes)),
        ms(medianOf(cachedTimes) + medianOf(bareRefreshes)),
        `\`keysmith token\` from the cache (${ms(medianOf(cachedTimes))}) + bare fetch; bare \`node -e\` refresh: ${ms(medianOf(nodeTimes))}`,
        ms(medianOf(cliTimes) - medianOf(cachedTimes) - medianOf(bareRefreshes)),
      ],
    ]);
  } finally {
    await ims.close();
  }
}

if (require.main === module) {
  void benchSignIn(Number(process.argv[2] ?? 11));
}
