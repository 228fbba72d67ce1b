/**
 * aio config as aio itself writes it: @adobe/aio-lib-core-config's set() (what `aio config set`,
 * `aio login` and aio-lib-ims's context.set() call) writes HJSON, or YAML when the file already is
 * YAML; Keysmith imports both, from the file and from the folder that holds them. Hand-written
 * HJSON (comments, ''' multi-line strings, CRLF, a BOM) and YAML too; and the hostile shapes those
 * parsers allow (a `__proto__` key, alias bombs, deep nesting) are refused in one line.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseImportFile } from '../../electron/core/interop/import/parse-import';
import { writeAioConfig } from '../support/aio-tools';
import { runCli, tempDataDir } from '../support/cli';
import { makeKeys, refusal, type TestKeys } from '../fixtures/import/fixtures';

const ORG = '1A2B3C4D5E6F7A8B9C0D1E2F@AdobeOrg';
const TA = '8C9D0E1F2A3B4C5D6E7F8091@techacct.adobe.com';
let keys: TestKeys;

beforeAll(async () => {
  keys = await makeKeys();
});

const s2sContext = () => ({
  client_id: 'cm0000000000000000000000000000aa',
  client_secrets: ['p8e-S2S-secret-000000000000000000'],
  technical_account_id: TA,
  technical_account_email: 'cm@techacct.adobe.com',
  ims_org_id: ORG,
  scopes: ['openid', 'AdobeID', 'read_organizations'],
});
const jwtContext = () => ({
  client_id: 'jwt000000000000000000000000000bb',
  client_secret: 'p8e-JWT-secret-000000000000000000',
  technical_account_id: TA,
  ims_org_id: ORG,
  meta_scopes: ['ent_cloudmgr_sdk'],
  private_key: keys.pkcs8,
});

function dirs(): { root: string; global: string; project: string } {
  const root = mkdtempSync(path.join(tmpdir(), 'keysmith-aio-'));
  const project = path.join(root, 'project');
  mkdirSync(path.join(root, 'config'));
  mkdirSync(project);
  return { root, global: path.join(root, 'config', 'aio'), project };
}

const plan = (text: string | Buffer, fileName = 'aio') => parseImportFile(Buffer.from(text), { fileName });

describe('aio config written by aio-lib-core-config', () => {
  it('imports the HJSON aio writes: hyphenated context names, a PEM key, a stage env', async () => {
    const d = dirs();
    await writeAioConfig(d.global, d.project, [
      { key: 'ims.contexts.aio-cli-plugin-cloudmanager', value: s2sContext() },
      { key: 'ims.contexts.prod-jwt', value: { ...jwtContext(), env: 'stage' } },
      { key: 'ims.contexts.cli', value: { access_token: { token: 'eyJ-user', expiry: 1 } } },
    ]);
    const text = readFileSync(d.global, 'utf8');
    expect(() => JSON.parse(text)).toThrow(); // really HJSON: unquoted keys
    const result = await plan(text);
    expect(result.format).toBe('aio');
    const [s2s, jwt] = result.candidates;
    expect(s2s?.fields).toMatchObject({ kind: 'oauthS2S', name: 'aio-cli-plugin-cloudmanager', clientId: s2sContext().client_id, scopes: s2sContext().scopes });
    expect(jwt?.fields).toMatchObject({ kind: 'jwt', name: 'prod-jwt', metascopes: ['ent_cloudmgr_sdk'], imsEndpoint: 'https://ims-na1-stg1.adobelogin.com' });
    expect(jwt?.key?.privateKeyPem).toBe(keys.pkcs8);
    expect(result.warnings.join('\n')).toMatch(/Skipped aio context "cli"/);
  });

  it('imports the YAML aio writes when its config is YAML', async () => {
    const d = dirs();
    writeFileSync(d.global, 'ims:\n  contexts: {}\n');
    await writeAioConfig(d.global, d.project, [{ key: 'ims.contexts.yaml-ctx', value: jwtContext() }]);
    const text = readFileSync(d.global, 'utf8');
    expect(text.trimStart().startsWith('{')).toBe(false);
    const result = await plan(text);
    expect(result.candidates.map((c) => c.fields.name)).toEqual(['yaml-ctx']);
    expect(result.candidates[0]?.key?.privateKeyPem).toBe(keys.pkcs8);
  });

  it('the CLI imports the global config file and a project folder (.aio and .env together)', async () => {
    const d = dirs();
    await writeAioConfig(d.global, d.project, [
      { key: 'ims.contexts.global-s2s', value: s2sContext() },
      { key: 'ims.contexts.local-jwt', value: jwtContext(), local: true },
    ]);
    writeFileSync(path.join(d.project, '.env'), 'AIO_ims_contexts_apikey__ctx_client__id=apikey0000000000000000000000000cc\n');
    const env = { KEYSMITH_HOME: tempDataDir(), KEYSMITH_PASSPHRASE: 'aio import passphrase 1' };
    const file = await runCli(['import', d.global], { env });
    expect(file.code, file.stderr).toBe(0);
    expect(file.stderr).not.toMatch(/warning/);
    expect(file.stdout).toMatch(/add {4}"global-s2s" \(OAuth Server-to-Server/);
    // ~/.config itself: the folder holding aio's global config file, named "aio".
    const configDir = await runCli(['import', '--dry-run', path.dirname(d.global)], { env });
    expect(configDir.code, configDir.stderr).toBe(0);
    expect(configDir.stdout).toMatch(/update "global-s2s"/);
    const folder = await runCli(['import', d.project], { env });
    expect(folder.code, folder.stderr).toBe(0);
    expect(folder.stdout).toMatch(/"local-jwt" \(Service Account/);
    expect(folder.stdout).toMatch(/"apikey_ctx" \(API key/);
  });

  it('a folder with no aio config or .env is refused in one line', async () => {
    const d = dirs();
    const r = await runCli(['import', d.project], { env: { KEYSMITH_HOME: tempDataDir(), KEYSMITH_PASSPHRASE: 'aio import passphrase 1' } });
    expect(r.code).not.toBe(0);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/is a folder, not a credentials file.*\.aio/);
  });
});

describe('hand-written aio config', () => {
  const HJSON = [
    '# my aio config',
    '{',
    '  // Cloud Manager, as its README says',
    '  ims: {',
    '    contexts: {',
    '      /* block comment */',
    '      aio-cli-plugin-cloudmanager: {',
    '        client_id: cm0000000000000000000000000000aa',
    "        client_secrets: ['p8e-S2S-secret-000000000000000000']",
    `        technical_account_id: ${TA}`,
    '        technical_account_email: cm@techacct.adobe.com',
    `        ims_org_id: "${ORG}"`,
    '        // quoteless strings run to the end of the line, so one per line',
    '        scopes: [',
    '          openid',
    '          AdobeID',
    "          'read_organizations',",
    '        ]',
    '      }',
    '      jwt: {',
    '        client_id: jwt000000000000000000000000000bb',
    '        client_secret: p8e-JWT-secret-000000000000000000',
    `        technical_account_id: ${TA}`,
    `        ims_org_id: ${ORG}`,
    '        meta_scopes: ["ent_cloudmgr_sdk"]',
    "        private_key: '''",
    '__KEY__',
    "          '''",
    '      }',
    '    }',
    '  }',
    '}',
  ].join('\n');
  const hjsonText = () => HJSON.replace('__KEY__', keys.pkcs8.trim().split('\n').map((l) => `          ${l}`).join('\n'));

  it.each([
    ['LF', (t: string) => t],
    ['CRLF', (t: string) => t.replace(/\n/g, '\r\n')],
    ['BOM + CRLF', (t: string) => `\ufeff${t.replace(/\n/g, '\r\n')}`],
  ])('HJSON with comments, quoteless values and a multi-line key (%s)', async (_, transform) => {
    // '#' first: aio would read it as YAML and fail; what matters is that the HJSON after it reads.
    const text = transform(hjsonText().replace(/^# my aio config\n/, ''));
    const result = await plan(text);
    expect(result.candidates.map((c) => c.fields.name)).toEqual(['aio-cli-plugin-cloudmanager', 'jwt']);
    expect(result.candidates[0]?.fields.scopes).toEqual(['openid', 'AdobeID', 'read_organizations']);
    expect(result.candidates[1]?.key?.privateKeyPem.trim()).toBe(keys.pkcs8.trim());
  });

  it('YAML with comments, block scalars and CRLF', async () => {
    const yaml = [
      '# aio config in YAML',
      'ims:',
      '  contexts:',
      '    jwt-yaml:   # a comment',
      '      client_id: jwt000000000000000000000000000bb',
      '      client_secret: "p8e-JWT-secret-000000000000000000"',
      `      technical_account_id: ${TA}`,
      `      ims_org_id: ${ORG}`,
      '      meta_scopes: [ent_cloudmgr_sdk]',
      '      private_key: |',
      ...keys.pkcs8.trim().split('\n').map((l) => `        ${l}`),
    ].join('\r\n');
    const result = await plan(yaml);
    expect(result.candidates[0]?.fields).toMatchObject({ name: 'jwt-yaml', kind: 'jwt' });
    expect(result.candidates[0]?.key?.privateKeyPem.trim()).toBe(keys.pkcs8.trim());
  });

  it('an HJSON mistake is reported with its line, never the text around it', async () => {
    const text = '{\n  ims: {\n    contexts: {\n      x: { client_secret: p8e-SECRETSECRET, }\n      y: {a b}\n}}}';
    const err = await refusal(plan(text), ['p8e-SECRETSECRET']);
    expect(err).toMatch(/neither JSON nor HJSON.*line 5/);
  });

  it('a YAML mistake in an aio config is reported with its line', async () => {
    const err = await refusal(plan('ims:\n  contexts:\n    x: [a\n  y: p8e-SECRETSECRET\n'), ['p8e-SECRETSECRET']);
    expect(err).toMatch(/not valid YAML.*line \d+/);
  });
});

