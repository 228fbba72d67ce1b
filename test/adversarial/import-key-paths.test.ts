/**
 * A key path named by an import file is read only inside that file's folder (symlinks resolved), or,
 * for aio's own global config, from a file outside that is a PEM private key and not in a hidden
 * folder. A hostile file naming ~/.ssh/id_rsa gets a warning and the rest of its credential.
 */
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { keyFileReader } from '../../electron/core/interop/import/key-file-reader';
import { parseImportFile } from '../../electron/core/interop/import/parse-import';
import { runCli, tempDataDir } from '../support/cli';
import { makeKeys, type TestKeys } from '../fixtures/import/fixtures';

let keys: TestKeys;
beforeAll(async () => {
  keys = await makeKeys();
});

const ENV = (keyPath: string) =>
  [
    'CLIENT_ID=9a1c3e5f7b8d0e2f4a6b8c0d2e4f6a8b',
    'CLIENT_SECRET=p8e-FAKEkeyPath0000000000000000000000',
    'IMS_ORG_ID=1A2B3C4D5E6F7A8B9C0D1E2F@AdobeOrg',
    'TECHNICAL_ACCOUNT_ID=4C5D6E7F8091A2B3C4D5E6F7@techacct.adobe.com',
    'METASCOPES=ent_user_sdk',
    `PRIVATE_KEY_PATH=${keyPath}`,
    '',
  ].join('\n');

/** A home with a private key where ssh keeps one, and a downloaded project folder beside it. */
function layout() {
  const root = mkdtempSync(path.join(tmpdir(), 'keysmith-keypaths-'));
  const home = path.join(root, 'home');
  const ssh = path.join(home, '.ssh');
  const project = path.join(home, 'Downloads', 'project');
  mkdirSync(ssh, { recursive: true });
  mkdirSync(path.join(project, 'keys'), { recursive: true });
  writeFileSync(path.join(ssh, 'id_rsa'), keys.pkcs1, { mode: 0o600 });
  writeFileSync(path.join(project, 'keys', 'private.key'), keys.pkcs8, { mode: 0o600 });
  return { root, home, ssh, project };
}

async function importEnv(dir: string, keyPath: string) {
  writeFileSync(path.join(dir, '.env'), ENV(keyPath));
  const plan = await parseImportFile(Buffer.from(ENV(keyPath)), { fileName: '.env', baseDir: dir, readFile: keyFileReader(dir) });
  return plan.candidates[0]!;
}

