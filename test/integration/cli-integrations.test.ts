/**
 * The `keysmith` integration commands end to end: the built CLI, a real vault on disk (passphrase
 * mode, so this runs with or without a keychain), and the promise that a client secret only ever
 * leaves the vault through `keysmith secret`.
 *
 * The four integrations are added once, through the CLI, into a template data directory; each test
 * works on its own copy of it.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli, tempDataDir, type CliResult } from '../support/cli';
import { copyDataDir } from '../support/data-dir-template';

const CANARY = 'CANARY-s3cr3t-7c1d9e2f4a6b8d0e';
const ORG = '1234567890ABCDEF12345678@AdobeOrg';
const TECH = 'ABCDEF0123456789@techacct.adobe.com';

const PASSPHRASE = 'correct horse battery staple';
/** The vault every test starts from a copy of: the four integrations added in beforeAll. */
let template: string;
let dir: string;
let env: NodeJS.ProcessEnv;
const cli = (args: string[], input?: string) => runCli(args, { env, input });

function expectOneLineError(result: CliResult, code: 1 | 2, pattern: RegExp): void {
  expect(result.code, result.stderr).toBe(code);
  const lines = result.stderr.trim().split('\n');
  expect(lines, result.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^keysmith: /);
  expect(lines[0]).toMatch(pattern);
  expect(result.stderr).not.toMatch(/\n\s+at /);
}

