/**
 * Interop end to end: files users already have are imported into a real vault through the built
 * CLI, and each imported integration then mints a token from the IMS emulator over real HTTP.
 * Also export, the encrypted share bundle between two data directories, and JWT -> S2S migration.
 *
 * Each test has its own data directory and folder: empty, or a copy of the "AEM prod" vault
 * imported once in beforeAll. The emulator is shared and knows every client up front; a test
 * queues only faults it consumes itself.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSelfSignedCertificate } from '../../electron/core/keys/certificate';
import { runCli, tempDataDir, type CliResult } from '../support/cli';
import { copyDataDir } from '../support/data-dir-template';
import { startImsEmulator, type ImsEmulator } from '../support/ims-emulator';

const ORG = '1234567890ABCDEF12345678@AdobeOrg';
const TECH = 'ABCDEF0123456789@techacct.adobe.com';
const PASSPHRASE = 'interop tests passphrase';
let ims: ImsEmulator;
let work: string;
let env: NodeJS.ProcessEnv;
let aemKey: { privateKeyPem: string; certificatePem: string };
/** A vault holding "AEM prod", imported from AEM service credentials (see aemCredentials). */
let aemTemplate: string;

const cli = (args: string[], input?: string, e: NodeJS.ProcessEnv = env) => runCli(args, { env: e, input });
async function ok(args: string[], input?: string, e?: NodeJS.ProcessEnv): Promise<string> {
  const result = await cli(args, input, e);
  expect(result.code, result.stderr).toBe(0);
  return result.stdout;
}
const file = (name: string, content: string | Buffer) => {
  const p = path.join(work, name);
  writeFileSync(p, content);
  return p;
};
const names = async (e: NodeJS.ProcessEnv = env) => (JSON.parse(await ok(['list', '--json'], undefined, e)) as { name: string; kind: string }[]).map((i) => `${i.kind}:${i.name}`);
const vaultBytes = (dir: string) => {
  try {
    return readFileSync(path.join(dir, 'vault.ksv')).toString('base64');
  } catch {
    return null;
  }
};

function consoleProject(credentials: unknown[]): string {
  return JSON.stringify({
    project: {
      id: '4566206088344794',
      name: 'cmautomation',
      title: 'CM Automation',
      org: { id: '12345', name: 'Acme', ims_org_id: ORG },
      workspace: {
        id: '4566206088344795',
        name: 'Production',
        title: 'Production',
        details: { credentials, services: [{ code: 'CloudManagerSDK', name: 'Cloud Manager' }] },
      },
    },
  });
}

/** AEM as a Cloud Service's service credentials JSON for cm-p1234-e5678, pointed at the emulator. */
function aemCredentials(): string {
  return JSON.stringify({
    ok: true,
    statusCode: 200,
    integration: {
      imsEndpoint: ims.url,
      metascopes: 'ent_aem_cloud_api',
      technicalAccount: { clientId: 'cm-p1234-e5678', clientSecret: 'p8e-aem-secret' },
      email: 'aem@techacct.adobe.com',
      id: TECH,
      org: ORG,
      privateKey: aemKey.privateKeyPem,
      publicKey: aemKey.certificatePem,
    },
  });
}

/** The current test starts on a copy of the "AEM prod" vault. */
function startFromAem(): void {
  env = { ...env, KEYSMITH_HOME: copyDataDir(aemTemplate) };
}

const s2sCredential = (id: string, clientId: string, name = 'OAuth Server-to-Server') => ({
  id,
  name,
  integration_type: 'oauth_server_to_server',
  oauth_server_to_server: { client_id: clientId, client_secrets: [`p8e-${clientId}`], technical_account_email: 'x@techacct.adobe.com', technical_account_id: TECH, scopes: ['openid', 'AdobeID', 'read_organizations'] },
});

beforeAll(async () => {
  ims = await startImsEmulator();
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const privateKeyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  aemKey = { privateKeyPem, certificatePem: await createSelfSignedCertificate({ privateKeyPem, subject: { CN: 'aem' }, days: 365 }) };
  ims.registerClient({ clientId: 's2s-a', clientSecrets: ['p8e-s2s-a'], orgId: ORG, technicalAccountId: TECH, scopes: ['openid', 'AdobeID', 'read_organizations'] });
  // The AEM credential, and after migration its S2S twin with the same client id (another secret).
  ims.registerClient({
    clientId: 'cm-p1234-e5678',
    clientSecrets: ['p8e-aem-secret', 'p8e-cm-p1234-e5678'],
    orgId: ORG,
    technicalAccountId: TECH,
    metascopes: ['ent_aem_cloud_api'],
    scopes: ['openid', 'AdobeID', 'read_organizations'],
    certificatesPem: [aemKey.certificatePem],
  });
  work = mkdtempSync(path.join(tmpdir(), 'keysmith-interop-template-'));
  aemTemplate = tempDataDir();
  env = { KEYSMITH_HOME: aemTemplate, KEYSMITH_PASSPHRASE: PASSPHRASE };
  await ok(['import', file('aem.json', aemCredentials()), '--name', 'AEM prod']);
});
afterAll(() => ims.close());

