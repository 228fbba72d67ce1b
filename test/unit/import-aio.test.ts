/**
 * aio CLI config: IMS contexts with the private key as an array of lines, a file path and a PEM
 * string (encrypted, with its passphrase), an OAuth Server-to-Server context on stage, the older
 * `$ims` layout, and the contexts that are not integrations.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseImportFile } from '../../electron/core/interop/import/parse-import';
import { parsePrivateKey } from '../../electron/core/keys/private-key-import';
import { PASSPHRASE, expectModelValid, fixtureBytes, fixtureText, jsonEscaped, makeKeys, refusal, secretsIn, type TestKeys } from '../fixtures/import/fixtures';

const ORG = '1A2B3C4D5E6F7A8B9C0D1E2F@AdobeOrg';
const CONFIG_DIR = path.resolve('/home/dev/.config');
let keys: TestKeys;
let reads: string[];

beforeAll(async () => {
  keys = await makeKeys();
});

/** Stands in for the file system: only <CONFIG_DIR>/keys/private.key exists. */
async function readFile(file: string): Promise<string> {
  reads.push(file);
  if (file === path.join(CONFIG_DIR, 'keys', 'private.key')) return keys.pkcs8;
  throw Object.assign(new Error(`ENOENT: ${file}`), { code: 'ENOENT' });
}

function configText(): string {
  return fixtureText('aio-config.json', {
    '"__PRIVATE_KEY_LINES__"': JSON.stringify(keys.pkcs8.trim().split('\n')),
    __ENCRYPTED_PRIVATE_KEY__: jsonEscaped(keys.encrypted),
  });
}

