/**
 * Every exporter against its importer, for generated integrations of every kind the format holds:
 * export (with secrets) then import gives the same integration, key included; or the export refuses
 * with a one-line invalid_input (a value .env cannot quote, a context aio would refuse). Names are
 * compared where the format keeps them (Postman); aio and .env name by context and file.
 */
import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { isKeysmithError } from '../../electron/core/errors';
import { validateFields } from '../../electron/core/integration-store';
import { exportIntegration, type ExportFormat } from '../../electron/core/interop/export/export-integration';
import { parseImportFile } from '../../electron/core/interop/import/parse-import';
import { createSelfSignedCertificate } from '../../electron/core/keys/certificate';
import { IntegrationFieldsSchema, type Integration, type IntegrationFieldsInput } from '../../electron/shared/integration';
import type { StoredKeyPair } from '../../electron/shared/stored-keypair';

const META = { id: '0f8e3c52-6a1d-4c3b-9b7e-2d5f4a1c9e80', createdAt: '2025-01-02T03:04:05.000Z', updatedAt: '2025-01-02T03:04:05.000Z' };
let key: StoredKeyPair;

beforeAll(async () => {
  const privateKeyPem = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  const certificatePem = await createSelfSignedCertificate({ privateKeyPem, subject: { CN: 'round trip' }, days: 365 });
  const fingerprintSha256 = new X509Certificate(certificatePem).fingerprint256;
  key = { id: META.id, fingerprintSha256, privateKeyPem, certificatePem, bits: 2048, origin: 'generated', active: true, addedAt: META.createdAt };
}, 60_000);

const chars = (alphabet: string, min: number, max: number) => fc.string({ unit: fc.constantFrom(...alphabet), minLength: min, maxLength: max });
const ALNUM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
// Printable ASCII without space: every character a client id or secret may hold, quotes and $ included.
const PRINTABLE = Array.from({ length: 94 }, (_, i) => String.fromCharCode(33 + i)).join('');
const clientId = chars(PRINTABLE, 1, 40);
const secret = chars(PRINTABLE, 1, 60);
const scope = chars(`${ALNUM}_.:-`, 1, 20);
// Repeats on purpose: the model keeps a scope once, and what it saved is what must come back.
const scopes = fc.array(scope, { minLength: 1, maxLength: 5 });
const orgId = chars(ALNUM, 4, 24).map((s) => `${s}@AdobeOrg`);
const techId = chars(`${ALNUM}._-`, 4, 24).map((s) => `${s}@techacct.adobe.com`);
const email = chars(ALNUM, 1, 12).map((s) => `${s}@techacct.adobe.com`);
const name = chars(`${ALNUM} -()`, 1, 40).filter((s) => s.trim() !== '');
const imsEndpoint = fc.constantFrom('https://ims-na1.adobelogin.com', 'https://ims-na1-stg1.adobelogin.com', 'https://ims.example.test', 'http://127.0.0.1:8765');

const apiKey = fc.record({ kind: fc.constant('apiKey' as const), name, clientId, orgId: fc.option(orgId, { nil: undefined }) });
const s2s = fc.record({
  kind: fc.constant('oauthS2S' as const),
  name,
  clientId,
  clientSecrets: fc.array(secret, { minLength: 1, maxLength: 2 }),
  orgId,
  technicalAccountId: techId,
  technicalAccountEmail: email,
  scopes,
  imsEndpoint,
});
const jwt = fc.record({
  kind: fc.constant('jwt' as const),
  name,
  clientId,
  clientSecrets: fc.array(secret, { minLength: 1, maxLength: 2 }),
  orgId,
  technicalAccountId: techId,
  technicalAccountEmail: fc.option(email, { nil: undefined }),
  metascopes: scopes,
  imsEndpoint,
});
const oauth2 = fc.record({
  kind: fc.constant('oauth2' as const),
  name,
  clientId,
  clientSecrets: fc.array(secret, { minLength: 1, maxLength: 1 }),
  tokenUrl: fc.constantFrom('https://login.example.com/oauth2/token', 'https://example.okta.com/oauth2/default/v1/token'),
  authMethod: fc.constantFrom('client_secret_basic' as const, 'client_secret_post' as const),
  scopes: fc.array(scope, { maxLength: 3 }),
  audience: fc.option(chars(`${ALNUM}:/._-`, 1, 30), { nil: undefined }),
});

function make(fields: Record<string, unknown>): Integration {
  const parsed = IntegrationFieldsSchema.parse(Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as IntegrationFieldsInput);
  return { ...parsed, ...META, ...(parsed.kind === 'jwt' && { keys: [key] }) } as Integration;
}

/** What must survive: every field but the name and description, the active secret only. */
function essence(i: Record<string, unknown>): Record<string, unknown> {
  const { name: _n, description: _d, id: _i, createdAt: _c, updatedAt: _u, keys: _k, clientSecrets, ...rest } = i;
  return { ...rest, ...(Array.isArray(clientSecrets) && { clientSecret: clientSecrets[0] }) };
}

const FILE: Record<ExportFormat, string> = { env: 'exported.env', aio: 'aio', postman: 'exported.postman_environment.json', curl: 'x.sh' };

/** How many round trips got as far as importing: refusals must stay the exception. */
const imports: Partial<Record<ExportFormat, number>> = {};

async function roundTrip(format: ExportFormat, integration: Integration): Promise<void> {
  let content: string;
  try {
    content = exportIntegration(format, integration, { includeSecrets: true }).content;
  } catch (err) {
    // Refusing is allowed; anything else is a bug.
    expect(isKeysmithError(err, 'invalid_input'), String(err)).toBe(true);
    expect((err as Error).message).not.toContain('\n');
    return;
  }
  imports[format] = (imports[format] ?? 0) + 1;
  const plan = await parseImportFile(Buffer.from(content), { fileName: FILE[format] });
  const found = plan.candidates.filter((c) => c.fields.kind === integration.kind && c.fields.clientId === integration.clientId);
  expect(found, content).toHaveLength(1);
  const imported = validateFields(found[0]!.fields) as unknown as Record<string, unknown>;
  expect(essence(imported)).toEqual(essence(integration as unknown as Record<string, unknown>));
  // Names pass through oneLine, which collapses runs of spaces.
  if (format === 'postman') expect(imported.name).toBe(integration.name.trim().replace(/\s+/g, ' '));
  if (integration.kind === 'jwt') expect(found[0]!.key?.privateKeyPem).toBe(key.privateKeyPem);
}

const RUNS = { numRuns: 200 };

describe('export then import gives the same integration', () => {
  for (const format of ['env', 'aio', 'postman'] as const) {
    const kinds = format === 'aio' ? fc.oneof(apiKey, s2s, jwt) : fc.oneof(apiKey, s2s, jwt, oauth2);
    it(`${format}`, async () => {
      await fc.assert(fc.asyncProperty(kinds, (fields) => roundTrip(format, make(fields))), RUNS);
      expect(imports[format] ?? 0).toBeGreaterThan(RUNS.numRuns / 2);
    });
  }
});
