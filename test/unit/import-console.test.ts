/**
 * Developer Console project JSON: every credential of the workspace, each integration type, the
 * migration form, partial files, an older export, and the refusals. Fixtures follow Adobe's schema
 * for the file (adobe/aio-cli-plugin-app schema/config.schema.json); secrets are fake.
 */
import { describe, expect, it } from 'vitest';
import { validateFields } from '../../electron/core/integration-store';
import { parseImportFile } from '../../electron/core/interop/import/parse-import';
import { expectModelValid, fixtureBytes, fixtureText, refusal, secretsIn } from '../fixtures/import/fixtures';

const ORG = '1A2B3C4D5E6F7A8B9C0D1E2F@AdobeOrg';
const NO_KEY = /^The Console keeps no private key: add the key whose certificate is uploaded to this credential$/;
const JWT_RETIRED = /^Adobe retired Service Account \(JWT\) credentials in the Developer Console on 2025-06-30/;

async function plan(name: string) {
  const result = await parseImportFile(fixtureBytes(name), { fileName: name });
  expectModelValid(result, secretsIn(fixtureText(name)));
  return result;
}

describe('Console project JSON', () => {
  it('turns every credential of the workspace into a candidate, with services as notes', async () => {
    const result = await plan('console-workspace.json');
    const provenance = 'Imported from Console project "CM Automation" (id 4566206088344794932), workspace "Stage" (id 4566206088344859372)';
    expect(result.format).toBe('console');
    expect(result.warnings).toEqual([]);
    expect(result.candidates).toEqual([
      {
        source: 'Console project "CM Automation" › workspace "Stage" › credential "OAuth Server-to-Server"',
        credentialId: '56890123',
        fields: {
          kind: 'oauthS2S',
          name: 'CM Automation Stage OAuth Server-to-Server',
          description: `Services: Cloud Manager, I/O Management API. ${provenance}, credential "OAuth Server-to-Server" (id 56890123).`,
          clientId: '5c1f0e2d8b7a4c3e9f6d1a2b3c4d5e6f',
          clientSecrets: ['p8e-FAKEs2sPrimary0000000000000000000', 'p8e-FAKEs2sRotated1111111111111111111'],
          orgId: ORG,
          technicalAccountId: '9F8E7D6C5B4A39281706F5E4@techacct.adobe.com',
          technicalAccountEmail: 'b3f1c2d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d@techacct.adobe.com',
          scopes: ['openid', 'AdobeID', 'read_organizations', 'additional_info.projectedProductContext', 'read_pc.dma_aem_ams'],
          consoleOrgId: '1187321',
          credentialId: '56890123',
        },
        warnings: [],
      },
      {
        source: 'Console project "CM Automation" › workspace "Stage" › credential "Service Account (JWT)"',
        credentialId: '56890124',
        fields: {
          kind: 'jwt',
          name: 'CM Automation Stage Service Account (JWT)',
          description: `Services: Cloud Manager, I/O Management API. ${provenance}, credential "Service Account (JWT)" (id 56890124).`,
          clientId: '8e2d4c6b0a9f4e8d7c6b5a4f3e2d1c0b',
          clientSecrets: ['p8e-FAKEjwtSecret22222222222222222222'],
          orgId: ORG,
          technicalAccountId: '0A1B2C3D4E5F60718293A4B5@techacct.adobe.com',
          technicalAccountEmail: 'c4e2d3f5-6a7b-4c8d-9e0f-1a2b3c4d5e6f@techacct.adobe.com',
          metascopes: ['ent_cloudmgr_sdk', 'ent_adobeio_sdk'],
        },
        warnings: [expect.stringMatching(NO_KEY), expect.stringMatching(JWT_RETIRED)],
      },
      {
        source: 'Console project "CM Automation" › workspace "Stage" › credential "API Key"',
        credentialId: '56890125',
        fields: {
          kind: 'apiKey',
          name: 'CM Automation Stage API Key',
          description: `Services: Cloud Manager, I/O Management API. ${provenance}, credential "API Key" (id 56890125).`,
          clientId: 'f0e1d2c3b4a5968778695a4b3c2d1e0f',
          orgId: ORG,
        },
        warnings: [],
      },
    ]);
    // What the vault will store: the model's defaults filled in, nothing lost.
    expect(validateFields(result.candidates[0]!.fields)).toMatchObject({ imsEndpoint: 'https://ims-na1.adobelogin.com', clientSecrets: expect.any(Array) });
  });

  it('never takes the org id from project.org.id (the Console\'s own numeric id), which is kept apart for secret rotation', async () => {
    const result = await plan('console-workspace.json');
    for (const candidate of result.candidates) expect(candidate.fields.orgId).toBe(ORG);
    expect(result.candidates.filter((c) => c.fields.consoleOrgId === '1187321').map((c) => c.fields.kind)).toEqual(['oauthS2S']);
  });

  it('makes two candidates of a credential being migrated, and says they are the same credential', async () => {
    const result = await plan('console-migrate.json');
    const note = 'Migration in progress: the same Console credential exists as Service Account (JWT) and as OAuth Server-to-Server.';
    const description = `${note} Services: Adobe Analytics. Imported from Console project "Reporting" (id 4566206088344811111), workspace "Production" (id 4566206088344822222), credential "Reporting Service Account" (id 61234567).`;
    const shared = {
      description,
      clientId: '2b4d6f8a0c1e4f3a5b7c9d1e3f5a7b9c',
      clientSecrets: ['p8e-FAKEmigrateSecret333333333333333'],
      orgId: ORG,
      technicalAccountId: '1B2C3D4E5F6071829304B5C6@techacct.adobe.com',
      technicalAccountEmail: 'd5f3e4a6-7b8c-4d9e-0f1a-2b3c4d5e6f7a@techacct.adobe.com',
    };
    expect(result.candidates).toEqual([
      {
        source: 'Console project "Reporting" › workspace "Production" › credential "Reporting Service Account" (JWT)',
        credentialId: '61234567',
        fields: { kind: 'jwt', name: 'Reporting Production Reporting Service Account (JWT)', ...shared, metascopes: ['ent_analytics_bulk_ingest_sdk'] },
        warnings: [
          expect.stringMatching(/^Same Console credential as the OAuth Server-to-Server candidate: Adobe is migrating it from JWT \(integration_type oauth_server_to_server_migrate\)/),
          expect.stringMatching(NO_KEY),
          expect.stringMatching(JWT_RETIRED),
        ],
      },
      {
        source: 'Console project "Reporting" › workspace "Production" › credential "Reporting Service Account" (OAuth Server-to-Server)',
        credentialId: '61234567',
        fields: {
          kind: 'oauthS2S',
          name: 'Reporting Production Reporting Service Account (OAuth S2S)',
          ...shared,
          scopes: ['openid', 'AdobeID', 'read_organizations', 'additional_info.projectedProductContext', 'additional_info.job_function'],
          consoleOrgId: '1187321',
          credentialId: '61234567',
        },
        warnings: [expect.stringMatching(/^Same Console credential as the Service Account \(JWT\) candidate: Adobe is migrating it to OAuth Server-to-Server/)],
      },
    ]);
    expect(result.warnings).toEqual([]);
  });

  it('keeps what it can from a partial file and says exactly what it skipped and why', async () => {
    const result = await plan('console-mixed.json');
    const at = (credential: string) => `Console project "Integrations" › workspace "Dev" › credential "${credential}"`;
    const provenance = (id: string) => `Imported from Console project "Integrations" (id 4566206088344833333), workspace "Dev" (id 4566206088344844444), credential "Events" (id ${id}).`;
    expect(result.candidates).toEqual([
      {
        source: at('Events'),
        credentialId: '70000001',
        fields: {
          kind: 'oauthS2S',
          name: 'Integrations Dev Events',
          description: provenance('70000001'),
          clientId: '3c5e7a9b1d2f4a6b8c0d2e4f6a8b0c2d',
          clientSecrets: ['p8e-FAKEeventsSecret4444444444444444'],
          orgId: ORG,
          technicalAccountId: '2C3D4E5F60718293A4B5C6D7@techacct.adobe.com',
          // Comma-separated scopes in a string are read as a list.
          scopes: ['openid', 'AdobeID', 'adobeio_api'],
          consoleOrgId: '1187321',
          credentialId: '70000001',
        },
        // A malformed optional field is left out; the credential is kept.
        warnings: ['Left out the technical account email: technical account email must be an e-mail address'],
      },
      {
        source: at('Events'),
        credentialId: '70000002',
        fields: {
          kind: 'oauthS2S',
          // Two credentials with one name: the second is numbered, as the vault needs unique names.
          name: 'Integrations Dev Events (2)',
          description: provenance('70000002'),
          clientId: '4d6f8b0c2e3a5b7c9d1e3f5a7b9c1d3e',
          clientSecrets: ['p8e-FAKEeventsTwin55555555555555555555'],
          orgId: ORG,
          technicalAccountId: '3D4E5F60718293A4B5C6D7E8@techacct.adobe.com',
          technicalAccountEmail: 'e6a4b5c7-8d9e-4f0a-1b2c-3d4e5f6a7b8c@techacct.adobe.com',
          scopes: ['openid', 'AdobeID'],
          consoleOrgId: '1187321',
          credentialId: '70000002',
        },
        warnings: [],
      },
      {
        // A user sign-in credential: a Web App, confidential, with its registered redirect.
        source: at('Web App'),
        credentialId: '70000005',
        fields: {
          kind: 'oauthUser',
          appType: 'web',
          name: 'Integrations Dev Web App',
          description: provenance('70000005').replace('"Events"', '"Web App"'),
          clientId: '6f8b0d2e4a5c7d9e1f3a5b7c9d1e3f5a',
          clientSecrets: ['p8e-FAKEwebappSecret77777777777777777'],
          orgId: ORG,
          redirectUri: 'https://example.com/callback',
          scopes: ['openid', 'AdobeID', 'offline_access'],
        },
        warnings: [],
      },
    ]);
    expect(result.warnings).toEqual([
      `Skipped ${at('Broken S2S')}: it has no oauth_server_to_server.client_id`,
      `Skipped ${at('Future Credential')}: it has integration_type oauth_quantum_entangled, which Keysmith does not know`,
      `Skipped ${at('No Scopes')}: OAuth Server-to-Server integrations need scopes (e.g. openid,AdobeID,read_organizations)`,
    ]);
  });

  it('reads an older export: no titles, an inferred integration_type, the org id in the jwt block, enabled_services', async () => {
    const result = await plan('console-legacy.json');
    const provenance = 'Imported from Console project "LegacyIntegration" (id 4566206088340000001), workspace "Production" (id 4566206088340000002)';
    expect(result.candidates).toEqual([
      {
        source: 'Console project "LegacyIntegration" › workspace "Production" › credential "Project LegacyIntegration"',
        credentialId: '12345',
        fields: {
          kind: 'jwt',
          name: 'LegacyIntegration Production Project LegacyIntegration',
          description: `Services: Cloud Manager. ${provenance}, credential "Project LegacyIntegration" (id 12345).`,
          clientId: '9c1e3a5b7d8f0a2b4c6d8e0f2a4b6c8d',
          clientSecrets: ['p8e-FAKElegacyJwtSecret000000000000'],
          orgId: ORG,
          technicalAccountId: '5F60718293A4B5C6D7E8F90A@techacct.adobe.com',
          technicalAccountEmail: 'f7b5c6d8-9e0f-4a1b-2c3d-4e5f6a7b8c9d@techacct.adobe.com',
          metascopes: ['ent_cloudmgr_sdk'],
        },
        warnings: [
          'The org id was read from the credential block (an older export); the file has no project.org.ims_org_id',
          expect.stringMatching(NO_KEY),
          expect.stringMatching(JWT_RETIRED),
        ],
      },
      {
        // Old API key credentials carried their client id in an oauth2 block; its secret is not needed.
        source: 'Console project "LegacyIntegration" › workspace "Production" › credential "Project LegacyIntegration Key"',
        credentialId: '12346',
        fields: {
          kind: 'apiKey',
          name: 'LegacyIntegration Production Project LegacyIntegration Key',
          description: `Services: Cloud Manager. ${provenance}, credential "Project LegacyIntegration Key" (id 12346).`,
          clientId: '0d2f4b6c8e9a1b3c5d7e9f1a3b5c7d9e',
        },
        warnings: [],
      },
    ]);
  });

  it('refuses a file whose only credential has an unknown integration_type, naming the type', async () => {
    const message = await refusal(parseImportFile(fixtureBytes('console-unknown-only.json'), { fileName: 'console-unknown-only.json' }), secretsIn(fixtureText('console-unknown-only.json')));
    expect(message).toBe(
      'Nothing to import from "console-unknown-only.json": Console project "Future" › workspace "Stage" › credential "Quantum": it has integration_type oauth_quantum_entangled, which Keysmith does not know',
    );
  });

  it('refuses a file whose only credential lacks its client_id, naming the missing key', async () => {
    const message = await refusal(parseImportFile(fixtureBytes('console-missing-client-id.json')), secretsIn(fixtureText('console-missing-client-id.json')));
    expect(message).toBe(
      'Nothing to import from the file: Console project "Half Done" › workspace "Stage" › credential "OAuth Server-to-Server": it has no oauth_server_to_server.client_id',
    );
  });

  it('refuses a workspace without credentials and points a .aio file at its .env', async () => {
    const message = await refusal(parseImportFile(fixtureBytes('console-no-credentials.json'), { fileName: '.aio' }));
    expect(message).toBe(
      'Nothing to import from ".aio": workspace "Stage" of Console project "App Builder" has no credentials (project.workspace.details.credentials); a .aio file written by `aio app use` keeps them in .env, import that instead',
    );
  });

  it('refuses broken JSON with the line and column, and without quoting the text', async () => {
    const message = await refusal(parseImportFile(fixtureBytes('console-broken.json'), { fileName: 'console-broken.json' }), secretsIn(fixtureText('console-broken.json')));
    expect(message).toBe('"console-broken.json" is not valid JSON: "," or "}" was expected (a missing comma?), at line 7, column 149');
  });

  it('detects the format from the content, whatever the file is called', async () => {
    const result = await parseImportFile(fixtureBytes('console-workspace.json'), { fileName: 'credentials.env' });
    expect(result.format).toBe('console');
  });
});