function filesUnder(root: string): string[] {
  return readdirSync(root).flatMap((name) => {
    const full = path.join(root, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

const snapshot = () => filesUnder(dir).map((f) => [path.basename(f), readFileSync(f).toString('base64')]);

beforeAll(async () => {
  template = tempDataDir();
  env = { KEYSMITH_HOME: template, KEYSMITH_PASSPHRASE: PASSPHRASE };
  const init = await cli(['init']);
  expect(init.code, init.stderr).toBe(0);
  // stdout is a pipe here, so the recovery key goes to stderr, where a person looks.
  expect(init.stderr).toMatch(/Recovery key/);
  expect(init.stdout).not.toMatch(/Recovery key/);
  const adds: [string[], string?][] = [
    [['add', 'jwt', '--name', 'AEM prod', '--client-id', 'cm-client', '--org-id', ORG, '--technical-account-id', TECH, '--metascopes', 'ent_aem_cloud_api', '--client-secret-stdin'], `${CANARY}\n`],
    [['add', 'oauth-s2s', '--name', 'Cloud Manager', '--client-id', 's2s-client', '--org-id', ORG, '--scopes', 'openid,AdobeID,read_organizations', '--client-secret-stdin'], CANARY],
    [['add', 'oauth2', '--name', 'Okta', '--client-id', 'okta-client', '--token-url', 'https://example.okta.com/oauth2/v1/token', '--auth-method', 'client_secret_post', '--scopes', 'api.read', '--client-secret-stdin'], CANARY],
    [['add', 'apikey', '--name', 'Stock', '--client-id', 'stock-key', '--description', 'public API key']],
  ];
  for (const [args, input] of adds) {
    const result = await cli(args, input);
    expect(result.code, result.stderr).toBe(0);
  }
});

beforeEach(() => {
  dir = copyDataDir(template);
  env = { KEYSMITH_HOME: dir, KEYSMITH_PASSPHRASE: PASSPHRASE };
});

describe('keysmith integration commands', () => {
  it('lists integrations as a table and as JSON', async () => {
    const table = await cli(['list']);
    expect(table.code).toBe(0);
    // Piped: tab-separated rows without a header (the header is for people, on a terminal).
    expect(table.stdout.split('\n')[0]).toBe(`AEM prod\tjwt\tcm-client\t${ORG}`);
    const json = JSON.parse((await cli(['list', '--json'])).stdout) as Record<string, unknown>[];
    expect(json.map((i) => [i.name, i.kind, i.clientId, i.orgId])).toEqual([
      ['AEM prod', 'jwt', 'cm-client', ORG],
      ['Cloud Manager', 'oauthS2S', 's2s-client', ORG],
      ['Okta', 'oauth2', 'okta-client', null],
      ['Stock', 'apiKey', 'stock-key', null],
    ]);
  });

  it('shows one integration with the secret masked, and the defaults filled in', async () => {
    const shown = JSON.parse((await cli(['show', 'aem PROD', '--json'])).stdout);
    expect(shown).toMatchObject({ kind: 'jwt', clientSecrets: ['••••0e'.replace('0e', CANARY.slice(-4))], imsEndpoint: 'https://ims-na1.adobelogin.com' });
    const human = await cli(['show', 'Cloud Manager']);
    expect(human.stdout, human.stderr).toMatch(/^Scopes: +openid, AdobeID, read_organizations/m);
  });

  it('prints the secret alone for pipes', async () => {
    const result = await cli(['secret', 'Okta']);
    expect(result).toEqual({ code: 0, stdout: CANARY, stderr: '' });
  });

  it('never writes the canary secret in plain text under the data directory or in list/show output', async () => {
    for (const file of filesUnder(dir)) {
      const bytes = readFileSync(file);
      expect(bytes.includes(CANARY), file).toBe(false);
      expect(bytes.includes(Buffer.from(CANARY).toString('base64')), file).toBe(false);
    }
    const outputs = await Promise.all([
      cli(['list']),
      cli(['list', '--json']),
      ...['AEM prod', 'Cloud Manager', 'Okta', 'Stock'].flatMap((n) => [cli(['show', n]), cli(['show', n, '--json'])]),
      cli(['status']),
    ]);
    for (const out of outputs) {
      expect(out.code).toBe(0);
      expect(out.stdout + out.stderr).not.toContain(CANARY);
    }
  });

  // Windows has no POSIX modes to check.
  it.skipIf(process.platform === 'win32')('writes its files readable by the owner only', async () => {
    const own = tempDataDir();
    const ownEnv = { KEYSMITH_HOME: own, KEYSMITH_PASSPHRASE: PASSPHRASE };
    expect((await runCli(['init'], { env: ownEnv })).code).toBe(0);
    expect((await runCli(['add', 'oauth-s2s', '--name', 'x', '--client-id', 'c', '--scopes', 'a', '--client-secret-stdin'], { env: ownEnv, input: CANARY })).code).toBe(0);
    expect(statSync(own).mode & 0o777).toBe(0o700);
    for (const file of filesUnder(own)) expect(statSync(file).mode & 0o777, file).toBe(0o600);
  });

  it('edits fields, clears optional ones, replaces the secret and keeps the rest', async () => {
    expect((await cli(['edit', 'Cloud Manager', '--description', 'CM pipeline', '--org-id', ''])).code).toBe(0);
    expect((await cli(['edit', 'Cloud Manager', '--client-secret-stdin'], 'new-secret-value-000000001\n')).code).toBe(0);
    const shown = JSON.parse((await cli(['show', 'Cloud Manager', '--json'])).stdout);
    expect(shown.description).toBe('CM pipeline');
    expect(shown.orgId).toBeUndefined();
    expect(shown.scopes).toEqual(['openid', 'AdobeID', 'read_organizations']);
    expect((await cli(['secret', 'Cloud Manager'])).stdout).toBe('new-secret-value-000000001');
  });

  it('renames, and removes', async () => {
    expect((await cli(['add', 'apikey', '--name', 'Temp', '--client-id', 'x'])).code).toBe(0);
    expect((await cli(['edit', 'Temp', '--name', 'Temp 2'])).code).toBe(0);
    const removed = await cli(['rm', 'temp 2', '--yes']);
    expect(removed.code).toBe(0);
    expect(removed.stdout).toMatch(/Removed "Temp 2"/);
    expect((await cli(['show', 'Temp 2'])).code).toBe(1);
  });

  describe('bad input: one clear line, exit 1 or 2, vault unchanged', () => {
    const cases: [string, string[], 1 | 2, RegExp, string?][] = [
      ['no command', ['frobnicate'], 2, /unknown command "frobnicate"/],
      ['unknown flag', ['list', '--verbose'], 2, /Unknown option --verbose/],
      ['add without kind', ['add'], 2, /Missing the kind/],
      ['add with unknown kind', ['add', 'saml', '--name', 'x'], 2, /Unknown kind "saml"/],
      ['add without name', ['add', 'apikey', '--client-id', 'x'], 2, /--name is required/],
      ['add with secret in argv', ['add', 'oauth-s2s', '--name', 'x', '--client-secret', 'oops'], 2, /Never pass a client secret as an argument/],
      ['add without secret, not a terminal', ['add', 'oauth-s2s', '--name', 'x', '--client-id', 'c', '--scopes', 'a'], 2, /needs a client secret: pipe it in with --client-secret-stdin/],
      ['add with empty secret', ['add', 'oauth-s2s', '--name', 'x', '--client-id', 'c', '--scopes', 'a', '--client-secret-stdin'], 1, /client secret on standard input was empty/, ''],
      ['add duplicate name, other case', ['add', 'apikey', '--name', 'stock', '--client-id', 'x'], 1, /already exists/],
      ['add without client id', ['add', 'apikey', '--name', 'x'], 2, /--client-id is required: API key integrations need a client id/],
      ['bad org id', ['add', 'jwt', '--name', 'x', '--client-id', 'c', '--org-id', '1234', '--technical-account-id', TECH, '--metascopes', 'm', '--client-secret-stdin'], 1, /--org-id: org id must look like .*@AdobeOrg/, 's'],
      ['bad technical account id', ['add', 'jwt', '--name', 'x', '--client-id', 'c', '--org-id', ORG, '--technical-account-id', 'abc@adobe.com', '--metascopes', 'm', '--client-secret-stdin'], 1, /--technical-account-id: .*@techacct\.adobe\.com/, 's'],
      ['missing metascopes', ['add', 'jwt', '--name', 'x', '--client-id', 'c', '--org-id', ORG, '--technical-account-id', TECH, '--client-secret-stdin'], 2, /--metascopes is required: Service Account \(JWT\) integrations need metascopes/, 's'],
      ['http IMS endpoint', ['add', 'oauth-s2s', '--name', 'x', '--client-id', 'c', '--scopes', 'a', '--ims-endpoint', 'http://ims.example.com', '--client-secret-stdin'], 1, /--ims-endpoint: .*must use https/, 's'],
      ['IMS endpoint with a path', ['add', 'oauth-s2s', '--name', 'x', '--client-id', 'c', '--scopes', 'a', '--ims-endpoint', 'https://ims-na1.adobelogin.com/ims/token/v3', '--client-secret-stdin'], 1, /--ims-endpoint: .*host only/, 's'],
      ['token URL not a URL', ['add', 'oauth2', '--name', 'x', '--client-id', 'c', '--token-url', 'not a url', '--client-secret-stdin'], 1, /--token-url: .*is not a URL/, 's'],
      ['bad auth method', ['add', 'oauth2', '--name', 'x', '--client-id', 'c', '--token-url', 'https://a.example/token', '--auth-method', 'basic', '--client-secret-stdin'], 1, /--auth-method: auth method must be one of client_secret_basic/, 's'],
      ['flag of another kind', ['add', 'apikey', '--name', 'x', '--client-id', 'c', '--metascopes', 'm'], 2, /--metascopes does not apply to apiKey/],
      ['secret for an API key', ['add', 'apikey', '--name', 'x', '--client-id', 'c', '--client-secret-stdin'], 2, /apiKey integrations have no client secret/, 's'],
      ['control characters in name', ['add', 'apikey', '--name', 'a\u0007b', '--client-id', 'c'], 1, /--name: name must not contain control characters/],
      ['show unknown', ['show', 'nope'], 1, /No integration named "nope"/],
      ['show without name', ['show'], 2, /Missing the name/],
      ['show with two names', ['show', 'a', 'b'], 2, /Unexpected argument "b"/],
      ['edit unknown', ['edit', 'nope', '--description', 'x'], 1, /No integration named "nope"/],
      ['edit nothing', ['edit', 'Stock'], 2, /Nothing to change/],
      ['edit kind-specific flag', ['edit', 'Stock', '--scopes', 'a'], 2, /--scopes does not apply/],
      ['edit to a taken name', ['edit', 'Stock', '--name', 'okta'], 1, /already exists/],
      ['edit clearing a required field', ['edit', 'AEM prod', '--org-id', ''], 1, /--org-id: Service Account \(JWT\) integrations need an org id/],
      ['rm unknown', ['rm', 'nope', '--yes'], 1, /No integration named "nope"/],
      ['secret of an API key', ['secret', 'Stock'], 1, /API key integrations have no client secret/],
      ['init twice', ['init'], 1, /already exists/],
      ['help for unknown command', ['help', 'nope'], 2, /no command "nope"/],
    ];
    for (const [title, args, code, pattern, input] of cases) {
      it(title, async () => {
        const before = snapshot();
        expectOneLineError(await cli(args, input), code, pattern);
        expect(snapshot()).toEqual(before);
      });
    }

    it('wrong passphrase', async () => {
      const before = snapshot();
      expectOneLineError(await runCli(['list'], { env: { ...env, KEYSMITH_PASSPHRASE: 'wrong' } }), 1, /Wrong passphrase/);
      expect(snapshot()).toEqual(before);
    });

    it('a first add with bad input creates no vault and reads no secret', async () => {
      const empty = tempDataDir();
      const env = { KEYSMITH_HOME: empty, KEYSMITH_PASSPHRASE: 'first use passphrase' };
      const bad = await runCli(['add', 'jwt', '--name', 'x', '--client-id', 'c', '--org-id', 'nope', '--technical-account-id', TECH, '--metascopes', 'm', '--client-secret-stdin'], { env, input: CANARY });
      expectOneLineError(bad, 1, /--org-id: org id must look like/);
      const noSecret = await runCli(['add', 'oauth-s2s', '--name', 'x', '--client-id', 'c', '--scopes', 'a', '--client-secret-stdin'], { env, input: '' });
      expectOneLineError(noSecret, 1, /was empty/);
      expect(() => statSync(empty)).toThrow();
    });

    it('a read command on a missing vault does not create one', async () => {
      const empty = tempDataDir();
      const listed = await runCli(['list', '--json'], { env: { KEYSMITH_HOME: empty } });
      expect(listed).toMatchObject({ code: 0, stdout: '[]\n' });
      expectOneLineError(await runCli(['show', 'x'], { env: { KEYSMITH_HOME: empty } }), 1, /No vault at .*keysmith init/);
      expect(() => statSync(empty)).toThrow();
    });
  });
});
