/**
 * What a bundle carries, and what a vault document holds, goes through the same schemas as every
 * other input: a crafted bundle (well encrypted, with the right passphrase) must not plant keys
 * with no size, two active keys or megabytes of extra fields that later break `certs`, `token` or
 * the app's list; and a damaged-but-authentic vault document says which entry is bad when it is
 * read, rather than failing somewhere later.
 */
import { generateKeyPairSync, randomBytes, randomUUID, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { deriveFromPassphrase, randomKey, seal, type ScryptParams } from '../../electron/core/crypto-primitives';
import { vaultPaths } from '../../electron/core/data-dir';
import { KeysmithError } from '../../electron/core/errors';
import type { Integration } from '../../electron/shared/integration';
import { addIntegration } from '../../electron/core/integration-store';
import { encodeBundle } from '../../electron/core/interop/bundle/bundle-frame';
import { openBundle } from '../../electron/core/interop/bundle/share-bundle';
import { createSelfSignedCertificate } from '../../electron/core/keys/certificate';
import type { StoredKeyPair } from '../../electron/shared/stored-keypair';
import { Vault } from '../../electron/core/vault';
import { encodeVault, findWrap, parseVault, unwrapDataKey, type VaultHeader } from '../../electron/core/vault-envelope';
import { DOCUMENT_RULES, type VaultDocument } from '../../electron/core/vault-document';
import { runCli, tempDataDir } from '../support/cli';
import { MemoryKeychain } from '../support/memory-keychain';

const FAST: ScryptParams = { N: 2 ** 10, r: 8, p: 1 };
const BUNDLE_PASSPHRASE = 'team passphrase 42';
const VAULT_PASSPHRASE = 'payload test passphrase';
const ORG = '12345678ABCDEF0123456789@AdobeOrg';
const TECH = '0A1B2C3D4E5F@techacct.adobe.com';
const STAMP = '2025-01-02T03:04:05.000Z';
const MB2 = 'x'.repeat(2 * 1024 * 1024);

type Json = Record<string, unknown>;

interface KeyPair {
  privateKeyPem: string;
  certificatePem: string;
  fingerprintSha256: string;
}

let first: KeyPair;
let second: KeyPair;

async function makeKeyPair(cn: string): Promise<KeyPair> {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const privateKeyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  const certificatePem = await createSelfSignedCertificate({ privateKeyPem, subject: { CN: cn }, days: 365 });
  return { privateKeyPem, certificatePem, fingerprintSha256: new X509Certificate(certificatePem).fingerprint256 };
}

beforeAll(async () => {
  [first, second] = await Promise.all([makeKeyPair('first'), makeKeyPair('second')]);
});

function storedKey(pair: KeyPair, active: boolean): Json {
  return { id: randomUUID(), ...pair, bits: 2048, origin: 'generated', active, addedAt: STAMP };
}

function jwt(name: string, keys: Json[]): Json {
  return {
    kind: 'jwt',
    name,
    description: '',
    clientId: `client-${name.replace(/\W/g, '')}`,
    clientSecrets: ['p8e-secret'],
    orgId: ORG,
    technicalAccountId: TECH,
    metascopes: ['ent_aem_cloud_api'],
    imsEndpoint: 'https://ims-na1.adobelogin.com',
    id: randomUUID(),
    createdAt: STAMP,
    updatedAt: STAMP,
    keys,
  };
}

const apiKey = (name: string): Json => ({ kind: 'apiKey', name, description: '', clientId: 'c', id: randomUUID(), createdAt: STAMP, updatedAt: STAMP });

/** A well-encrypted bundle around any payload: the sender had the passphrase, only the content is hostile. */
async function craft(integrations: unknown[]): Promise<Buffer> {
  const salt = randomBytes(16);
  const kek = await deriveFromPassphrase(BUNDLE_PASSPHRASE, salt, FAST);
  const dataKey = randomKey();
  const wrap = seal(kek, dataKey, Buffer.from('keysmith-bundle-key:v1'));
  return encodeBundle(
    {
      kdf: { name: 'scrypt', ...FAST, salt: salt.toString('base64') },
      wrap: { nonce: wrap.nonce.toString('base64'), key: wrap.box.toString('base64') },
      createdAt: STAMP,
      count: integrations.length,
    },
    dataKey,
    Buffer.from(JSON.stringify({ integrations })),
  );
}

async function openOutcome(bytes: Buffer): Promise<{ code: string; message: string; integrations?: Integration[] }> {
  try {
    const { integrations } = await openBundle(bytes, BUNDLE_PASSPHRASE, { name: 'share.ksb' });
    return { code: 'opened', message: '', integrations };
  } catch (err) {
    if (!(err instanceof KeysmithError)) throw err;
    return { code: err.code, message: err.message };
  }
}

/** Junk keys, each with the field the refusal must name. */
function junkKeys(): Record<string, { keys: Json[]; field: RegExp }> {
  const key = () => storedKey(first, true);
  const edit = (patch: Json, drop: string[] = []) => {
    const k = { ...key(), ...patch };
    for (const field of drop) delete k[field];
    return [k];
  };
  return {
    'bits missing': { keys: edit({}, ['bits']), field: /keys\.0\.bits/ },
    'bits 1024': { keys: edit({ bits: 1024 }), field: /keys\.0\.bits/ },
    'bits as text': { keys: edit({ bits: '2048' }), field: /keys\.0\.bits/ },
    'two active keys': { keys: [storedKey(first, true), storedKey(second, true)], field: /keys.*at most one active/ },
    'the same key twice': { keys: [storedKey(first, true), storedKey(first, false)], field: /keys.*twice/ },
    'a malformed fingerprint': { keys: edit({ fingerprintSha256: 'not a fingerprint' }), field: /keys\.0\.fingerprintSha256/ },
    "another certificate's fingerprint": { keys: edit({ fingerprintSha256: second.fingerprintSha256 }), field: /keys\.0.*fingerprint/ },
    'a certificate that is not one': {
      keys: edit({ certificatePem: '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n' }),
      field: /keys\.0.*certificate/,
    },
    "another key's private key": { keys: edit({ privateKeyPem: second.privateKeyPem }), field: /keys\.0.*private key/ },
    'a 2 MB private key': { keys: edit({ privateKeyPem: `-----BEGIN PRIVATE KEY-----\n${MB2}\n-----END PRIVATE KEY-----\n` }), field: /keys\.0\.privateKeyPem/ },
    'a key id that is not an id': { keys: edit({ id: '../../x' }), field: /keys\.0\.id/ },
    'an unknown origin': { keys: edit({ origin: 'stolen' }), field: /keys\.0\.origin/ },
    'a 2 MB timestamp': { keys: edit({ addedAt: MB2 }), field: /keys\.0\.addedAt/ },
    'keys not a list': { keys: { 0: key() } as unknown as Json[], field: /keys/ },
    'a thousand keys': { keys: Array.from({ length: 1000 }, () => storedKey(first, false)), field: /keys/ },
  };
}

describe('a bundle payload', () => {
  it('refuses junk keys, naming the integration and the field, never storing them', async () => {
    const failures: string[] = [];
    for (const [what, { keys, field }] of Object.entries(junkKeys())) {
      const { code, message } = await openOutcome(await craft([apiKey('fine'), jwt('AEM prod', keys)]));
      if (code !== 'invalid_input' || !/integration 2 \("AEM prod"\)/.test(message) || !field.test(message) || message.includes('\n')) {
        failures.push(`${what}: ${code} ${message.slice(0, 300)}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('refuses integrations the model refuses, as every other input is', async () => {
    const cases: Json[] = [
      { ...apiKey('x'), name: 'bell\u0007name' },
      { ...apiKey('x'), description: MB2 },
      { ...apiKey('x'), clientId: 'has spaces' },
      { ...apiKey('x'), id: 'not-an-id' },
      { ...apiKey('x'), createdAt: MB2 },
      { ...jwt('x', []), clientSecrets: [MB2] },
      { ...jwt('x', []), orgId: 'nobody' },
    ];
    for (const integration of cases) {
      const { code, message } = await openOutcome(await craft([integration]));
      expect(code, JSON.stringify(integration).slice(0, 120)).toBe('invalid_input');
      expect(message).toMatch(/^The bundle share\.ksb holds an integration Keysmith cannot use \(integration 1/);
      expect(message.length).toBeLessThan(400);
    }
  });

  it('drops fields it does not know: a 2 MB extra field on a key or an integration does not come through', async () => {
    const key = { ...storedKey(first, true), junk: MB2 };
    const integration = { ...jwt('AEM prod', [key]), extra: MB2 };
    const { code, integrations } = await openOutcome(await craft([integration, { ...apiKey('plain'), keys: [storedKey(second, true)] }]));
    expect(code).toBe('opened');
    expect(JSON.stringify(integrations).length).toBeLessThan(20_000);
    expect(Object.keys(integrations![0]!)).not.toContain('extra');
    expect(Object.keys(integrations![0]!.keys![0]!)).not.toContain('junk');
    // API key integrations sign with nothing: keys on one are not kept.
    expect(integrations![1]!.keys).toBeUndefined();
  });

  it('through the CLI: a junk bundle is refused in one line and the vault is not touched; extra fields never reach the vault', async () => {
    const work = mkdtempSync(path.join(tmpdir(), 'keysmith-payload-'));
    const env = { KEYSMITH_HOME: tempDataDir(), KEYSMITH_PASSPHRASE: VAULT_PASSPHRASE };
    expect((await runCli(['add', 'apikey', '--name', 'before', '--client-id', 'c'], { env })).code).toBe(0);
    const vaultFile = vaultPaths(env.KEYSMITH_HOME).vault;
    const before = readFileSync(vaultFile);

    const junk = path.join(work, 'junk.ksb');
    writeFileSync(junk, await craft([jwt('AEM prod', [{ ...storedKey(first, true), bits: undefined }, storedKey(second, true)])]));
    const refused = await runCli(['bundle', 'import', junk, '--passphrase-stdin'], { env, input: BUNDLE_PASSPHRASE });
    expect(refused.code).toBe(1);
    expect(refused.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(refused.stderr).toMatch(/integration 1 \("AEM prod"\)/);
    expect(readFileSync(vaultFile).equals(before)).toBe(true);

    const padded = path.join(work, 'padded.ksb');
    writeFileSync(padded, await craft([{ ...jwt('AEM prod', [{ ...storedKey(first, true), junk: MB2 }]), extra: MB2 }]));
    const imported = await runCli(['bundle', 'import', padded, '--passphrase-stdin'], { env, input: BUNDLE_PASSPHRASE });
    expect(imported.code, imported.stderr).toBe(0);
    expect(statSync(vaultFile).size).toBeLessThan(100_000);
    const certs = await runCli(['certs', 'AEM prod', '--json'], { env });
    expect(certs.code, certs.stderr).toBe(0);
    expect(JSON.parse(certs.stdout)).toMatchObject([{ fingerprintSha256: first.fingerprintSha256, bits: 2048, active: true }]);
    const list = await runCli(['list', '--json'], { env });
    expect(JSON.parse(list.stdout).map((i: { name: string }) => i.name).sort()).toEqual(['AEM prod', 'before']);
  });
});

describe('the vault document, checked on every read', () => {
  const keychain = new MemoryKeychain();
  const viaKeychain = async () => ({ method: 'keychain' as const });

  /**
   * A vault whose current generation holds exactly `doc`, encrypted with its own key: authentic, not
   * damaged, and written the way a writer that does not check (an older Keysmith) writes it, with a
   * header built field by field and so without the mark of a checked document.
   */
  async function vaultHolding(doc: unknown): Promise<string> {
    const dir = tempDataDir();
    const { vault } = await Vault.create(dir, { method: 'keychain' }, { keychain });
    await vault.update((d) => addIntegration(d, { kind: 'apiKey', name: 'good', clientId: 'c' }));
    const { header } = parseVault(readFileSync(vault.paths.vault), 'v');
    const wrap = findWrap(header, 'keychain')!;
    const dataKey = unwrapDataKey(header.vaultId, wrap, Buffer.from((await keychain.get(header.vaultId))!, 'base64'))!;
    const { nonce: _n, documentCheck: _c, ...rest } = header;
    const next: Omit<VaultHeader, 'nonce'> = { ...rest, generation: header.generation + 1 };
    writeFileSync(vault.paths.vault, encodeVault(next, dataKey, Buffer.from(JSON.stringify(doc))));
    return dir;
  }

  const doc = (...integrations: unknown[]) => ({ schema: 1, integrations });

  it('names the bad entry, with restoring the backup as the next action', async () => {
    const cases: [string, unknown, RegExp][] = [
      ['a key without bits', doc(apiKey('fine'), jwt('bad', [{ ...storedKey(first, true), bits: undefined }])), /integration 2 \("bad"\).*keys\.0\.bits/],
      ['two active keys', doc(jwt('bad', [storedKey(first, true), storedKey(second, true)])), /integration 1 \("bad"\).*at most one active/],
      ['an integration without a client id', doc(apiKey('fine'), apiKey('fine 2'), { ...apiKey('bad'), clientId: undefined }), /integration 3 \("bad"\).*client/],
      ['a null entry', doc(apiKey('fine'), null), /integration 2/],
      ['two integrations with one name', doc(apiKey('Same'), apiKey('same')), /integration 2 \("same"\).*name/],
      ['two integrations with one id', doc(apiKey('a'), { ...apiKey('b'), id: '6f1c1f2e-8d2a-4b8e-9a51-0c7d2f4b9e10' }, { ...apiKey('c'), id: '6f1c1f2e-8d2a-4b8e-9a51-0c7d2f4b9e10' }), /integration 3 \("c"\).*id/],
      ['integrations not a list', { schema: 1, integrations: { a: 1 } }, /integrations/],
      ['no schema', { integrations: [] }, /schema/],
    ];
    const failures: string[] = [];
    for (const [what, content, pattern] of cases) {
      const dir = await vaultHolding(content);
      try {
        await Vault.open(dir, viaKeychain, { keychain });
        failures.push(`${what}: opened`);
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        if (!(err instanceof KeysmithError) || err.code !== 'vault_tampered' || !pattern.test(message) || err.action !== 'restore_backup') {
          failures.push(`${what}: ${err instanceof KeysmithError ? err.code : 'exception'} ${message}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('a vault already open checks what another writer put there before using it', async () => {
    const dir = await vaultHolding(doc(apiKey('first')));
    const vault = await Vault.open(dir, viaKeychain, { keychain });
    await vault.update((d) => addIntegration(d, { kind: 'apiKey', name: 'second', clientId: 'c' }));
    // What this version writes carries the mark of a checked document, bound to that body by GCM.
    expect(parseVault(readFileSync(vault.paths.vault), 'v').header.documentCheck).toBe(DOCUMENT_RULES);
    // Another writer (an old Keysmith, say) replaces the file with an authentic but broken document.
    const { header } = parseVault(readFileSync(vault.paths.vault), 'v');
    const dataKey = unwrapDataKey(header.vaultId, findWrap(header, 'keychain')!, Buffer.from((await keychain.get(header.vaultId))!, 'base64'))!;
    const { nonce: _n, documentCheck: _c, ...rest } = header;
    writeFileSync(vault.paths.vault, encodeVault({ ...rest, generation: header.generation + 1 }, dataKey, Buffer.from(JSON.stringify(doc(apiKey('a'), apiKey('A'))))));
    await expect(vault.update(() => undefined)).rejects.toMatchObject({ code: 'vault_tampered', message: expect.stringMatching(/integration 2 \("A"\)/) });
    await expect(vault.reload()).rejects.toMatchObject({ code: 'vault_tampered' });
    await expect(Vault.open(dir, viaKeychain, { keychain })).rejects.toMatchObject({ code: 'vault_tampered' });
  });

  it('drops unknown fields of an authentic entry as it reads it', async () => {
    const dir = await vaultHolding(doc({ ...jwt('padded', [{ ...storedKey(first, true), junk: 'x' }]), extra: 'y' }));
    const vault = await Vault.open(dir, viaKeychain, { keychain });
    expect(Object.keys(vault.document.integrations[0]!)).not.toContain('extra');
    expect(Object.keys(vault.document.integrations[0]!.keys![0]!)).not.toContain('junk');
  });

  it('refuses to write junk: a change that breaks the schema leaves the file as it was', async () => {
    const dir = await vaultHolding(doc(jwt('signer', [storedKey(first, true)])));
    const vault = await Vault.open(dir, viaKeychain, { keychain });
    const before = readFileSync(vault.paths.vault);
    const junk: [string, (d: VaultDocument) => void][] = [
      ['a second active key, pushed in place', (d) => d.integrations[0]!.keys!.push(storedKey(second, true) as unknown as StoredKeyPair)],
      ['a field changed in place', (d) => Object.assign(d.integrations[0]!, { clientId: 'has spaces' })],
      ['an entry copied under the same name', (d) => d.integrations.push({ ...d.integrations[0]!, id: randomUUID() })],
    ];
    for (const [what, mutate] of junk) {
      await expect(vault.update(mutate), what).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/^Nothing was written: integration \d/) });
      expect(readFileSync(vault.paths.vault).equals(before), what).toBe(true);
    }
    // The same vault still takes a sound change.
    await vault.update((d) => addIntegration(d, { kind: 'apiKey', name: 'fine', clientId: 'c' }));
    expect((await Vault.open(dir, viaKeychain, { keychain })).document.integrations.map((i) => i.name)).toEqual(['signer', 'fine']);
  });

  it('through the CLI: list says which entry is bad, in one line', async () => {
    const dir = tempDataDir();
    const { vault } = await Vault.create(dir, { method: 'passphrase', passphrase: VAULT_PASSPHRASE }, { keychain });
    const { header } = parseVault(readFileSync(vault.paths.vault), 'v');
    const wrap = findWrap(header, 'passphrase')!;
    const dataKey = unwrapDataKey(header.vaultId, wrap, await deriveFromPassphrase(VAULT_PASSPHRASE, Buffer.from(wrap.kdf.salt, 'base64'), wrap.kdf))!;
    const { nonce: _n, documentCheck: _c, ...rest } = header;
    writeFileSync(vault.paths.vault, encodeVault({ ...rest, generation: 2 }, dataKey, Buffer.from(JSON.stringify(doc(jwt('broken', [storedKey(first, true), storedKey(second, true)]))))));
    const result = await runCli(['list'], { env: { KEYSMITH_HOME: dir, KEYSMITH_PASSPHRASE: VAULT_PASSPHRASE } });
    expect(result.code).toBe(1);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/integration 1 \("broken"\).*keysmith restore-backup/);
  });
});
