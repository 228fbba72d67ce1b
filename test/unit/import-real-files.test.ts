/**
 * Real files from Adobe's public repositories (test/fixtures/import/real/README.md names each one's
 * repository, path and commit): the Console project JSON and the .env that `aio app use` writes
 * (aio-cli-plugin-app's own fixtures), aio-lib-java's workspace.properties, Adobe's Postman
 * environments, the PDF Services samples' credentials file and AEM's documented service credentials.
 * Each imports, or is refused with one line that says why, where it truly holds no usable credential
 * (a template with empty values or `_changeMe` placeholders, a placeholder sentence, the docs'
 * example that is not valid JSON). Each also goes once through the built `keysmith import --dry-run`.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseImportFile } from '../../electron/core/interop/import/parse-import';
import type { ImportPlan } from '../../electron/core/interop/import/import-candidate';
import { expectModelValid, FIXTURE_DIR, refusal } from '../fixtures/import/fixtures';
import { runCli, tempDataDir } from '../support/cli';

const REAL = path.join(FIXTURE_DIR, 'real');
const text = (file: string) => readFileSync(path.join(REAL, file), 'utf8');

/** Every secret value in these files: none may appear in a message, a warning or the CLI's output. */
const SECRETS = [
  'XYXYXYXYZZZZZZ',
  'SFSFSFSFSFSFSFSFSFSFSFSFSFS',
  'XPXPXPXPXPXPXPXPX',
  'XRXRXRXRXRXRXRXRXRX',
  'STWEGSDGEVBEGE',
  'XXXSTWEGSDGEVBEGE',
  'YYYYXXXSTWEGSDGEVBEGE',
  'my-actual-api-key-value-12345',
  'fa4e0000-fa4e-4fa4-8fa4-fa4e0000fa4e',
  'RkFLRS1KV1QtUEFZTE9BRC1yZXBsYWNlZC1ieS1rZXlzbWl0aA',
  'RkFLRS1BQ0NFU1MtVE9LRU4tcmVwbGFjZWQtYnkta2V5c21pdGg',
  '4AREDACTED17',
];

async function plan(file: string, content: string = text(file)): Promise<ImportPlan> {
  const result = await parseImportFile(Buffer.from(content, 'utf8'), { fileName: file, baseDir: REAL });
  expectModelValid(result, SECRETS);
  return result;
}

const refused = (file: string, content: string = text(file)) =>
  refusal(parseImportFile(Buffer.from(content, 'utf8'), { fileName: file, baseDir: REAL }), SECRETS);

const kinds = (p: ImportPlan) => p.candidates.map((c) => c.fields.kind);
const byName = (p: ImportPlan, name: string) => p.candidates.find((c) => String(c.fields.name).endsWith(name))?.fields;

