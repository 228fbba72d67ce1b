/**
 * AEM as a Cloud Service service credentials: the JWT form with its key and certificate inside, and
 * the newer OAuth Server-to-Server form. Keys and certificates are made for each run.
 */
import { X509Certificate, createPublicKey } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { validateFields } from '../../electron/core/integration-store';
import { parseImportFile } from '../../electron/core/interop/import/parse-import';
import { createSelfSignedCertificate } from '../../electron/core/keys/certificate';
import { assertKeyMatchesCertificate, parsePrivateKey } from '../../electron/core/keys/private-key-import';
import { expectModelValid, fixtureBytes, fixtureText, jsonEscaped, makeKeys, refusal, secretsIn, type TestKeys } from '../fixtures/import/fixtures';

const ORG = '1A2B3C4D5E6F7A8B9C0D1E2F@AdobeOrg';
const crlf = (pem: string) => pem.replace(/\r?\n/g, '\r\n');
let keys: TestKeys;

beforeAll(async () => {
  keys = await makeKeys();
});

/** The parts of the download the tests change. */
interface AemJson {
  ok: boolean;
  integration: { metascopes?: string; technicalAccount: { clientId?: string } };
}

/** The AEM download with this key and certificate, written with CRLF line ends as AEM does. */
function aemFile(certificate = keys.certificate, edit?: (json: AemJson) => void): { bytes: Buffer; text: string } {
  let text = fixtureText('aem-service-credentials.json', { __PRIVATE_KEY__: jsonEscaped(crlf(keys.pkcs1)), __CERTIFICATE__: jsonEscaped(crlf(certificate)) });
  if (edit) {
    const json = JSON.parse(text) as AemJson;
    edit(json);
    text = JSON.stringify(json, null, 2);
  }
  return { bytes: Buffer.from(text), text };
}