describe('hostile aio config', () => {
  it.each([
    ['HJSON "__proto__" key', '{ ims: { contexts: { x: { "__proto__": { client_id: "inherited", scopes: ["openid"] } } } } }'],
    ['HJSON escaped __proto__', '{ ims: { contexts: { x: { "\\u005f_proto__": { client_id: "inherited" } } } } }'],
    ['YAML __proto__ key', 'ims:\n  contexts:\n    x:\n      __proto__:\n        client_id: inherited\n'],
  ])('%s is refused and pollutes nothing', async (_, text) => {
    const err = await refusal(plan(text));
    expect(err).toMatch(/__proto__/);
    expect(({} as Record<string, unknown>).client_id).toBeUndefined();
  });

  it('a YAML alias bomb stops at the node budget', async () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    lines.push('ims:\n  contexts:\n    x: *i');
    const err = await refusal(plan(lines.join('\n')));
    expect(err).toMatch(/more than \d+ values/);
  });

  it.each([
    ['HJSON', `{ims: ${'['.repeat(200_000)}`],
    ['YAML', `ims: ${'['.repeat(200_000)}`],
  ])('deep %s nesting is a one-line error, not a stack overflow', async (_, text) => {
    const err = await refusal(plan(text));
    expect(err.split('\n')).toHaveLength(1);
  });
});