describe('Developer Console project JSON (aio-cli-plugin-app fixtures)', () => {
  it('oauths2s/valid.config.json: the S2S, API key and user sign-in credentials; the Android one refused with its reason', async () => {
    const p = await plan('aio-app-oauths2s-valid.config.json');
    expect(p.format).toBe('console');
    expect(kinds(p)).toEqual(['oauthUser', 'oauthS2S', 'apiKey', 'oauthUser', 'oauthUser', 'oauthUser', 'oauthUser']);
    expect(byName(p, 'PröjectB')).toMatchObject({
      clientId: 'CXCXCXCXCXCXCXCXC',
      clientSecrets: ['SFSFSFSFSFSFSFSFSFSFSFSFSFS'],
      technicalAccountId: 'GDGDGDGDGDGDG@techacct.adobe.com',
      technicalAccountEmail: 'RERERERERERERE@techacct.adobe.com',
      orgId: 'XOXOXOXOXOXOX@AdobeOrg',
      scopes: ['openid', 'AdobeID'],
    });
    expect(byName(p, 'Project C')).toMatchObject({ kind: 'apiKey', clientId: 'AKAKAKAKAKAKAKAKAKAKAKAK' });
    expect(p.warnings.join('\n')).toMatch(/New Test Intégration 8.*Android/);
  });

  it('valid.config.json: the Service Account (JWT) credential, told that the Console keeps no private key', async () => {
    const p = await plan('aio-app-valid.config.json');
    const jwt = p.candidates.find((c) => c.fields.kind === 'jwt')!;
    expect(jwt.fields).toMatchObject({ clientId: 'XUXUXUXUXUXUXUX', metascopes: ['ent_smartcontent_sdk', 'ent_adobeio_sdk'], technicalAccountId: 'IDIDIDIDID@techacct.adobe.com' });
    expect(jwt.warnings.join('\n')).toMatch(/keeps no private key/);
  });

  it('valid.config.migrate.json: a credential being migrated is offered as both JWT and OAuth S2S', async () => {
    const p = await plan('aio-app-oauths2s-valid.config.migrate.json');
    expect(byName(p, 'PröjectB (JWT)')).toMatchObject({ kind: 'jwt', clientId: 'XUXUXUXUXUXUXUX' });
    expect(byName(p, 'PröjectB (OAuth S2S)')).toMatchObject({ kind: 'oauthS2S', clientId: 'CXCXCXCXCXCXCXCXC' });
  });

  it('config.apikey.json: an API key credential', async () => {
    const p = await plan('aio-app-config.apikey.json');
    expect(p.candidates.map((c) => c.fields)).toMatchObject([{ kind: 'apiKey', clientId: '41987c01396a4c2b9dd4d842f8b50f7b' }]);
  });
});

describe('.env files `aio app use` writes (aio-cli-plugin-app fixtures)', () => {
  it('valid.config.env: AIO_ims_contexts_* with non-ASCII names; the numbered IMS_* copies are the same credentials, not new ones', async () => {
    const p = await plan('aio-app-valid.config.env');
    expect(p.candidates.map((c) => [c.fields.kind, c.fields.name, c.fields.clientId])).toEqual([
      ['jwt', 'PröjectB', 'XUXUXUXUXUXUXUX'],
      ['apiKey', 'Project_C', 'AKAKAKAKAKAKAKAKAKAKAKAK'],
    ]);
    expect(byName(p, 'PröjectB')).toMatchObject({ orgId: 'XOXOXOXOXOXOX@AdobeOrg', technicalAccountEmail: 'XTXTXTXTXTX@techacct.adobe.com' });
    const warnings = p.warnings.join('\n');
    expect(warnings).toMatch(/IMS_\*_2 variables .*same Service Account \(JWT\) credential/);
    expect(warnings).toMatch(/Projéct_A_\* variables .*redirect_uri/);
    expect(warnings).not.toMatch(/both give the redirect URI/);
  });

  it('oauths2s/valid.config.env: the S2S credential numbered 2 (IMS_CLIENT_ID_2, IMS_SCOPES_2, IMS_ORG_ID_2) is imported', async () => {
    const p = await plan('aio-app-oauths2s-valid.config.env');
    expect(p.candidates.map((c) => c.fields)).toMatchObject([
      {
        kind: 'oauthS2S',
        clientId: 'CXCXCXCXCXCXCXCXC',
        clientSecrets: ['SFSFSFSFSFSFSFSFSFSFSFSFSFS'],
        scopes: ['openid', 'AdobeID'],
        orgId: 'XOXOXOXOXOXOX@AdobeOrg',
        technicalAccountId: 'GDGDGDGDGDGDG@techacct.adobe.com',
      },
    ]);
    // The user sign-in clients are skipped with the reason, not as "S2S needs scopes".
    expect(p.warnings.filter((w) => /IMS_\*(_\d)? variables.*user sign-in \(OAuth\) client/.test(w))).toHaveLength(6);
    expect(p.warnings.join('\n')).not.toMatch(/need scopes/);
  });

  it('config.apikey.env: IMS_CLIENT_ID alone is an API key', async () => {
    const p = await plan('aio-app-config.apikey.env');
    expect(p.candidates.map((c) => c.fields)).toMatchObject([{ kind: 'apiKey', clientId: '41987c01396a4c2b9dd4d842f8b50f7b' }]);
  });

  it('config.orgid.env: the older AIO_$ims_<context>_* names are contexts too', async () => {
    const p = await plan('aio-app-config.orgid.env');
    expect(p.format).toBe('env');
    expect(p.candidates.map((c) => c.fields)).toMatchObject([
      { kind: 'jwt', name: 'ProjectB', clientId: 'XUXUXUXUXUXUXUX', orgId: 'XOXOXOXOXOXOX@AdobeOrg', metascopes: ['ent_smartcontent_sdk', 'ent_adobeio_sdk'] },
    ]);
    expect(p.candidates[0]!.source).toMatch(/^AIO_\$ims_ProjectB_\* variables/);
    expect(p.warnings.join('\n')).toMatch(/AIO_\$ims_NewTestIntegration8_\* variables.*redirect_uri/);
  });

  it('the hello template .env holds no credential (only the Runtime host and the TVM URL): refused in one line', async () => {
    expect(await refused('aio-app-hello-template.env')).toMatch(/^Nothing to import from "aio-app-hello-template\.env": it sets no Adobe credential variables/);
  });

  it("aio-lib-ims's e2e sample.env has only empty values: refused, naming them", async () => {
    expect(await refused('aio-lib-ims-e2e-sample.env')).toMatch(/IMS_CLIENT_ID, IMS_CLIENT_SECRET are empty: fill in the values from the Developer Console$/);
  });
});