describe('key paths an import file names', () => {
  it('inside the file\'s folder or below it are read, however the path is spelled', async () => {
    const { project } = layout();
    for (const spelled of ['./keys/private.key', 'keys/../keys/private.key', path.join(project, 'keys', 'private.key')]) {
      const candidate = await importEnv(project, spelled);
      expect(candidate.key?.privateKeyPem, spelled).toBe(keys.pkcs8);
      expect(candidate.warnings).toEqual([]);
      expect(candidate.keyAction).toBeUndefined();
    }
  });

  it.each([
    ['a relative path climbing out', (_l: ReturnType<typeof layout>) => '../../.ssh/id_rsa'],
    ['an absolute path', (l: ReturnType<typeof layout>) => path.join(l.ssh, 'id_rsa')],
    ['a ~ path', (_l: ReturnType<typeof layout>) => '~/.ssh/id_rsa'],
  ])('outside the folder (%s) are not read: a warning, the generate_key action, and the credential kept', async (_what, keyPath) => {
    const l = layout();
    const candidate = await importEnv(l.project, keyPath(l));
    expect(candidate.key).toBeUndefined();
    expect(candidate.keyAction).toBe('generate_key');
    expect(candidate.warnings).toHaveLength(1);
    expect(candidate.warnings[0]).toMatch(/names the key file .*, which was not read: it is outside the folder of the file being imported/);
    expect(candidate.warnings[0]).not.toContain('BEGIN');
    // Nothing else is lost.
    expect(candidate.fields).toMatchObject({ kind: 'jwt', clientId: '9a1c3e5f7b8d0e2f4a6b8c0d2e4f6a8b', clientSecrets: ['p8e-FAKEkeyPath0000000000000000000000'] });
  });

  it('through a symlink inside the folder that points outside are not read', async () => {
    const l = layout();
    symlinkSync(path.join(l.ssh, 'id_rsa'), path.join(l.project, 'keys', 'innocent.key'));
    symlinkSync(l.ssh, path.join(l.project, 'sshdir'));
    for (const keyPath of ['keys/innocent.key', 'sshdir/id_rsa']) {
      const candidate = await importEnv(l.project, keyPath);
      expect(candidate.key, keyPath).toBeUndefined();
      expect(candidate.warnings[0]).toMatch(/outside the folder/);
    }
  });

  it('inside a folder reached through a symlink: a missing one is reported missing, not outside', async () => {
    const l = layout();
    const linked = path.join(l.root, 'linked-project');
    symlinkSync(l.project, linked);
    expect((await importEnv(linked, './keys/private.key')).key?.privateKeyPem).toBe(keys.pkcs8);
    const missing = await importEnv(linked, './keys/missing.key');
    expect(missing.warnings).toEqual([expect.stringMatching(/keys\/missing\.key, but it does not exist/)]);
    expect(missing.keyAction).toBe('generate_key');
  });

  it('are refused by the real CLI too, which imports the rest', async () => {
    const l = layout();
    writeFileSync(path.join(l.project, 'credentials.env'), ENV(path.join(l.ssh, 'id_rsa')));
    const result = await runCli(['import', path.join(l.project, 'credentials.env'), '--dry-run'], { env: { KEYSMITH_HOME: tempDataDir(), KEYSMITH_PASSPHRASE: 'key paths' } });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/warning: .*id_rsa, which was not read: it is outside the folder of the file being imported/);
    expect(result.stdout + result.stderr).not.toContain('BEGIN');
    expect(result.stdout).toMatch(/Would import/);
  }, 60_000);
});

describe('the key an import could not bring, in the real CLI', () => {
  const NEXT = 'next: create one with `keysmith keygen "credentials"` or import one with `keysmith import-key "credentials" FILE`';

  it('--dry-run follows the warning with the next step, naming the integration', async () => {
    const l = layout();
    writeFileSync(path.join(l.project, 'credentials.env'), ENV(path.join(l.ssh, 'id_rsa')));
    const result = await runCli(['import', path.join(l.project, 'credentials.env'), '--dry-run'], { env: { KEYSMITH_HOME: tempDataDir(), KEYSMITH_PASSPHRASE: 'key paths passphrase' } });
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stderr.trimEnd().split('\n');
    const warning = lines.findIndex((line) => /^warning: .*id_rsa, which was not read/.test(line));
    expect(warning, result.stderr).toBeGreaterThanOrEqual(0);
    expect(lines[warning + 1]).toBe(NEXT);
  }, 60_000);

  it('a real import says it too, and the integration it added is the one named', async () => {
    const l = layout();
    const env = { KEYSMITH_HOME: tempDataDir(), KEYSMITH_PASSPHRASE: 'key paths passphrase' };
    writeFileSync(path.join(l.project, 'credentials.env'), ENV(path.join(l.ssh, 'id_rsa')));
    const result = await runCli(['import', path.join(l.project, 'credentials.env')], { env });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr.split('\n')).toContain(NEXT);
    expect(result.stdout).toMatch(/add +"credentials"/);
    // The hint's command works as written: the key it asks for can be generated.
    const keygen = await runCli(['keygen', 'credentials', '--cert-out', path.join(l.root, 'credentials.crt')], { env });
    expect(keygen.code, keygen.stderr).toBe(0);
  }, 120_000);

  it('--json carries the action by name, and null where the key came along', async () => {
    const l = layout();
    writeFileSync(path.join(l.project, 'outside.env'), ENV(path.join(l.ssh, 'id_rsa')));
    writeFileSync(path.join(l.project, 'inside.env'), ENV('./keys/private.key'));
    const env = { KEYSMITH_HOME: tempDataDir(), KEYSMITH_PASSPHRASE: 'key paths passphrase' };
    const outside = await runCli(['import', path.join(l.project, 'outside.env'), '--dry-run', '--json'], { env });
    expect(outside.code, outside.stderr).toBe(0);
    const [planned] = (JSON.parse(outside.stdout) as { plan: Record<string, unknown>[] }).plan;
    expect(planned).toMatchObject({ name: 'outside', keyAction: 'generate_key', keyFingerprint: null });
    expect(planned!.warnings).toEqual([expect.stringMatching(/id_rsa, which was not read/)]);
    const inside = await runCli(['import', path.join(l.project, 'inside.env'), '--dry-run', '--json'], { env });
    expect(inside.code, inside.stderr).toBe(0);
    expect((JSON.parse(inside.stdout) as { plan: Record<string, unknown>[] }).plan[0]).toMatchObject({ keyAction: null, warnings: [] });
  }, 60_000);
});

