/**
 * Issue 4's figures, each beside its anchor in the same run:
 * - JWT signing (jsonwebtoken RS256, 2048-bit) vs bare crypto.sign of the same header.payload
 * - token mint latency against the loopback IMS emulator vs a bare fetch of the same request
 * - `keysmith token` served from the cache vs a bare `node` start-up
 */
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { createPrivateKey, generateKeyPairSync, sign } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { addIntegration } from '../electron/core/integration-store';
import { getIntegration } from '../electron/core/integration-view';
import { OsKeychain } from '../electron/core/keychain';
import { imsJwtClaims } from '../electron/core/tokens/jwt-claims';
import { signRs256 } from '../electron/core/tokens/jwt-sign';
import { mintToken } from '../electron/core/tokens/mint-token';
import { TokenService } from '../electron/core/tokens/token-service';
import { Vault } from '../electron/core/vault';
import { probeKeychain } from '../test/support/keychain';
import { startImsEmulator } from '../test/support/ims-emulator';
import { median, ms, printTable, ratio } from './measure';
import { MemoryKeychain } from './vault.bench';

const execFileAsync = promisify(execFile);
const CLI = path.resolve(__dirname, '..', 'bin', 'keysmith.mjs');
const ORG = '1234567890ABCDEF12345678@AdobeOrg';

async function perSecond(seconds: number, fn: () => unknown | Promise<unknown>): Promise<number> {
  for (let i = 0; i < 50; i++) await fn();
  let count = 0;
  const end = performance.now() + seconds * 1000;
  while (performance.now() < end) {
    await fn();
    count++;
  }
  return count / seconds;
}

const b64url = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

async function benchSigning(): Promise<void> {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  const key = createPrivateKey(pem);
  const claims = imsJwtClaims({ clientId: 'c', orgId: ORG, technicalAccountId: 'T@techacct.adobe.com', metascopes: ['ent_cloudmgr_sdk'], imsEndpoint: 'https://ims-na1.adobelogin.com' });
  const ours = await perSecond(2, () => signRs256(claims, pem));
  const bare = await perSecond(2, () => {
    const input = `${b64url({ alg: 'RS256', typ: 'JWT' })}.${b64url(claims)}`;
    return `${input}.${sign('sha256', Buffer.from(input), key).toString('base64url')}`;
  });
  printTable('JWT signing, RS256 2048-bit (2 s each; target: within 1.5x of bare crypto.sign)', ['signer', 'signatures/s', 'anchor: crypto.sign', 'time ratio'], [
    ['jsonwebtoken (signRs256)', ours.toFixed(0), bare.toFixed(0), ratio(bare, ours)],
  ]);
}

async function benchMint(runs: number): Promise<void> {
  const ims = await startImsEmulator();
  try {
    ims.registerClient({ clientId: 'bench', clientSecrets: ['s'], orgId: ORG, scopes: ['openid', 'AdobeID'] });
    const dir = path.join(mkdtempSync(path.join(tmpdir(), 'keysmith-bench-mint-')), 'data');
    const { vault } = await Vault.create(dir, { method: 'keychain' }, { keychain: new MemoryKeychain() });
    await vault.update((doc) => addIntegration(doc, { kind: 'oauthS2S', name: 'Bench', clientId: 'bench', clientSecrets: ['s'], scopes: ['openid', 'AdobeID'], imsEndpoint: ims.url }));
    const integration = getIntegration(vault.document, 'Bench');
    const mint = await median(runs, () => mintToken(integration, { fetch }));
    const body = new URLSearchParams({ grant_type: 'client_credentials', client_id: 'bench', client_secret: 's', scope: 'openid,AdobeID' }).toString();
    const bare = await median(runs, async () => {
      const r = await fetch(`${ims.url}/ims/token/v3`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
      return r.json();
    });
    const service = new TokenService(vault, { fetch });
    const minted = await median(runs, () => service.getToken('Bench', { force: true }));
    printTable(`Token mint against the loopback IMS emulator (median of ${runs}; target: overhead under 5 ms)`, ['path', 'latency', 'anchor: bare fetch', 'overhead'], [
      ['mintToken (S2S)', ms(mint), ms(bare), ms(mint - bare)],
      ['TokenService.getToken --force (lock + encrypted cache write)', ms(minted), ms(bare), ms(minted - bare)],
    ]);
  } finally {
    await ims.close();
  }
}

async function benchCachedCli(runs: number): Promise<void> {
  const ims = await startImsEmulator();
  try {
    ims.registerClient({ clientId: 'bench', clientSecrets: ['s'], orgId: ORG, scopes: ['openid'] });
    const dir = path.join(mkdtempSync(path.join(tmpdir(), 'keysmith-bench-token-')), 'data');
    const useKeychain = (await probeKeychain()).ok;
    const passphrase = 'bench passphrase';
    const { vault } = await Vault.create(dir, useKeychain ? { method: 'keychain' } : { method: 'passphrase', passphrase }, { keychain: new OsKeychain() });
    await vault.update((doc) => addIntegration(doc, { kind: 'oauthS2S', name: 'Bench', clientId: 'bench', clientSecrets: ['s'], scopes: ['openid'], imsEndpoint: ims.url }));
    const env = { ...process.env, KEYSMITH_HOME: dir, ...(useKeychain ? {} : { KEYSMITH_PASSPHRASE: passphrase }) };
    const run = (args: string[]) => () => {
      const r = spawnSync(process.execPath, args, { env, encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`${args.join(' ')}: ${r.stderr}`);
    };
    // Mint once (asynchronously: the emulator runs in this process); every timed run is then served from the cache.
    const mint = await execFileAsync(process.execPath, [CLI, 'token', 'Bench'], { env }).catch((err: Error) => {
      throw new Error(`keysmith token failed: ${err.message}`);
    });
    if (!mint.stdout) throw new Error('keysmith token printed nothing');
    const before = ims.requests.length;
    const cached = await median(runs, run([CLI, 'token', 'Bench']));
    if (ims.requests.length !== before) throw new Error('a cached `keysmith token` made an HTTP call');
    const node = await median(runs, run(['-e', '']));
    printTable(
      `keysmith token served from the cache, unlocked by ${useKeychain ? 'the OS keychain' : 'passphrase (scrypt ~0.3 s by design)'} (median of ${runs}; target under 250 ms)`,
      ['command', 'wall time', 'anchor: node -e ""', 'ratio'],
      [['keysmith token NAME', ms(cached), ms(node), ratio(cached, node)]],
    );
  } finally {
    await ims.close();
  }
}

export async function benchTokens(runs: number): Promise<void> {
  await benchSigning();
  await benchMint(runs * 5);
  await benchCachedCli(runs);
}