describe("aio-lib-java's workspace.properties", () => {
  it.each(['aio-lib-java-workspace.jwt.properties', 'aio-lib-java-workspace.oauth.properties'])('%s as shipped: refused, naming the _changeMe placeholders', async (file) => {
    const message = await refused(file);
    expect(message).toMatch(/aio_ims_org_id, aio_api_key, aio_client_secret, .* still hold their sample placeholder \(…_changeMe\)/);
  });

  const filled = (file: string, values: Record<string, string>) => text(file).replace(/^(aio_\w+)=\1_changeMe$/gm, (line, key: string) => (values[key] !== undefined ? `${key}=${values[key]}` : line));
  const ORG = '1234567890ABCDEF12345678@AdobeOrg';

  it('workspace.oauth.properties filled in: aio_oauth_scopes are the scopes of an OAuth S2S credential', async () => {
    const content = filled('aio-lib-java-workspace.oauth.properties', {
      aio_project_id: '4566206088344794932',
      aio_consumer_org_id: '12345',
      aio_ims_org_id: ORG,
      aio_workspace_id: '4566206088344859372',
      aio_api_key: 'java0000000000000000000000000001',
      aio_client_secret: 'p8e-FAKEjava',
      aio_oauth_scopes: 'AdobeID,openid,read_organizations,additional_info.projectedProductContext',
    });
    const p = await plan('workspace.properties', content);
    expect(p.candidates.map((c) => c.fields)).toMatchObject([
      { kind: 'oauthS2S', clientId: 'java0000000000000000000000000001', orgId: ORG, scopes: ['AdobeID', 'openid', 'read_organizations', 'additional_info.projectedProductContext'] },
    ]);
  });

  it('workspace.jwt.properties filled in: a JWT credential with the sample /s/ metascopes', async () => {
    const content = filled('aio-lib-java-workspace.jwt.properties', {
      aio_project_id: '4566206088344794932',
      aio_consumer_org_id: '12345',
      aio_ims_org_id: ORG,
      aio_workspace_id: '4566206088344859372',
      aio_api_key: 'java0000000000000000000000000002',
      aio_credential_id: '140800',
      aio_client_secret: 'p8e-FAKEjwt',
      aio_meta_scopes: '/s/ent_user_sdk,/s/ent_marketing_sdk',
      aio_technical_account_id: 'ABCDEF0123456789AAAAAAAA@techacct.adobe.com',
    });
    const p = await plan('workspace.properties', content);
    expect(p.candidates.map((c) => c.fields)).toMatchObject([{ kind: 'jwt', clientId: 'java0000000000000000000000000002', metascopes: ['ent_user_sdk', 'ent_marketing_sdk'] }]);
  });
});

