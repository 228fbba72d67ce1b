/**
 * Keysmith's aio and .env exports, read by the real @adobe/aio-lib-ims: its getToken(context) finds
 * the context where aio looks (the global config file, a project's .env) and mints a token from
 * the IMS emulator. aio-lib-ims's IMS host is fixed (prod or stage from the context's env), so the
 * test routes https://ims-na1.adobelogin.com to the emulator through HTTPS_PROXY and a certificate
 * the child trusts (ims-tls-proxy.ts); the library's code is not touched. Also: what aio would
 * refuse, Keysmith refuses or warns about first, in one sentence.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aioLibImsToken } from '../support/aio-tools';
import { runCli, tempDataDir, type CliResult } from '../support/cli';
import { startImsEmulator, type ImsEmulator } from '../support/ims-emulator';
import { startImsTlsProxy, type ImsTlsProxy } from '../support/ims-tls-proxy';

const ORG = '1234567890ABCDEF12345678@AdobeOrg';
const TECH = 'ABCDEF0123456789AAAAAAAA@techacct.adobe.com';
const SECRET = 'p8e-aio-lib-ims-secret-00000000';
const SCOPES = 'openid,AdobeID,read_organizations';
let ims: ImsEmulator;
let proxy: ImsTlsProxy;

beforeAll(async () => {
  ims = await startImsEmulator();
  proxy = await startImsTlsProxy(ims.url, mkdtempSync(path.join(tmpdir(), 'keysmith-proxy-')));
  ims.registerClient({ clientId: 'cm-s2s-client', clientSecrets: [SECRET], orgId: ORG, technicalAccountId: TECH, scopes: SCOPES.split(',') });
}, 60_000);

afterAll(async () => {
  await proxy?.close();
  await ims?.close();
});

async function vaultWith(args: string[]): Promise<NodeJS.ProcessEnv> {
  const env = { KEYSMITH_HOME: tempDataDir(), KEYSMITH_PASSPHRASE: 'aio-lib-ims export test' };
  const added = await runCli(['add', 'oauth-s2s', '--client-id', 'cm-s2s-client', '--org-id', ORG, '--scopes', SCOPES, '--client-secret-stdin', ...args], { env, input: SECRET });
  expect(added.code, added.stderr).toBe(0);
  return env;
}

function folders(): { global: string; project: string } {
  const root = mkdtempSync(path.join(tmpdir(), 'keysmith-aio-ims-'));
  mkdirSync(path.join(root, 'project'));
  return { global: path.join(root, 'aio'), project: path.join(root, 'project') };
}

const exportTo = (env: NodeJS.ProcessEnv, args: string[]): Promise<CliResult> => runCli(['export', ...args], { env });

describe('aio-lib-ims reads what Keysmith exports', () => {
  it('an aio export as the global config: the Cloud Manager plugin context mints a token', async () => {
    const env = await vaultWith(['--name', 'aio-cli-plugin-cloudmanager', '--technical-account-id', TECH, '--technical-account-email', 'cm@techacct.adobe.com']);
    const d = folders();
    const out = await exportTo(env, ['aio-cli-plugin-cloudmanager', '--format', 'aio', '--include-secrets', '--out', d.global]);
    expect(out.code, out.stderr).toBe(0);
    const result = await aioLibImsToken({ globalFile: d.global, projectDir: d.project, context: 'aio-cli-plugin-cloudmanager', proxyUrl: proxy.url, caFile: proxy.caFile });
    expect(result.error).toBeUndefined();
    expect(result.token?.split('.')).toHaveLength(3);
    const minted = ims.requests.filter((r) => r.form.client_id === 'cm-s2s-client').at(-1);
    expect(minted?.path).toBe('/ims/token/v2');
    expect(minted?.form.scope).toBe(SCOPES);
    expect(proxy.connects).toContain('ims-na1.adobelogin.com');
  });

  it('a .env export in a project folder, under a --context name', async () => {
    const env = await vaultWith(['--name', 'Cloud Manager (prod)', '--technical-account-id', TECH, '--technical-account-email', 'cm@techacct.adobe.com']);
    const d = folders();
    const out = await exportTo(env, ['Cloud Manager (prod)', '--format', 'env', '--include-secrets', '--context', 'cm-prod', '--out', path.join(d.project, '.env')]);
    expect(out.code, out.stderr).toBe(0);
    writeFileSync(d.global, '');
    const result = await aioLibImsToken({ globalFile: d.global, projectDir: d.project, context: 'cm-prod', proxyUrl: proxy.url, caFile: proxy.caFile });
    expect(result.error).toBeUndefined();
    expect(result.token?.split('.')).toHaveLength(3);
  });

  it('without the technical account, the aio export is refused with what aio requires', async () => {
    const env = await vaultWith(['--name', 'No account']);
    const out = await exportTo(env, ['No account', '--format', 'aio', '--include-secrets']);
    expect(out.code).not.toBe(0);
    expect(out.stdout).toBe('');
    expect(out.stderr).toMatch(/lacks technical account email, technical account id, which aio-lib-ims requires/);
    expect(out.stderr).not.toContain(SECRET);
    // The .env is still useful to Adobe's samples: written, with a warning about its aio part.
    const envOut = await exportTo(env, ['No account', '--format', 'env']);
    expect(envOut.code, envOut.stderr).toBe(0);
    expect(envOut.stderr).toMatch(/warning: aio-lib-ims would refuse the AIO_IMS_CONTEXTS_\* part: it lacks technical_account_email, technical_account_id/);
  });

  it('a custom IMS endpoint is kept as ims_endpoint, with a warning that aio uses prod', async () => {
    const env = await vaultWith(['--name', 'Custom', '--technical-account-id', TECH, '--technical-account-email', 'cm@techacct.adobe.com', '--ims-endpoint', 'https://ims.example.test']);
    const out = await exportTo(env, ['Custom', '--format', 'aio']);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stderr).toMatch(/warning: aio picks its IMS from the context's env.*not https:\/\/ims\.example\.test/);
    expect(out.stderr).toMatch(/warning: aio-lib-ims will refuse this context until it has client_secrets/);
    const config = JSON.parse(out.stdout) as { ims: { contexts: Record<string, Record<string, unknown>> } };
    expect(config.ims.contexts.custom?.ims_endpoint).toBe('https://ims.example.test');
  });

  it('a --context name aio cannot read back is refused', async () => {
    const env = await vaultWith(['--name', 'Ctx', '--technical-account-id', TECH, '--technical-account-email', 'cm@techacct.adobe.com']);
    for (const bad of ['has.dot', 'UPPER', '-lead', 'a'.repeat(65), 'x\u001b[31m']) {
      const out = await exportTo(env, ['Ctx', '--format', 'aio', `--context=${bad}`]);
      expect(out.code).not.toBe(0);
      expect(out.stderr).toMatch(/is not one aio reads back/);
      expect(out.stderr).not.toContain('\u001b');
    }
  });
});