beforeEach(() => {
  work = mkdtempSync(path.join(tmpdir(), 'keysmith-interop-'));
  env = { KEYSMITH_HOME: tempDataDir(), KEYSMITH_PASSPHRASE: PASSPHRASE };
});

const consoleWorkspace = () => consoleProject([s2sCredential('111', 's2s-a'), { id: '222', name: 'API Key', integration_type: 'api_key', api_key: { client_id: 'key-b' } }]);

describe('keysmith import', () => {
  it('previews a Console project with --dry-run and writes nothing', async () => {
    const project = file('project.json', consoleWorkspace());
    const preview = await ok(['import', project, '--dry-run']);
    expect(preview).toMatch(/add\s+".*" \(OAuth Server-to-Server, client id s2s-a\)/);
    expect(preview).toMatch(/add\s+".*" \(API key, client id key-b\)/);
    expect(preview).toMatch(/Nothing was written/);
    expect(vaultBytes(env.KEYSMITH_HOME!)).toBeNull();
  });

  it('imports every credential of a Console workspace, and the S2S one mints a token', async () => {
    const project = file('project.json', consoleWorkspace());
    const out = await ok(['import', project]);
    expect(out.match(/^\s+add /gm)).toHaveLength(2);
    const listed = JSON.parse(await ok(['list', '--json'])) as { name: string; kind: string; orgId: string }[];
    const s2s = listed.find((i) => i.kind === 'oauthS2S')!;
    expect(s2s.orgId).toBe(ORG);
    // The importer knows nothing of the emulator: point the imported integration at it.
    await ok(['edit', s2s.name, '--ims-endpoint', ims.url]);
    expect(JSON.parse(await ok(['token', s2s.name, '--format', 'json'])).fromCache).toBe(false);
  });

  it('updates instead of duplicating when the same credential is imported again', async () => {
    const project = file('project.json', consoleWorkspace());
    await ok(['import', project]);
    const before = await names();
    const again = await ok(['import', project]);
    expect(again.match(/^\s+update /gm)).toHaveLength(2);
    expect(await names()).toEqual(before);
  });

  it('imports AEM service credentials with their key, and the JWT exchange accepts the signature', async () => {
    const aem = file('aem.json', aemCredentials());
    await ok(['import', aem, '--name', 'AEM prod']);
    const certs = JSON.parse(await ok(['certs', 'AEM prod', '--json'])) as { active: boolean }[];
    expect(certs).toHaveLength(1);
    expect(JSON.parse(await ok(['token', 'AEM prod', '--format', 'json'])).accessToken).toMatch(/^ey/);
  });

  it.each([
    ['garbage', 'not a credentials file at all', /not a file Keysmith can import|Nothing to import|import/i],
    ['an unknown integration type only', consoleProject([{ id: '9', name: 'x', integration_type: 'saml_magic', saml_magic: {} }]), /saml_magic|nothing/i],
    ['non-UTF-8 bytes', Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]), /UTF-8/],
  ])('refuses %s with one line and an unchanged vault', async (_title, content, pattern) => {
    startFromAem();
    const before = vaultBytes(env.KEYSMITH_HOME!);
    const result: CliResult = await cli(['import', file(`bad-${_title.replace(/\W+/g, '-')}`, content)]);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n').filter((l) => !l.startsWith('warning:'))).toHaveLength(1);
    expect(result.stderr).toMatch(pattern);
    expect(vaultBytes(env.KEYSMITH_HOME!)).toBe(before);
  });
});

describe('keysmith export', () => {
  it('leaves secrets out unless asked, and then writes the file 0600', async () => {
    startFromAem();
    const plain = await ok(['export', 'AEM prod', '--format', 'env']);
    expect(plain).toContain('cm-p1234-e5678');
    expect(plain).not.toContain('p8e-aem-secret');
    expect(plain).not.toMatch(/PRIVATE KEY-----\n?[A-Za-z0-9+/]/);
    const out = path.join(work, 'aem.env');
    await ok(['export', 'AEM prod', '--format', 'env', '--include-secrets', '--out', out]);
    expect(readFileSync(out, 'utf8')).toContain('p8e-aem-secret');
    if (process.platform !== 'win32') expect(statSync(out).mode & 0o777).toBe(0o600);
  });
});

