/**
 * .env files: the dotenv syntax itself, and the variable names Adobe's samples use (Cloud Manager
 * tutorial, App Builder JWT tutorial, Commerce starter kits, aio's AIO_ims_contexts_* flattening),
 * with the private key as a multi-line quoted PEM, a one-line PEM with \n escapes, base64 of the PEM
 * and a file path.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseDotenv } from '../../electron/core/interop/import/dotenv-syntax';
import { parseImportFile } from '../../electron/core/interop/import/parse-import';
import { parsePrivateKey } from '../../electron/core/keys/private-key-import';
import { expectModelValid, fixtureText, makeKeys, refusal, secretsIn, type TestKeys } from '../fixtures/import/fixtures';

const ORG = '1A2B3C4D5E6F7A8B9C0D1E2F@AdobeOrg';
const PROJECT_DIR = path.resolve('/srv/project');
let keys: TestKeys;

beforeAll(async () => {
  keys = await makeKeys();
});

async function readFile(file: string): Promise<string> {
  if (file === path.join(PROJECT_DIR, 'keys', 'private.key')) return keys.pkcs8;
  throw Object.assign(new Error('no such file'), { code: 'ENOENT' });
}

function envText(name: string): string {
  return fixtureText(name, {
    __PRIVATE_KEY__: keys.pkcs8.trim(),
    __PRIVATE_KEY_ESCAPED__: keys.pkcs8.trim().replace(/\n/g, '\\n'),
    __PRIVATE_KEY_BASE64__: Buffer.from(keys.pkcs8).toString('base64'),
  });
}

async function plan(name: string) {
  const text = envText(name);
  const result = await parseImportFile(Buffer.from(text), { fileName: name, baseDir: PROJECT_DIR, readFile });
  expectModelValid(result, secretsIn(text, keys.pkcs8, Buffer.from(keys.pkcs8).toString('base64')));
  return result;
}

describe('dotenv syntax', () => {
  it('reads comments, export, quotes, escapes, multi-line values and inline comments as dotenv does', () => {
    const text = [
      '# a comment',
      'export A=plain value   # trailing comment',
      "B='single # not a comment \\n stays'",
      'C="double\\nwith \\"escapes\\" and \\\\ and \\t tab"',
      'D="first line',
      'second line"',
      "E='multi",
      "line'",
      'F=`back tick`',
      '  G = spaced  ',
      'H=hash#inside',
      'I=',
      'J=#only a comment',
      'K="closed" # comment after quotes',
      'L.dotted-name=ok',
    ].join('\r\n');
    const { entries, otherLines } = parseDotenv(text, 'The file');
    expect(Object.fromEntries(entries.map((e) => [e.key, e.value]))).toEqual({
      A: 'plain value',
      B: 'single # not a comment \\n stays',
      C: 'double\nwith "escapes" and \\ and \t tab',
      D: 'first line\nsecond line',
      E: 'multi\nline',
      F: 'back tick',
      G: 'spaced',
      H: 'hash#inside',
      I: '',
      J: '',
      K: 'closed',
      'L.dotted-name': 'ok',
    });
    expect(entries.map((e) => e.line)).toEqual([2, 3, 4, 5, 7, 9, 10, 11, 12, 13, 14, 15]);
    expect(otherLines).toEqual([]);
  });

  it('reports lines that are not assignments by number, and refuses an unclosed quote by line and name', () => {
    expect(parseDotenv('A=1\nthis is prose\nB=2\n-----BEGIN\n', 'x').otherLines).toEqual([2, 4]);
    expect(() => parseDotenv('A=1\nSECRET="p8e-FAKEopen\nB=2\n', '"x.env"')).toThrow('"x.env", line 2: the quoted value of SECRET is never closed');
  });
});

describe('.env credentials', () => {
  it('reads a Service Account (JWT) with a multi-line quoted PEM (Cloud Manager tutorial names)', async () => {
    const result = await plan('cloudmanager-jwt.env');
    expect(result).toEqual({
      format: 'env',
      warnings: [],
      candidates: [
        {
          source: 'variables in "cloudmanager-jwt.env"',
          fields: {
            kind: 'jwt',
            name: 'cloudmanager-jwt',
            description:
              'Imported from "cloudmanager-jwt.env" (CLIENT_ID, CLIENT_SECRET, ORGANIZATION_ID, TECHNICAL_ACCOUNT_ID, TECHNICAL_ACCOUNT_EMAIL, META_SCOPES, PRIVATE_KEY).',
            clientId: '7e9a1c3d5f6b8c0d2e4f6a8b0c2d4e6f',
            clientSecrets: ['p8e-FAKEcmJwt777777777777777777777777'],
            orgId: ORG,
            technicalAccountId: '3B4C5D6E7F8091A2B3C4D5E6@techacct.adobe.com',
            technicalAccountEmail: '4e5f6a7b-8c9d-4e0f-9a1b-3c4d5e6f7a8b@techacct.adobe.com',
            metascopes: ['ent_cloudmgr_sdk'],
          },
          key: { privateKeyPem: keys.pkcs8 },
          warnings: [],
        },
      ],
    });
  });

  it('reads the App Builder tutorial form: JWT_ names, claim-URL metascopes and a PEM with \\n escapes', async () => {
    const result = await plan('app-builder-jwt.env');
    expect(result.candidates).toEqual([
      {
        source: 'JWT_* variables in "app-builder-jwt.env"',
        fields: {
          kind: 'jwt',
          name: 'app-builder-jwt',
          description:
            'Imported from "app-builder-jwt.env" (JWT_CLIENT_ID, JWT_CLIENT_SECRET, JWT_TECHNICAL_ACCOUNT_ID, JWT_IMS_ORG, JWT_METASCOPES, JWT_PRIVATE_KEY).',
          clientId: '58b23182d80a40fea8b12bc236d71167',
          clientSecrets: ['p8e-FAKEappBuilder8888888888888888888'],
          orgId: '7ABB3E6A5A7491460A495D61@AdobeOrg',
          technicalAccountId: '1F072B8A63C6E0230A495EE1@techacct.adobe.com',
          metascopes: ['ent_analytics_bulk_ingest_sdk', 'event_receiver_api'],
          // The host of the claim URLs names the IMS.
          imsEndpoint: 'https://ims-na1.adobelogin.com',
        },
        key: { privateKeyPem: keys.pkcs8 },
        warnings: [],
      },
    ]);
    expect(() => parsePrivateKey(result.candidates[0]!.key!.privateKeyPem)).not.toThrow();
  });

  it('decodes a base64 PEM (the tutorial\'s one-line form) and takes stage from the claim URLs', async () => {
    const result = await plan('app-builder-base64.env');
    expect(result.candidates[0]!.key).toEqual({ privateKeyPem: keys.pkcs8 });
    expect(result.candidates[0]!.fields).toMatchObject({ metascopes: ['ent_analytics_bulk_ingest_sdk'], imsEndpoint: 'https://ims-na1-stg1.adobelogin.com' });
  });

  it('reads OAuth Server-to-Server with comma-separated SCOPES and a bare IMS host', async () => {
    const result = await plan('cloudmanager-s2s.env');
    expect(result.candidates).toEqual([
      {
        source: 'variables in "cloudmanager-s2s.env"',
        fields: {
          kind: 'oauthS2S',
          name: 'cloudmanager-s2s',
          description: 'Imported from "cloudmanager-s2s.env" (CLIENT_ID, CLIENT_SECRET, ORGANIZATION_ID, SCOPES, IMS).',
          clientId: '8f0b2d4e6a7c9d1e3f5a7b9c1d3e5f7a',
          clientSecrets: ['p8e-FAKEcmS2s9999999999999999999999999'],
          orgId: ORG,
          scopes: ['openid', 'AdobeID', 'read_organizations', 'additional_info.projectedProductContext', 'read_pc.dma_aem_ams'],
          imsEndpoint: 'https://ims-na1-stg1.adobelogin.com',
        },
        warnings: [],
      },
    ]);
  });

  it('reads the key a PRIVATE_KEY_PATH names, relative to baseDir, and says when it cannot', async () => {
    const result = await plan('key-path.env');
    expect(result.candidates[0]).toMatchObject({
      fields: { kind: 'jwt', orgId: ORG, metascopes: ['ent_user_sdk'], imsEndpoint: 'https://ims-na1.adobelogin.com' },
      key: { privateKeyPem: keys.pkcs8 },
      warnings: [],
    });
    const blind = await parseImportFile(Buffer.from(envText('key-path.env')), { fileName: 'key-path.env' });
    expect(blind.candidates[0]!.key).toBeUndefined();
    expect(blind.candidates[0]!.warnings).toEqual([
      'PRIVATE_KEY_PATH names the key file ./keys/private.key, which this import cannot read: add the key to the integration separately',
    ]);
  });

  it("rebuilds aio's AIO_ims_contexts_* variables into a context and imports a copied credential once", async () => {
    const result = await plan('aio-app.env');
    expect(result.candidates).toEqual([
      {
        source: 'AIO_ims_contexts_Project_1689483174495K_* variables in "aio-app.env"',
        fields: {
          kind: 'oauthS2S',
          name: 'Project_1689483174495K',
          description: 'Imported from aio CLI context "Project_1689483174495K" in "aio-app.env" (AIO_ims_contexts_* variables).',
          clientId: '0b2d4f6a8c9e1f3a5b7c9d1e3f5a7b9c',
          clientSecrets: ['p8e-FAKEaioEnv11111111111111111111111'],
          orgId: ORG,
          technicalAccountId: '5D6E7F8091A2B3C4D5E6F708@techacct.adobe.com',
          technicalAccountEmail: '5f6a7b8c-9d0e-4f1a-8b2c-4d5e6f7a8b9c@techacct.adobe.com',
          scopes: [
            'AdobeID',
            'openid',
            'read_organizations',
            'additional_info.projectedProductContext',
            'additional_info.roles',
            'adobeio_api',
            'read_client_secret',
            'manage_client_secrets',
            'event_receiver_api',
          ],
        },
        warnings: [],
      },
    ]);
    expect(result.warnings).toEqual([
      'Skipped AIO_ims_contexts_CLI_* variables in "aio-app.env": it is the aio CLI\'s own user login (aio login), not an integration',
      'Skipped OAUTH_* variables in "aio-app.env": the same OAuth Server-to-Server credential (same client id) as AIO_ims_contexts_Project_1689483174495K_* variables in "aio-app.env"',
    ]);
  });

  it('makes an API key of a lone CLIENT_ID, named "Imported .env" when the file has no name', async () => {
    const result = await parseImportFile(Buffer.from(envText('api-key.env')));
    expectModelValid(result, []);
    expect(result.candidates).toEqual([
      {
        source: 'variables in the .env file',
        fields: { kind: 'apiKey', name: 'Imported .env', description: 'Imported from a .env file (CLIENT_ID).', clientId: '1c3e5a7b9d0f2a4b6c8d0e2f4a6b8c0d' },
        warnings: [],
      },
    ]);
  });

  it('makes one candidate per prefix, and warns about repeated and unreadable lines', async () => {
    const text = [
      'JWT_CLIENT_ID=aaa',
      'JWT_CLIENT_SECRET=p8e-FAKEprefixJwt',
      'JWT_IMS_ORG=' + ORG,
      'JWT_TECHNICAL_ACCOUNT_ID=A1@techacct.adobe.com',
      'JWT_METASCOPES=ent_cloudmgr_sdk',
      'OAUTH_CLIENT_ID=bbb',
      'OAUTH_CLIENT_SECRETS=p8e-FAKEprefixOne,p8e-FAKEprefixTwo',
      'OAUTH_SCOPES=openid AdobeID',
      'OAUTH_SCOPES=openid AdobeID read_organizations',
      'not an assignment',
    ].join('\n');
    const result = await parseImportFile(Buffer.from(text), { fileName: 'both.env' });
    expectModelValid(result, secretsIn(text));
    expect(result.candidates.map((c) => [c.fields.name, c.fields.kind, c.fields.clientSecrets, c.fields.scopes ?? c.fields.metascopes])).toEqual([
      ['both JWT', 'jwt', ['p8e-FAKEprefixJwt'], ['ent_cloudmgr_sdk']],
      ['both OAUTH', 'oauthS2S', ['p8e-FAKEprefixOne', 'p8e-FAKEprefixTwo'], ['openid', 'AdobeID', 'read_organizations']],
    ]);
    expect(result.candidates[0]!.warnings).toEqual(['There is no JWT_PRIVATE_KEY or JWT_PRIVATE_KEY_PATH: add the key before minting tokens']);
    expect(result.warnings).toEqual([
      'Line 10 of "both.env" is not a KEY=VALUE assignment and was ignored',
      'OAUTH_SCOPES is set on lines 8 and 9; the value on line 9 is used',
    ]);
  });

  it('refuses a .env with no Adobe credential variables, naming what it looks for', async () => {
    const message = await refusal(parseImportFile(Buffer.from(envText('unrelated.env')), { fileName: 'unrelated.env' }), ['FAKEdbPassword']);
    expect(message).toBe(
      "Nothing to import from \"unrelated.env\": it sets no Adobe credential variables (CLIENT_ID with CLIENT_SECRET and SCOPES, or META_SCOPES and PRIVATE_KEY; or aio's AIO_ims_contexts_<name>_client__id)",
    );
  });

  it('refuses an unclosed quote by line and variable, without the value', async () => {
    const message = await refusal(parseImportFile(Buffer.from(envText('unclosed-quote.env')), { fileName: 'unclosed-quote.env' }), secretsIn(envText('unclosed-quote.env')));
    expect(message).toBe('"unclosed-quote.env", line 2: the quoted value of CLIENT_SECRET is never closed');
  });

  it("reads Keysmith's own TOKEN_URL: an IMS one names the host, any other makes a generic OAuth 2.0 client", async () => {
    const stage = await parseImportFile(
      Buffer.from("CLIENT_ID='abc'\nCLIENT_SECRET='p8e-FAKEstage'\nSCOPES='openid,AdobeID'\nTOKEN_URL='https://ims-na1-stg1.adobelogin.com/ims/token/v3'\n"),
    );
    expect(stage.candidates[0]!.fields).toMatchObject({ kind: 'oauthS2S', imsEndpoint: 'https://ims-na1-stg1.adobelogin.com' });
    const text = [
      'CLIENT_ID=svc-reports',
      'CLIENT_SECRET=p8e-FAKEgeneric',
      'TOKEN_URL=https://login.example.com/oauth2/token',
      'AUTH_METHOD=client_secret_post',
      'SCOPES="reports.read reports.write"',
      'AUDIENCE=https://api.example.com',
    ].join('\n');
    const generic = await parseImportFile(Buffer.from(text), { fileName: 'reports.env' });
    expectModelValid(generic, ['p8e-FAKEgeneric']);
    expect(generic.candidates).toEqual([
      {
        source: 'variables in "reports.env"',
        fields: {
          kind: 'oauth2',
          name: 'reports',
          description: 'Imported from "reports.env" (CLIENT_ID, CLIENT_SECRET, TOKEN_URL, AUTH_METHOD, SCOPES, AUDIENCE).',
          clientId: 'svc-reports',
          clientSecrets: ['p8e-FAKEgeneric'],
          tokenUrl: 'https://login.example.com/oauth2/token',
          authMethod: 'client_secret_post',
          scopes: ['reports.read', 'reports.write'],
          audience: 'https://api.example.com',
        },
        warnings: [],
      },
    ]);
  });

  it('fills what one copy of a credential lacks from the other (an aio context cannot name a custom IMS host)', async () => {
    const text = [
      "CLIENT_ID='abc'",
      "CLIENT_SECRET='p8e-FAKEcopies'",
      "SCOPES='openid'",
      "TOKEN_URL='http://127.0.0.1:4567/ims/token/v3'",
      "AIO_IMS_CONTEXTS_LOCAL_CLIENT__ID='abc'",
      'AIO_IMS_CONTEXTS_LOCAL_CLIENT__SECRETS=\'["p8e-FAKEcopies"]\'',
      'AIO_IMS_CONTEXTS_LOCAL_SCOPES=\'["openid"]\'',
    ].join('\n');
    const result = await parseImportFile(Buffer.from(text), { fileName: 'local.env' });
    expectModelValid(result, ['p8e-FAKEcopies']);
    expect(result.candidates.map((c) => c.fields)).toEqual([
      {
        kind: 'oauthS2S',
        name: 'LOCAL',
        description: 'Imported from aio CLI context "LOCAL" in "local.env" (AIO_ims_contexts_* variables).',
        clientId: 'abc',
        clientSecrets: ['p8e-FAKEcopies'],
        scopes: ['openid'],
        imsEndpoint: 'http://127.0.0.1:4567',
      },
    ]);
    expect(result.warnings).toEqual([
      'Skipped variables in "local.env": the same OAuth Server-to-Server credential (same client id) as AIO_ims_contexts_LOCAL_* variables in "local.env"',
    ]);
  });

  it('prefers CLIENT_ID over API_KEY and says so when they differ', async () => {
    const result = await parseImportFile(Buffer.from('API_KEY=old\nCLIENT_ID=new\nCLIENT_SECRET=p8e-FAKEboth\nSCOPES=openid\n'));
    expect(result.candidates[0]!.fields.clientId).toBe('new');
    expect(result.warnings).toEqual(['CLIENT_ID and API_KEY both give the client id, with different values; CLIENT_ID is used']);
  });

  it('never repeats a password written into an endpoint URL', async () => {
    const text = 'CLIENT_ID=abc\nCLIENT_SECRET=p8e-FAKEurl\nSCOPES=openid\nIMS_ENDPOINT=https://admin:p8e-FAKEinUrl@ims.example.com/path\n';
    const message = await refusal(parseImportFile(Buffer.from(text)), ['p8e-FAKEurl', 'p8e-FAKEinUrl', 'admin:']);
    expect(message).toMatch(/^Nothing to import from the file: variables in the \.env file: IMS endpoint "https:\/\/…@ims\.example\.com\/path" /);
  });

  it('refuses a secret without a client id, and a secret without scopes, as explicitly', async () => {
    const noId = await refusal(parseImportFile(Buffer.from('CLIENT_SECRET=p8e-FAKEnoId\nSCOPES=openid\n')), ['p8e-FAKEnoId']);
    expect(noId).toBe('Nothing to import from the file: variables in the .env file: it sets CLIENT_SECRET, SCOPES but no CLIENT_ID');
    const noScopes = await refusal(parseImportFile(Buffer.from('CLIENT_ID=abc\nCLIENT_SECRET=p8e-FAKEnoScopes\n')), ['p8e-FAKEnoScopes']);
    expect(noScopes).toBe('Nothing to import from the file: variables in the .env file: OAuth Server-to-Server integrations need scopes (e.g. openid,AdobeID,read_organizations)');
  });
});