describe("Adobe's Postman environments (experience-platform-postman-samples)", () => {
  it.each(['aep-postman-environment-template.postman_environment.json', 'aep-cdp-environment.postman_environment.json'])(
    '%s is a template with empty values: refused, naming them',
    async (file) => {
      expect(await refused(file)).toMatch(/CLIENT_SECRET, API_KEY, .*IMS_ORG are empty: fill in the values from the Developer Console$/);
    },
  );

  it('filled in, the template is an OAuth S2S credential with its IMS host and scopes', async () => {
    const env = JSON.parse(text('aep-postman-environment-template.postman_environment.json')) as { values: { key: string; value: string }[] };
    const set: Record<string, string> = { CLIENT_SECRET: 'p8e-FAKEaep', API_KEY: 'aep00000000000000000000000000001', IMS_ORG: '1234567890ABCDEF12345678@AdobeOrg' };
    for (const v of env.values) if (set[v.key] !== undefined) v.value = set[v.key]!;
    const p = await plan('template.postman_environment.json', JSON.stringify(env));
    expect(p.candidates.map((c) => c.fields)).toMatchObject([
      { kind: 'oauthS2S', clientId: 'aep00000000000000000000000000001', scopes: ['openid', 'session', 'AdobeID', 'read_organizations', 'additional_info.projectedProductContext'], imsEndpoint: 'https://ims-na1.adobelogin.com' },
    ]);
  });

  it('the ACP onboarding environment names its client USER_TOKEN_IMS_CLIENT_ID: refused, naming that variable, no secret repeated', async () => {
    expect(await refused('aep-acp-onboarding-stage-ims.postman_environment.json')).toMatch(/but no CLIENT_ID \(USER_TOKEN_IMS_CLIENT_ID has a prefix Keysmith does not read\)$/);
  });
});

describe('files that hold no credential', () => {
  it("the PDF Services samples' placeholder credentials file (one sentence): refused in one line", async () => {
    expect(await refused('pdfservices-api-credentials.json')).toMatch(/^"pdfservices-api-credentials\.json" is not a file Keysmith can import: expected /);
  });

  it("AEM's documented service credentials example is not valid JSON (\\r\\R): refused with the line and column", async () => {
    expect(await refused('aem-service-credentials-docs-example.json')).toMatch(/is not valid JSON: a bad escape sequence in a string .*at line 13, column 53$/);
  });

  it('the same example with its escape corrected is read as AEM service credentials; its REDACTED key is left out, the rest kept', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'keysmith-real-'));
    const file = path.join(dir, 'aem.json');
    writeFileSync(file, text('aem-service-credentials-docs-example.json').replace('\\r\\REDACTED', '\\r\\nREDACTED'));
    const p = await parseImportFile(readFileSync(file), { fileName: 'aem.json' });
    expect(p.format).toBe('aem');
    expect(p.candidates[0]!.fields).toMatchObject({ kind: 'jwt', clientId: 'cm-p123-e1234', metascopes: ['ent_aem_cloud_sdk', 'ent_cloudmgr_sdk'] });
    expect(p.candidates[0]!.key).toBeUndefined();
    expect(p.candidates[0]!.warnings).toContainEqual(expect.stringMatching(/^integration\.privateKey cannot be used \(this private key is truncated\), so the integration comes without a key: /));
    const r = await runCli(['import', file, '--dry-run'], { env: { KEYSMITH_HOME: tempDataDir(), KEYSMITH_PASSPHRASE: 'real files' } });
    expect(r.code).toBe(0);
    expect(`${r.stdout}${r.stderr}`).toContain('cannot be used (this private key is truncated)');
    expect(`${r.stdout}${r.stderr}`).not.toContain('4AREDACTED17');
  }, 60_000);
});