describe('export then import', () => {
  it.each([
    ['aio', 'aem.aio.json'],
    ['env', 'aem-roundtrip.env'],
  ])('an exported %s file with secrets imports into another vault, which mints a token', async (format, name) => {
    startFromAem();
    const out = path.join(work, name);
    await ok(['export', 'AEM prod', '--format', format, '--include-secrets', '--out', out]);
    const other = { KEYSMITH_HOME: tempDataDir(), KEYSMITH_PASSPHRASE: 'roundtrip passphrase' };
    await ok(['import', out, '--name', 'Round trip'], undefined, other);
    const shown = JSON.parse(await ok(['show', 'Round trip', '--json'], undefined, other));
    expect(shown).toMatchObject({ kind: 'jwt', clientId: 'cm-p1234-e5678', orgId: ORG, technicalAccountId: TECH, metascopes: ['ent_aem_cloud_api'] });
    expect(shown.keys).toHaveLength(1);
    await ok(['edit', 'Round trip', '--ims-endpoint', ims.url], undefined, other);
    expect(JSON.parse(await ok(['token', 'Round trip', '--format', 'json'], undefined, other)).fromCache).toBe(false);
  });
});

describe('keysmith bundle', () => {
  it('moves integrations with their secrets and keys to another data directory, where they mint tokens', async () => {
    startFromAem();
    const bundleFile = path.join(work, 'share.ksb');
    await ok(['bundle', 'export', 'AEM prod', '--out', bundleFile, '--passphrase-stdin'], 'team passphrase 42\n');
    const bytes = readFileSync(bundleFile);
    expect(bytes.includes('p8e-aem-secret')).toBe(false);
    expect(bytes.includes(aemKey.privateKeyPem.split('\n')[3]!)).toBe(false);

    const other = { KEYSMITH_HOME: tempDataDir(), KEYSMITH_PASSPHRASE: 'other vault passphrase' };
    const wrong = await cli(['bundle', 'import', bundleFile, '--passphrase-stdin'], 'not the passphrase\n', other);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/Wrong passphrase for this bundle/);

    const flipped = Buffer.from(bytes);
    const middle = Math.floor(flipped.length / 2);
    flipped[middle] = flipped[middle]! ^ 0x01;
    const tampered = await cli(['bundle', 'import', file('flipped.ksb', flipped), '--passphrase-stdin'], 'team passphrase 42\n', other);
    expect(tampered.code).toBe(1);
    expect(tampered.stderr).toMatch(/damaged or was modified/);

    await ok(['bundle', 'import', bundleFile, '--passphrase-stdin'], 'team passphrase 42\n', other);
    expect(await names(other)).toEqual(['jwt:AEM prod']);
    const token = JSON.parse(await ok(['token', 'AEM prod', '--format', 'json', '--force'], undefined, other));
    expect(token.fromCache).toBe(false);
  });
});

describe('keysmith migrate', () => {
  it('creates the S2S twin of a JWT integration from a Console file, proves it with a token, then retires the JWT one', async () => {
    startFromAem();
    const project = file('migrated.json', consoleProject([s2sCredential('333', 'cm-p1234-e5678', 'Migrated credential')]));
    // The S2S credential arrives first as a plain import, pointed at the emulator (the Console JSON
    // names no IMS host); migrate then finds it by client id and org, and keeps that endpoint.
    await ok(['import', project, '--name', 'AEM prod (S2S)']);
    await ok(['edit', 'AEM prod (S2S)', '--ims-endpoint', ims.url]);
    // A failed mint must leave the JWT one alone.
    ims.failNext(...Array.from({ length: 4 }, () => ({ status: 500, body: '{"error":"internal_error"}' })));
    const refused = await cli(['migrate', 'AEM prod', '--from', project, '--retire']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/could not mint a token, so "AEM prod" was left as it is/);
    expect(JSON.parse(await ok(['show', 'AEM prod', '--json'])).description).not.toMatch(/^Retired/);

    const done = await ok(['migrate', 'AEM prod', '--from', project, '--retire']);
    expect(done).toMatch(/Updated the OAuth Server-to-Server integration "AEM prod \(S2S\)"/);
    expect(done).toMatch(/Minted a token/);
    const jwt = JSON.parse(await ok(['show', 'AEM prod', '--json']));
    expect(jwt.description).toMatch(/^Retired .*replaced by the OAuth Server-to-Server integration "AEM prod \(S2S\)"/);
    expect(jwt.keys).toHaveLength(1);
  });
});
