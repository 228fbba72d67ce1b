/**
 * The credential files Adobe hands out besides the Console JSON, from their documented structures
 * (adobe-ims.md "Files users already have"): PDF Services credentials (both forms), the Cloud
 * Manager plugin's config.json, Postman environments (Adobe's names and Keysmith's),
 * product-prefixed .env names, aio-lib-java's workspace.properties, `aio app use` .env contexts with
 * non-ASCII names and API key contexts, and a .env holding only API_KEY.
 */
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseImportFile } from '../../electron/core/interop/import/parse-import';
import { expectModelValid } from '../fixtures/import/fixtures';

const ORG = '1234567890ABCDEF12345678@AdobeOrg';
const TECH = 'ABCDEF0123456789AAAAAAAA@techacct.adobe.com';
const plan = async (text: string, fileName: string, baseDir?: string) => {
  const result = await parseImportFile(Buffer.from(text), { fileName, ...(baseDir !== undefined && { baseDir }) });
  expectModelValid(result, ['p8e-FAKE']);
  return result;
};

describe('PDF Services credentials', () => {
  it('reads pdfservices-api-credentials.json (client_credentials, service_principal_credentials) with the documented scopes', async () => {
    const text = JSON.stringify({
      client_credentials: { client_id: 'pdf0000000000000000000000000000a', client_secret: 'p8e-FAKEpdf0' },
      service_principal_credentials: { organization_id: ORG },
    });
    const result = await plan(text, 'pdfservices-api-credentials.json');
    expect(result.format).toBe('pdfServices');
    expect(result.candidates[0]?.fields).toMatchObject({
      kind: 'oauthS2S',
      name: 'pdfservices-api-credentials',
      clientId: 'pdf0000000000000000000000000000a',
      clientSecrets: ['p8e-FAKEpdf0'],
      orgId: ORG,
      scopes: ['openid', 'AdobeID', 'DCAPI'],
    });
    expect(result.candidates[0]?.warnings.join()).toMatch(/No scopes are given: the scopes Adobe documents/);
  });

  it('reads the older download with CLIENT_SECRET, ORG_ID and API_KEY at top level', async () => {
    const text = JSON.stringify({ CLIENT_SECRET: 'p8e-FAKEold0', ORG_ID: ORG, API_KEY: 'old0', TECHNICAL_ACCOUNT_ID: TECH, TECHNICAL_ACCOUNT_EMAIL: 'x@techacct.adobe.com', SCOPES: ['openid', 'DCAPI'] });
    const result = await plan(text, 'pdftools-api-credentials.json');
    expect(result.candidates[0]?.fields).toMatchObject({ kind: 'oauthS2S', clientId: 'old0', orgId: ORG, technicalAccountId: TECH, scopes: ['openid', 'DCAPI'] });
  });
});

describe('Cloud Manager plugin config.json', () => {
  it('is a bare context, imported as the plugin default context aio-cli-plugin-cloudmanager', async () => {
    const text = JSON.stringify({
      client_id: 'cm0',
      client_secrets: ['p8e-FAKEcm00'],
      technical_account_id: TECH,
      technical_account_email: 'cm@techacct.adobe.com',
      ims_org_id: ORG,
      scopes: ['openid', 'AdobeID', 'read_organizations', 'additional_info.projectedProductContext', 'read_pc.dma_aem_ams'],
    });
    const result = await plan(text, 'config.json');
    expect(result.format).toBe('aio');
    expect(result.candidates[0]?.fields).toMatchObject({ kind: 'oauthS2S', name: 'aio-cli-plugin-cloudmanager', clientId: 'cm0' });
  });
});

describe('Postman environments', () => {
  const env = (values: { key: string; value: string; type?: string; enabled?: boolean }[], name = 'Adobe I/O') =>
    JSON.stringify({ id: 'x', name, values: values.map((v) => ({ type: 'default', enabled: true, ...v })), _postman_variable_scope: 'environment' });

  it("reads Adobe's template names (API_KEY, CLIENT_SECRET, IMS, IMS_ORG, META_SCOPE, PRIVATE_KEY)", async () => {
    const pem = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    const result = await plan(
      env([
        { key: 'API_KEY', value: 'pm0' },
        { key: 'CLIENT_SECRET', value: 'p8e-FAKEpm00', type: 'secret' },
        { key: 'IMS', value: 'ims-na1-stg1.adobelogin.com' },
        { key: 'IMS_ORG', value: ORG },
        { key: 'TECHNICAL_ACCOUNT_ID', value: TECH },
        { key: 'META_SCOPE', value: 'ent_dataservices_sdk' },
        { key: 'PRIVATE_KEY', value: pem, type: 'secret' },
        { key: 'ACCESS_TOKEN', value: 'eyJ-not-a-credential' },
        { key: 'SANDBOX_NAME', value: 'prod', enabled: false },
      ]),
      'Adobe.postman_environment.json',
    );
    expect(result.format).toBe('postman');
    expect(result.candidates[0]?.fields).toMatchObject({
      kind: 'jwt',
      name: 'Adobe I/O',
      clientId: 'pm0',
      orgId: ORG,
      metascopes: ['ent_dataservices_sdk'],
      imsEndpoint: 'https://ims-na1-stg1.adobelogin.com',
    });
    expect(result.candidates[0]?.key?.privateKeyPem).toBe(pem);
  });

  it("reads Keysmith's own lower-case names", async () => {
    const result = await plan(
      env([
        { key: 'client_id', value: 's2s0' },
        { key: 'client_secret', value: 'p8e-FAKEs2s0', type: 'secret' },
        { key: 'scopes', value: 'openid,AdobeID' },
        { key: 'token_url', value: 'https://ims-na1.adobelogin.com/ims/token/v3' },
      ]),
      'x.json',
    );
    expect(result.candidates[0]?.fields).toMatchObject({ kind: 'oauthS2S', clientId: 's2s0', scopes: ['openid', 'AdobeID'] });
  });
});