describe('every real file through the built CLI: keysmith import FILE --dry-run', () => {
  const IMPORTS = [
    'aio-app-oauths2s-valid.config.json',
    'aio-app-valid.config.json',
    'aio-app-oauths2s-valid.config.migrate.json',
    'aio-app-config.apikey.json',
    'aio-app-valid.config.env',
    'aio-app-oauths2s-valid.config.env',
    'aio-app-config.apikey.env',
    'aio-app-config.orgid.env',
  ];
  const REFUSED = [
    'aio-app-hello-template.env',
    'aio-lib-ims-e2e-sample.env',
    'aio-lib-java-workspace.jwt.properties',
    'aio-lib-java-workspace.oauth.properties',
    'aep-postman-environment-template.postman_environment.json',
    'aep-cdp-environment.postman_environment.json',
    'aep-acp-onboarding-stage-ims.postman_environment.json',
    'pdfservices-api-credentials.json',
    'aem-service-credentials-docs-example.json',
  ];

  it('the lists cover every file in the folder, and the README names the source of each', () => {
    const listed = readFileSync(path.join(REAL, 'README.md'), 'utf8').match(/^\| [\w-]+\.[\w.-]+ \|/gm)!.map((row) => row.slice(2, -2));
    const files = readdirSync(REAL).filter((f) => f !== 'README.md');
    expect([...IMPORTS, ...REFUSED].sort()).toEqual(files.sort());
    expect(listed.sort()).toEqual(files.sort());
  });

  const run = (file: string) => runCli(['import', path.join(REAL, file), '--dry-run'], { env: { KEYSMITH_HOME: tempDataDir(), KEYSMITH_PASSPHRASE: 'real files', NO_COLOR: '1' } });
  const noSecrets = (out: string) => {
    for (const secret of SECRETS) expect(out).not.toContain(secret);
    expect(out).not.toMatch(/\n\s+at /);
  };

  it.each(IMPORTS)('%s: a plan, nothing written, exit 0', async (file) => {
    const r = await run(file);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Would import from .*\n {2}add {4}"/);
    expect(r.stdout).toMatch(/Nothing was written \(--dry-run\)\./);
    noSecrets(r.stdout + r.stderr);
  }, 60_000);

  it.each(REFUSED)('%s: one line on stderr, exit 1', async (file) => {
    const r = await run(file);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^keysmith: /);
    noSecrets(r.stdout + r.stderr);
  }, 60_000);
});

describe('the names these files taught Keysmith, against hostile input', () => {
  it('AIO_$ims_ names walk into no object: constructor/prototype contexts pollute nothing', async () => {
    const text = ['AIO_$ims_constructor_prototype_polluted=yes', 'AIO_$ims___proto___client__id=x', 'AIO_$ims_ctx_client__id=abc', 'AIO_$ims_ctx_client__secret=p8e-FAKEproto', 'AIO_$ims_ctx_scopes=["openid"]'].join('\n');
    const p = await parseImportFile(Buffer.from(text), { fileName: 'x.env' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(p.candidates.map((c) => [c.fields.kind, c.fields.clientId])).toContainEqual(['oauthS2S', 'abc']);
    expectModelValid(p, ['p8e-FAKEproto']);
  });

  it('a number is a credential number only up to 999: IMS_CLIENT_ID_1000 is no variable Keysmith reads', async () => {
    const p = await parseImportFile(Buffer.from('IMS_CLIENT_ID_999=nine\nIMS_CLIENT_SECRET_999=p8e-FAKEn\nIMS_SCOPES_999=openid\nIMS_CLIENT_ID_1000=ten\n'), { fileName: 'n.env' });
    expect(p.candidates.map((c) => c.fields.clientId)).toEqual(['nine']);
  });

  it('998 numbered credentials (2..999) in one file: each is read once, none lost', async () => {
    const lines = Array.from({ length: 998 }, (_, i) => `IMS_CLIENT_ID_${i + 2}=id${i + 2}\nIMS_CLIENT_SECRET_${i + 2}=p8e-FAKE${i}\nIMS_SCOPES_${i + 2}=openid`);
    const p = await parseImportFile(Buffer.from(lines.join('\n')), { fileName: 'many.env' });
    expect(p.candidates).toHaveLength(998);
  });
});