describe('AEM service credentials', () => {
  it('makes one Service Account (JWT) candidate carrying the private key and its certificate', async () => {
    const { bytes, text } = aemFile();
    const plan = await parseImportFile(bytes, { fileName: 'aem-prod.json' });
    expectModelValid(plan, secretsIn(text));
    const expiry = new Date(new X509Certificate(keys.certificate).validTo).toISOString().slice(0, 10);
    expect(plan).toEqual({
      format: 'aem',
      warnings: [],
      candidates: [
        {
          source: 'AEM service credentials "cm-p123456-e1234567-integration-0"',
          fields: {
            kind: 'jwt',
            name: 'AEM cm-p123456-e1234567-integration-0',
            description: 'AEM as a Cloud Service Service Account (JWT) service credentials for program 123456, environment 1234567. Imported from "aem-prod.json".',
            clientId: 'cm-p123456-e1234567-integration-0',
            clientSecrets: ['p8e-FAKEaemSecret0000000000000000000'],
            orgId: ORG,
            technicalAccountId: '6A7B8C9D0E1F2A3B4C5D6E7F@techacct.adobe.com',
            technicalAccountEmail: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d@techacct.adobe.com',
            // A comma-separated string in the file.
            metascopes: ['ent_aem_cloud_api', 'ent_cloudmgr_sdk'],
            // A bare host in the file.
            imsEndpoint: 'https://ims-na1.adobelogin.com',
          },
          key: { privateKeyPem: crlf(keys.pkcs1), certificatePem: crlf(keys.certificate) },
          warnings: [`The AEM certificate expires on ${expiry} (AEM service credentials last a year): generate new ones in the AEM Developer Console before then`],
        },
      ],
    });
    // The key importer reads what the parser found, and the pair belongs together.
    const key = plan.candidates[0]!.key!;
    const parsed = parsePrivateKey(key.privateKeyPem);
    expect(() => assertKeyMatchesCertificate(parsed.privateKeyPem, key.certificatePem!)).not.toThrow();
  });

  it('says when the certificate has already expired', async () => {
    const lastYear = new Date(Date.now() - 400 * 86_400_000);
    const old = await createSelfSignedCertificate({ privateKeyPem: keys.pkcs8, subject: { CN: 'old' }, days: 365, now: lastYear });
    const plan = await parseImportFile(aemFile(old).bytes);
    const day = new Date(new X509Certificate(old).validTo).toISOString().slice(0, 10);
    expect(plan.candidates[0]!.warnings).toEqual([`The AEM certificate expired on ${day}: generate new service credentials in the AEM Developer Console`]);
  });

  it('leaves out a publicKey that is not a certificate, and keeps the private key', async () => {
    const publicKey = createPublicKey(keys.pkcs8).export({ type: 'spki', format: 'pem' }) as string;
    const plan = await parseImportFile(aemFile(publicKey).bytes);
    const candidate = plan.candidates[0]!;
    expect(candidate.key).toEqual({ privateKeyPem: crlf(keys.pkcs1) });
    expect(candidate.warnings).toEqual(['integration.publicKey is not a PEM certificate (-----BEGIN CERTIFICATE-----), so it was left out; the private key was kept']);
  });

  it('imports the OAuth Server-to-Server form of AEM technical accounts', async () => {
    const plan = await parseImportFile(fixtureBytes('aem-oauth-s2s.json'));
    expectModelValid(plan, secretsIn(fixtureText('aem-oauth-s2s.json')));
    expect(plan.candidates).toEqual([
      {
        source: 'AEM service credentials "cm-p123456-e7654321-integration-1"',
        fields: {
          kind: 'oauthS2S',
          name: 'AEM cm-p123456-e7654321-integration-1',
          description: 'AEM as a Cloud Service OAuth Server-to-Server service credentials for program 123456, environment 7654321. Imported from the AEM Developer Console download.',
          clientId: 'cm-p123456-e7654321-integration-1',
          clientSecrets: ['p8e-FAKEaemS2s11111111111111111111111'],
          orgId: ORG,
          technicalAccountId: '7B8C9D0E1F2A3B4C5D6E7F80@techacct.adobe.com',
          technicalAccountEmail: '1b2c3d4e-5f6a-4b7c-9d8e-0f1a2b3c4d5e@techacct.adobe.com',
          scopes: ['read_pc.dma_aem_ams', 'openid', 'AdobeID', 'read_organizations', 'additional_info.projectedProductContext'],
          imsEndpoint: 'https://ims-na1.adobelogin.com',
        },
        warnings: [],
      },
    ]);
    expect(validateFields(plan.candidates[0]!.fields)).toMatchObject({ kind: 'oauthS2S', imsEndpoint: 'https://ims-na1.adobelogin.com' });
  });

  it('warns when the download says "ok": false', async () => {
    const { bytes } = aemFile(keys.certificate, (json) => (json.ok = false));
    const plan = await parseImportFile(bytes);
    expect(plan.warnings).toEqual(['The file says "ok": false; it may be an error response from the AEM Developer Console rather than credentials']);
  });

  it('refuses credentials without a client id, saying which key is missing', async () => {
    const { bytes, text } = aemFile(keys.certificate, (json) => delete json.integration.technicalAccount.clientId);
    const message = await refusal(parseImportFile(bytes, { fileName: 'aem.json' }), secretsIn(text));
    expect(message).toBe('Nothing to import from "aem.json": AEM service credentials: it has no integration.technicalAccount.clientId');
  });

  it('refuses credentials without metascopes, as the model words it, and repeats no key material', async () => {
    const { bytes, text } = aemFile(keys.certificate, (json) => delete json.integration.metascopes);
    const message = await refusal(parseImportFile(bytes), secretsIn(text, keys.pkcs1, keys.certificate));
    expect(message).toBe(
      'Nothing to import from the file: AEM service credentials "cm-p123456-e1234567-integration-0": Service Account (JWT) integrations need metascopes (e.g. ent_cloudmgr_sdk)',
    );
  });
});