describe('.env names from Adobe docs and samples', () => {
  it.each([
    ['FIREFLY_SERVICES_', 'FIREFLY_SERVICES_CLIENT_ID=ff0\nFIREFLY_SERVICES_CLIENT_SECRET=p8e-FAKEff00\n', { kind: 'oauthS2S', clientId: 'ff0', scopes: ['openid', 'AdobeID', 'session', 'additional_info', 'read_organizations', 'firefly_api', 'ff_apis'] }],
    ['PDF_SERVICES_', 'PDF_SERVICES_CLIENT_ID=pdf0\nPDF_SERVICES_CLIENT_SECRET=p8e-FAKEpdf0\n', { kind: 'oauthS2S', clientId: 'pdf0' }],
    ['IMS_ with IMS_ORG_ID', `IMS_CLIENT_ID=ims0\nIMS_CLIENT_SECRET=p8e-FAKEims0\nIMS_ORG_ID=${ORG}\nIMS_SCOPES=openid,AdobeID\n`, { kind: 'oauthS2S', clientId: 'ims0', orgId: ORG }],
    ['IMS_SERVICE_', `IMS_SERVICE_CLIENT_ID=svc0\nIMS_SERVICE_CLIENT_SECRET=p8e-FAKEsvc0\nIMS_SERVICE_SCOPES=openid\n`, { kind: 'oauthS2S', clientId: 'svc0' }],
    ['OAUTH_', `OAUTH_CLIENT_ID=oa0\nOAUTH_CLIENT_SECRET=p8e-FAKEoa00\nOAUTH_ORG_ID=${ORG}\nOAUTH_SCOPES=openid\n`, { kind: 'oauthS2S', clientId: 'oa0', orgId: ORG }],
  ])('%s', async (_, text, fields) => {
    const result = await plan(text, '.env', '/home/dev/my-app');
    expect(result.candidates).toHaveLength(1);
    expect(result.candidates[0]?.fields).toMatchObject({ ...fields, name: 'my-app' });
  });

  it('a .env holding only API_KEY is an API key credential', async () => {
    const result = await plan('API_KEY=stock-key-123\n', 'stock.env');
    expect(result.candidates[0]?.fields).toMatchObject({ kind: 'apiKey', clientId: 'stock-key-123', name: 'stock' });
  });

  it('aio app use contexts: a non-ASCII name, and an API key context of client_id alone', async () => {
    const text = [
      'AIO_ims_contexts_Zürich__prod_client__id=zh0',
      'AIO_ims_contexts_Zürich__prod_client__secrets=["p8e-FAKEzh00"]',
      `AIO_ims_contexts_Zürich__prod_technical__account__id=${TECH}`,
      'AIO_ims_contexts_Zürich__prod_scopes=["openid","AdobeID"]',
      'AIO_ims_contexts_4566206088344794__apikey_client__id=apikey0',
    ].join('\r\n');
    const result = await plan(`\ufeff${text}`, '.env');
    expect(result.candidates.map((c) => [c.fields.name, c.fields.kind])).toEqual([
      ['Zürich_prod', 'oauthS2S'],
      ['4566206088344794_apikey', 'apiKey'],
    ]);
  });

  it("aio-lib-java's workspace.properties, its key as base64 DER (aio_encoded_pkcs8)", async () => {
    const der = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'der' });
    const text = [
      '# aio-lib-java workspace',
      'aio_project_id=4566206088344794',
      `aio_ims_org_id=${ORG}`,
      'aio_client_id=java0',
      'aio_client_secret=p8e-FAKEjava',
      `aio_technical_account_id=${TECH}`,
      'aio_meta_scopes=ent_adobeio_sdk,ent_analytics_bulk_ingest_sdk',
      `aio_encoded_pkcs8=${der.toString('base64')}`,
    ].join('\n');
    const result = await plan(text, 'workspace.properties');
    expect(result.candidates[0]?.fields).toMatchObject({ kind: 'jwt', clientId: 'java0', orgId: ORG, metascopes: ['ent_adobeio_sdk', 'ent_analytics_bulk_ingest_sdk'] });
    expect(result.candidates[0]?.key?.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
  });
});
