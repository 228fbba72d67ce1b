/**
 * Issue 11's hostile-server figures (items 13, 14 and 17), one command each:
 *   node --import tsx bench/hostile-token.ts rss        peak RSS of `keysmith token` against a 400 MB
 *                                                      body and a ~400 KB gzip bomb (/usr/bin/time -v)
 *   node --import tsx bench/hostile-token.ts scheduler  requests the refresh scheduler sends in 5 s
 *                                                      for a token that lives 1 ms
 *   node --import tsx bench/hostile-token.ts lock       how long a second integration's mint waits
 *                                                      while a first one's endpoint hangs
 * Build the CLI first (`node scripts/build.mjs cli`). Nothing here asserts: it prints figures.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { addIntegration } from '../electron/core/integration-store';
import { generateKeyMaterial } from '../electron/core/keys/keypair-factory';
import { attachKeyPair } from '../electron/core/keys/keypair-store';
import { RefreshScheduler } from '../electron/core/tokens/refresh-scheduler';
import { TokenService } from '../electron/core/tokens/token-service';
import { Vault } from '../electron/core/vault';
import { gzipBody, gzipBomb, hang, hugeBody, startHostileServer, tokenAnswer, type Responder } from '../test/support/hostile-token-server';
import { MemoryKeychain } from './vault.bench';

const CLI = path.resolve(__dirname, '..', 'bin', 'keysmith.mjs');
const PASSPHRASE = 'hostile bench passphrase';
const MB = 1_000_000;

function freshHome(tag: string): string {
  return path.join(mkdtempSync(path.join(tmpdir(), `keysmith-hostile-${tag}-`)), 'data');
}

function cliSync(home: string, args: string[], input = ''): string {
  const r = spawnSync(process.execPath, [CLI, ...args], { env: { ...process.env, KEYSMITH_HOME: home, KEYSMITH_PASSPHRASE: PASSPHRASE }, input, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`keysmith ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

/** Runs `keysmith token NAME` under /usr/bin/time -v in a child (so this process's server is not counted). */
function timed(home: string, name: string): Promise<{ rssMb: number; seconds: number; line: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/time', ['-v', process.execPath, CLI, 'token', name], { env: { ...process.env, KEYSMITH_HOME: home, KEYSMITH_PASSPHRASE: PASSPHRASE } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout = (stdout + d.toString()).slice(-200)));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', () => {
      const kb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1]);
      const wall = /Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+(?:\.\d+)?)$/m.exec(stderr);
      const seconds = wall ? Number(wall[1] ?? 0) * 60 + Number(wall[2]) : NaN;
      const line = (stderr.split('\n').find((l) => l && !l.startsWith('\t') && !l.startsWith('Command')) ?? stdout.trim()).slice(0, 160);
      resolve({ rssMb: kb / 1024, seconds, line });
    });
  });
}

async function rss(): Promise<void> {
  const server = await startHostileServer();
  const home = freshHome('rss');
  try {
    cliSync(home, ['add', 'oauth2', '--name', 'Hostile', '--client-id', 'c', '--token-url', `${server.url}/token`, '--auth-method', 'client_secret_post', '--client-secret-stdin'], 's3cret');
    const bomb = gzipBomb(400 * MB);
    const wire = `${Math.round(bomb.length / 1000)} KB on the wire, 400 MB decoded`;
    // With a Content-Length the cap can refuse at once; chunked, it has to stop reading midway.
    const rows: [string, Responder][] = [
      ['400 MB body, Content-Length', hugeBody(400 * MB)],
      ['400 MB body, chunked', hugeBody(400 * MB, { chunked: true })],
      [`gzip bomb (${wire}), Content-Length`, gzipBody(400 * MB)],
      [`gzip bomb (${wire}), chunked`, gzipBody(400 * MB, { chunked: true })],
      ['sane token answer (anchor)', tokenAnswer(3600)],
    ];
    console.log('| answer | peak RSS of `keysmith token` | wall | what the user sees |\n|---|---|---|---|');
    for (const [label, responder] of rows) {
      server.respond(responder);
      const r = await timed(home, 'Hostile');
      console.log(`| ${label} | ${r.rssMb.toFixed(0)} MiB | ${r.seconds.toFixed(2)} s | ${r.line.replace(/\|/g, '\\|')} |`);
    }
  } finally {
    await server.close();
  }
}

async function scheduler(): Promise<void> {
  const server = await startHostileServer(tokenAnswer(1)); // the JWT exchange counts in ms: a 1 ms token
  const { vault } = await Vault.create(freshHome('scheduler'), { method: 'keychain' }, { keychain: new MemoryKeychain() });
  const material = await generateKeyMaterial({ bits: 2048, days: 30, subject: { CN: 'bench' } });
  await vault.update((doc) => {
    addIntegration(doc, {
      kind: 'jwt', name: 'Short', clientId: 'c', clientSecrets: ['s'], orgId: '1234567890ABCDEF12345678@AdobeOrg',
      technicalAccountId: 'ABCDEF0123456789@techacct.adobe.com', metascopes: ['ent_cloudmgr_sdk'], imsEndpoint: server.url, autoRefresh: true,
    });
    attachKeyPair(doc, 'Short', material);
  });
  const runner = new RefreshScheduler(vault, new TokenService(vault, { fetch }));
  runner.on('event', () => undefined);
  const start = performance.now();
  await runner.start();
  await new Promise((r) => setTimeout(r, 5_000));
  runner.stop();
  const seconds = (performance.now() - start) / 1000;
  console.log(`refresh scheduler, token lifetime 1 ms: ${server.requests.length} requests in ${seconds.toFixed(1)} s`);
  await server.close();
}

async function lock(): Promise<void> {
  const hanging = await startHostileServer(hang);
  const healthy = await startHostileServer(tokenAnswer(3600));
  const home = freshHome('lock');
  const env = { ...process.env, KEYSMITH_HOME: home, KEYSMITH_PASSPHRASE: PASSPHRASE };
  try {
    cliSync(home, ['add', 'oauth2', '--name', 'Hangs', '--client-id', 'a', '--token-url', `${hanging.url}/token`, '--auth-method', 'client_secret_post', '--client-secret-stdin'], 'sa');
    cliSync(home, ['add', 'oauth2', '--name', 'Healthy', '--client-id', 'b', '--token-url', `${healthy.url}/token`, '--auth-method', 'client_secret_post', '--client-secret-stdin'], 'sb');
    const first = spawn(process.execPath, [CLI, 'token', 'Hangs'], { env, stdio: 'ignore' });
    const firstDone = new Promise<void>((r) => first.on('close', () => r()));
    while (hanging.requests.length === 0) await new Promise((r) => setTimeout(r, 20));
    const start = performance.now();
    const second = await new Promise<number | null>((resolve) => spawn(process.execPath, [CLI, 'token', 'Healthy'], { env, stdio: 'ignore' }).on('close', resolve));
    const waited = (performance.now() - start) / 1000;
    console.log(`second integration's \`keysmith token\` while the first one's endpoint hangs: exit ${second} after ${waited.toFixed(2)} s`);
    first.kill();
    await firstDone;
  } finally {
    await hanging.close();
    await healthy.close();
  }
}

const figures: Record<string, () => Promise<void>> = { rss, scheduler, lock };
const which = process.argv[2] ?? '';
const run = figures[which];
if (!run) {
  console.error(`usage: node --import tsx bench/hostile-token.ts ${Object.keys(figures).join('|')}`);
  process.exit(2);
}
run().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(`hostile-token ${which} failed: ${(err as Error).message}`);
    process.exit(1);
  },
);