describe("aio's global config at its home ($XDG_CONFIG_HOME/aio)", () => {
  const saved = process.env.XDG_CONFIG_HOME;
  afterEach(() => {
    if (saved === undefined) delete process.env.XDG_CONFIG_HOME;
    else process.env.XDG_CONFIG_HOME = saved;
  });

  async function importAioHome(privateKey: string, configHome: string) {
    process.env.XDG_CONFIG_HOME = configHome;
    mkdirSync(configHome, { recursive: true });
    const config = JSON.stringify({
      ims: { contexts: { ctx: { client_id: 'abc', client_secret: 'p8e-FAKEx000', technical_account_id: 'A1@techacct.adobe.com', ims_org_id: '1A2B3C4D5E6F7A8B9C0D1E2F@AdobeOrg', meta_scopes: ['m'], private_key: privateKey } } },
    });
    writeFileSync(path.join(configHome, 'aio'), config);
    const plan = await parseImportFile(Buffer.from(config), { fileName: 'aio', baseDir: configHome, readFile: keyFileReader(configHome) });
    return plan.candidates[0]!;
  }

  it('may name a private key outside its folder, as aio allows', async () => {
    const l = layout();
    const candidate = await importAioHome(path.join(l.project, 'keys', 'private.key'), path.join(l.home, '.config'));
    expect(candidate.key?.privateKeyPem).toBe(keys.pkcs8);
    expect(candidate.warnings).toEqual([]);
  });

  it('may not name one in a hidden folder such as ~/.ssh', async () => {
    const l = layout();
    const candidate = await importAioHome(path.join(l.ssh, 'id_rsa'), path.join(l.home, '.config'));
    expect(candidate.key).toBeUndefined();
    expect(candidate.keyAction).toBe('generate_key');
    expect(candidate.warnings[0]).toMatch(/which was not read: it is in a hidden folder/);
  });

  it('may not name a file outside that is not a PEM private key', async () => {
    const l = layout();
    const cert = path.join(l.project, 'cert.pem');
    writeFileSync(cert, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
    const candidate = await importAioHome(cert, path.join(l.home, '.config'));
    expect(candidate.key).toBeUndefined();
    expect(candidate.warnings[0]).toMatch(/which was not imported: it is outside the aio config's folder and is not a PEM private key/);
  });

  it('a file named aio elsewhere (a download) gets no exception', async () => {
    const l = layout();
    process.env.XDG_CONFIG_HOME = path.join(l.home, '.config');
    const config = JSON.stringify({ ims: { contexts: { ctx: { client_id: 'abc', client_secret: 'p8e-FAKEx000', technical_account_id: 'A1@techacct.adobe.com', ims_org_id: '1A2B3C4D5E6F7A8B9C0D1E2F@AdobeOrg', meta_scopes: ['m'], private_key: path.join(l.root, 'elsewhere.key') } } } });
    writeFileSync(path.join(l.root, 'elsewhere.key'), readFileSync(path.join(l.project, 'keys', 'private.key')));
    writeFileSync(path.join(l.project, 'aio'), config);
    const plan = await parseImportFile(Buffer.from(config), { fileName: 'aio', baseDir: l.project, readFile: keyFileReader(l.project) });
    expect(plan.candidates[0]!.key).toBeUndefined();
    expect(plan.candidates[0]!.warnings[0]).toMatch(/outside the folder of the file being imported/);
  });
});
