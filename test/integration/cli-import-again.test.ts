/**
 * Importing again, and importing what Keysmith exported, through the built CLI on real vaults:
 * - an aio JWT context whose key has no certificate, imported twice, keeps one key (keys are matched
 *   by public key, not by the certificate made for them), and the dry run names no fingerprint that
 *   the real import would not have;
 * - an API key exported as aio and as .env imports back as the same API key;
 * - --name names a single credential.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDataDir } from '../support/cli';

const ORG = '1234567890ABCDEF12345678@AdobeOrg';
const TECH = 'ABCDEF0123456789AAAAAAAA@techacct.adobe.com';
const vault = () => ({ KEYSMITH_HOME: tempDataDir(), KEYSMITH_PASSPHRASE: 'import again passphrase' });
const dir = () => mkdtempSync(path.join(tmpdir(), 'keysmith-again-'));

async function ok(args: string[], env: NodeJS.ProcessEnv, input?: string): Promise<string> {
  const r = await runCli(args, { env, ...(input !== undefined && { input }) });
  expect(r.code, r.stderr).toBe(0);
  return r.stdout;
}

describe('re-importing a key without a certificate', () => {
  it('keeps one key, matched by its public key', async () => {
    const pem = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    const config = { ims: { contexts: { 'aem-prod': { client_id: 'jwt0', client_secret: 'p8e-again', technical_account_id: TECH, ims_org_id: ORG, meta_scopes: ['ent_aem_cloud_api'], private_key: pem } } } };
    const file = path.join(dir(), 'aio');
    writeFileSync(file, JSON.stringify(config));
    const env = vault();
    const dry = await ok(['import', file, '--dry-run'], env);
    expect(dry).toMatch(/key with a new self-signed certificate/);
    await ok(['import', file], env);
    const again = await ok(['import', file, '--dry-run'], env);
    expect(again).toMatch(/update "aem-prod" .*key already present/);
    await ok(['import', file], env);
    const certs = JSON.parse(await ok(['certs', 'aem-prod', '--json'], env)) as unknown[];
    expect(certs).toHaveLength(1);
  });
});

describe('API key round trip', () => {
  it.each(['aio', 'env'])('an API key exported as %s imports back as the same API key', async (format) => {
    const from = vault();
    await ok(['add', 'apikey', '--name', 'Stock', '--client-id', 'stock-key-123'], from);
    const out = path.join(dir(), format === 'env' ? '.env' : 'aio');
    await ok(['export', 'Stock', '--format', format, '--out', out], from);
    const to = vault();
    const imported = await ok(['import', out], to);
    expect(imported).toMatch(/API key, client id stock-key-123/);
    const list = JSON.parse(await ok(['list', '--json'], to)) as { kind: string }[];
    expect(list.map((i) => i.kind)).toEqual(['apiKey']);
  });

  it('--name names the one credential a file holds', async () => {
    const file = path.join(dir(), '.env');
    writeFileSync(file, 'API_KEY=stock-key-123\n');
    const env = vault();
    expect(await ok(['import', file, '--name', 'Adobe Stock'], env)).toMatch(/add {4}"Adobe Stock"/);
  });
});