describe('aio CLI config', () => {
  it('imports each integration context, finding its private key in every form aio accepts', async () => {
    reads = [];
    const text = configText();
    const plan = await parseImportFile(Buffer.from(text), { fileName: 'aio', baseDir: CONFIG_DIR, readFile });
    expectModelValid(plan, secretsIn(text, keys.pkcs8, keys.encrypted));
    const description = (name: string) => `Imported from aio CLI context "${name}" in "aio".`;
    expect(plan).toEqual({
      format: 'aio',
      candidates: [
        {
          source: 'aio context "prod-jwt-lines"',
          fields: {
            kind: 'jwt',
            name: 'prod-jwt-lines',
            description: description('prod-jwt-lines'),
            clientId: '1e3a5c7d9f0b2c4d6e8f0a2b4c6d8e0f',
            clientSecrets: ['p8e-FAKEaioLines000000000000000000000'],
            orgId: ORG,
            technicalAccountId: '8C9D0E1F2A3B4C5D6E7F8091@techacct.adobe.com',
            technicalAccountEmail: '2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f@techacct.adobe.com',
            metascopes: ['ent_dataservices_sdk'],
          },
          // An array of lines, joined as aio-lib-ims-jwt joins them.
          key: { privateKeyPem: keys.pkcs8 },
          warnings: [],
        },
        {
          source: 'aio context "prod-jwt-file"',
          fields: {
            kind: 'jwt',
            name: 'prod-jwt-file',
            description: description('prod-jwt-file'),
            clientId: '2f4b6d8e0a1c3d5e7f9a1b3c5d7e9f1a',
            clientSecrets: ['p8e-FAKEaioFile1111111111111111111111'],
            orgId: ORG,
            technicalAccountId: '9D0E1F2A3B4C5D6E7F8091A2@techacct.adobe.com',
            // A JSON array written as a string, as `aio config:set` leaves it.
            metascopes: ['ent_cloudmgr_sdk'],
          },
          // A relative path, read through opts.readFile from baseDir.
          key: { privateKeyPem: keys.pkcs8 },
          warnings: [],
        },
        {
          source: 'aio context "prod-jwt-pem"',
          fields: {
            kind: 'jwt',
            name: 'prod-jwt-pem',
            description: description('prod-jwt-pem'),
            clientId: '3a5c7e9f1b2d4e6f8a0b2c4d6e8f0a2b',
            clientSecrets: ['p8e-FAKEaioPem22222222222222222222222'],
            orgId: ORG,
            technicalAccountId: '0E1F2A3B4C5D6E7F8091A2B3@techacct.adobe.com',
            metascopes: ['ent_user_sdk'],
          },
          key: { privateKeyPem: keys.encrypted, passphrase: PASSPHRASE },
          warnings: [],
        },
        {
          source: 'aio context "stage-s2s"',
          fields: {
            kind: 'oauthS2S',
            name: 'stage-s2s',
            description: description('stage-s2s'),
            clientId: '4b6d8f0a2c3e5f7a9b1c3d5e7f9a1b3c',
            clientSecrets: ['p8e-FAKEaioS2s3333333333333333333333', 'p8e-FAKEaioS2sNext444444444444444444'],
            orgId: ORG,
            technicalAccountId: '1F2A3B4C5D6E7F8091A2B3C4@techacct.adobe.com',
            technicalAccountEmail: '3d4e5f6a-7b8c-4d9e-8f0a-2b3c4d5e6f7a@techacct.adobe.com',
            scopes: ['openid', 'AdobeID', 'read_organizations'],
            // env: "stage" is aio's switch to the stage IMS.
            imsEndpoint: 'https://ims-na1-stg1.adobelogin.com',
          },
          warnings: [],
        },
      ],
      warnings: [
        'Skipped aio context "cli": it is the aio CLI\'s own user login (aio login), not an integration',
        'Skipped aio context "webapp": it is a 3-legged OAuth (user login) context with a redirect_uri; Keysmith mints tokens without a person signing in',
      ],
    });
    expect(reads).toEqual([path.join(CONFIG_DIR, 'keys', 'private.key')]);
    // Each key found is one the key importer accepts.
    expect(() => parsePrivateKey(plan.candidates[0]!.key!.privateKeyPem)).not.toThrow();
    expect(() => parsePrivateKey(plan.candidates[2]!.key!.privateKeyPem, PASSPHRASE)).not.toThrow();
  });

  it('says so, without failing, when a key file cannot be read or none can be', async () => {
    reads = [];
    const plan = await parseImportFile(fixtureBytes('aio-legacy.json'), { fileName: '.aio', baseDir: CONFIG_DIR, readFile });
    expect(plan.candidates[0]!.key).toBeUndefined();
    expect(plan.candidates[0]!.warnings).toEqual([
      'aio context "old-jwt" private_key names the key file keys/missing.key, but it does not exist: add the key to the integration separately',
    ]);
    const blind = await parseImportFile(fixtureBytes('aio-legacy.json'));
    expect(blind.candidates[0]!.warnings).toEqual([
      'aio context "old-jwt" private_key names the key file keys/missing.key, which this import cannot read: add the key to the integration separately',
    ]);
  });

  it('reads the older $ims layout, skipping $-keys and taking techacct as the technical account id', async () => {
    const plan = await parseImportFile(fixtureBytes('aio-legacy.json'), { fileName: '.aio' });
    expectModelValid(plan, secretsIn(fixtureText('aio-legacy.json')));
    expect(plan.candidates.map((c) => c.fields)).toEqual([
      {
        kind: 'jwt',
        name: 'old-jwt',
        description: 'Imported from aio CLI context "old-jwt" in ".aio".',
        clientId: '6d8f0b2c4e5a7b9c1d3e5f7a9b1c3d5e',
        clientSecrets: ['p8e-FAKEaioLegacy666666666666666666666'],
        orgId: ORG,
        technicalAccountId: '2A3B4C5D6E7F8091A2B3C4D5@techacct.adobe.com',
        metascopes: ['ent_adobeio_sdk'],
      },
    ]);
    expect(plan.warnings).toEqual([]);
  });

  it('never echoes a key that is neither PEM, base64 of PEM, nor a path', async () => {
    const garbage = 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj';
    const config = { ims: { contexts: { x: { client_id: 'abc', client_secret: 'p8e-FAKEx000', technical_account_id: 'A1@techacct.adobe.com', ims_org_id: ORG, meta_scopes: ['m'], private_key: garbage } } } };
    const plan = await parseImportFile(Buffer.from(JSON.stringify(config)));
    expect(plan.candidates[0]!.warnings).toEqual([
      'aio context "x" private_key is neither PEM text (-----BEGIN …-----), base64 of it, nor a file path: the key was not imported',
    ]);
    expect(JSON.stringify(plan.warnings) + JSON.stringify(plan.candidates[0]!.warnings)).not.toContain(garbage.slice(0, 16));
  });

  it('refuses a config holding only user logins, with the reason for each', async () => {
    const config = { ims: { contexts: { cli: { access_token: { token: 'eyJ.FAKE.FAKE', expiry: 1 } }, mine: { scope: 'openid' } } } };
    const message = await refusal(parseImportFile(Buffer.from(JSON.stringify(config)), { fileName: 'aio' }), ['eyJ.FAKE.FAKE']);
    expect(message).toBe(
      'Nothing to import from "aio": aio context "cli": it is the aio CLI\'s own user login (aio login), not an integration; aio context "mine": it has no client_id: it looks like a user login, not an integration',
    );
  });

  it('refuses a config without IMS contexts', async () => {
    const message = await refusal(parseImportFile(Buffer.from('{"ims":{"contexts":{"$current":"x"}}}')));
    expect(message).toBe('Nothing to import from the file: its ims.contexts holds no IMS contexts');
  });

  it('refuses a context with a client id but no way to mint a token', async () => {
    const config = { ims: { contexts: { half: { client_id: 'abc', client_secret: 'p8e-FAKEhalf0' } } } };
    const message = await refusal(parseImportFile(Buffer.from(JSON.stringify(config))), ['p8e-FAKEhalf0']);
    expect(message).toBe(
      'Nothing to import from the file: aio context "half": it has a client_id but neither meta_scopes (Service Account JWT) nor scopes (OAuth Server-to-Server)',
    );
  });
});
