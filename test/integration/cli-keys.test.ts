/**
 * Keypairs through the built CLI on a real vault, checked by the real openssl: generation,
 * rotation, import in every PEM form openssl writes, export, and the private key never showing up
 * on disk or in output except through an explicit export.
 *
 * Two vaults are prepared once through the CLI, "bare" (the JWT integration, no key) and "keyed"
 * (the same with one generated key), and the openssl-made key files once; each test works on its
 * own copy of a vault and writes its files into its own folder.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli, tempDataDir, type CliResult } from '../support/cli';
import { copyDataDir } from '../support/data-dir-template';
import { requireTool } from '../support/requirements';

const ORG = '1234567890ABCDEF12345678@AdobeOrg';
const TECH = 'ABCDEF0123456789@techacct.adobe.com';
const NAME = 'AEM prod';
const OPENSSL = requireTool('openssl', 'keys and certificates are made or checked by the real openssl');

const PASSPHRASE = 'keys test passphrase';
const FINGERPRINT = /Fingerprint \(SHA-256\): ([0-9A-F:]{95})/;

/** Prepared once: see the header. Tests only read these. */
const templates = { bare: '', keyed: '', keyedFingerprint: '', keyedCertificate: '' };
/** Key and certificate files made by openssl, shared read-only. */
let fixtures: string;
const fixture = (name: string) => path.join(fixtures, name);

/** The current test's data directory (a copy of a template) and its own folder for files. */
let dir: string;
let work: string;
let env: NodeJS.ProcessEnv;
const cli = (args: string[], input?: string) => runCli(args, { env, input });
const openssl = (...args: string[]) => execFileSync(OPENSSL!, args, { cwd: work, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const at = (name: string) => path.join(work, name);
/** Key and certificate flags name files: fixtures, unless the test wrote them itself. */
const fileFlags = (flags: string[]) => flags.map((f) => (f.endsWith('.key') || f.endsWith('.crt') ? fixture(f) : f));

function startFrom(template: string): void {
  dir = copyDataDir(template);
  env = { KEYSMITH_HOME: dir, KEYSMITH_PASSPHRASE: PASSPHRASE };
}

function filesUnder(root: string): string[] {
  return readdirSync(root).flatMap((name) => {
    const full = path.join(root, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

const snapshot = () => filesUnder(dir).map((f) => [path.basename(f), readFileSync(f).toString('base64')]);

function expectOneLineError(result: CliResult, pattern: RegExp): void {
  expect(result.code, result.stderr).toBe(1);
  expect(result.stderr.trim().split('\n')).toHaveLength(1);
  expect(result.stderr).toMatch(pattern);
}

async function certsJson(): Promise<{ fingerprintSha256: string; notAfter: string; bits: number; active: boolean; origin: string }[]> {
  const result = await cli(['certs', NAME, '--json']);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout);
}

/** A 64-character line from the middle of a PEM body: unique to that key. */
const bodyLine = (pem: string) => pem.split('\n').filter((l) => l.length === 64)[5]!;

async function ok(args: string[], input?: string): Promise<string> {
  const result = await cli(args, input);
  expect(result.code, result.stderr).toBe(0);
  return result.stdout;
}

async function addJwt(name: string): Promise<void> {
  await ok(['add', 'jwt', '--name', name, '--client-id', 'c', '--org-id', ORG, '--technical-account-id', TECH, '--metascopes', 'ent_aem_cloud_api', '--client-secret-stdin'], 's3cret');
}

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'keysmith-keys-templates-'));
  templates.bare = tempDataDir();
  env = { KEYSMITH_HOME: templates.bare, KEYSMITH_PASSPHRASE: PASSPHRASE };
  await addJwt(NAME);
  startFrom(templates.bare);
  templates.keyedCertificate = at('keyed.crt');
  templates.keyedFingerprint = (await ok(['keygen', NAME, '--cert-out', templates.keyedCertificate])).match(FINGERPRINT)![1]!;
  templates.keyed = dir;

  fixtures = mkdtempSync(path.join(tmpdir(), 'keysmith-keys-fixtures-'));
  work = fixtures;
  openssl('req', '-x509', '-sha256', '-nodes', '-days', '365', '-newkey', 'rsa:2048', '-keyout', 'adobe.key', '-out', 'adobe.crt', '-subj', '/CN=adobe-doc');
  openssl('rsa', '-in', 'adobe.key', '-traditional', '-out', 'adobe-pkcs1.key');
  openssl('pkcs8', '-topk8', '-v2', 'aes-256-cbc', '-in', 'adobe.key', '-passout', 'pass:key pass', '-out', 'adobe-enc.key');
  openssl('req', '-x509', '-sha256', '-nodes', '-days', '30', '-newkey', 'rsa:2048', '-keyout', 'other.key', '-out', 'other.crt', '-subj', '/CN=other');
  openssl('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', 'ec.key');
  writeFileSync(fixture('garbage.key'), 'this is not a key\n');
  const pem = readFileSync(fixture('adobe.key'), 'utf8');
  writeFileSync(fixture('truncated.key'), pem.slice(0, Math.floor(pem.length / 2)));
  writeFileSync(fixture('huge.key'), Buffer.alloc(10 * 1024 * 1024, 'A'));
});

beforeEach(() => {
  work = mkdtempSync(path.join(tmpdir(), 'keysmith-keys-'));
  startFrom(templates.bare);
});

describe.skipIf(OPENSSL === null)('keysmith keygen', () => {
  it('makes a key and a certificate openssl accepts, with the fingerprint openssl computes', async () => {
    const result = await cli(['keygen', NAME, '--cert-out', at('first.crt'), '--org', 'Acme', '--country', 'US']);
    expect(result.code, result.stderr).toBe(0);
    const fingerprint = result.stdout.match(FINGERPRINT)![1]!;
    expect(result.stdout).toContain(at('first.crt'));

    const text = openssl('x509', '-in', at('first.crt'), '-noout', '-text');
    expect(text).toMatch(/Signature Algorithm: sha256WithRSAEncryption/);
    expect(text).toMatch(/Public-Key: \(2048 bit\)/);
    expect(text).toMatch(/Subject: C ?= ?US, O ?= ?Acme, CN ?= ?AEM prod/);
    expect(openssl('verify', '-CAfile', at('first.crt'), at('first.crt'))).toMatch(/: OK/);
    expect(openssl('x509', '-in', at('first.crt'), '-noout', '-fingerprint', '-sha256').trim()).toBe(`sha256 Fingerprint=${fingerprint}`);

    const [key] = await certsJson();
    expect(key).toMatchObject({ fingerprintSha256: fingerprint, bits: 2048, active: true, origin: 'generated' });
    expect(new Date(key!.notAfter).toISOString()).toBe(key!.notAfter);
    const days = (Date.parse(key!.notAfter) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(364);
    expect(days).toBeLessThanOrEqual(365);
  });

  it('exports the key only on request, 0600, and it belongs to the certificate', async () => {
    startFrom(templates.keyed);
    const refused = await cli(['export-key', NAME]);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe('');
    expect((await cli(['export-key', NAME, '--out', at('first.key')])).code).toBe(0);
    if (process.platform !== 'win32') expect(statSync(at('first.key')).mode & 0o777).toBe(0o600);
    const fromKey = openssl('pkey', '-in', at('first.key'), '-pubout');
    const fromCert = openssl('x509', '-in', templates.keyedCertificate, '-noout', '-pubkey');
    expect(fromKey).toBe(fromCert);
    expectOneLineError(await cli(['export-key', NAME, '--out', at('first.key')]), /already exists: choose another file, or add --force/);
  });

  it('exports the certificate to stdout, byte for byte the one keygen wrote', async () => {
    startFrom(templates.keyed);
    const result = await cli(['export-cert', NAME]);
    expect(result.stdout).toBe(readFileSync(templates.keyedCertificate, 'utf8'));
  });

  it('rotates: a new key waits until chosen, the active one cannot be removed while others exist', async () => {
    startFrom(templates.keyed);
    const fingerprint = templates.keyedFingerprint;
    const second = await cli(['keygen', NAME, '--bits', '3072', '--days', '20', '--cert-out', at('second.crt')]);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toMatch(/then make it the active key: keysmith use-key/);
    expect(second.stderr).toMatch(/expires in 19 days/);
    const newFingerprint = second.stdout.match(FINGERPRINT)![1]!;
    expect((await certsJson()).map((k) => [k.bits, k.active])).toEqual([[2048, true], [3072, false]]);

    const certsTable = await cli(['certs', NAME]);
    expect(certsTable.stderr).toMatch(/warning: certificate .* expires in 19 days/);

    expectOneLineError(await cli(['rm-key', NAME, '--fingerprint', fingerprint]), /is the active key .* use-key/);
    // Lower case, no colons, as copied from elsewhere.
    expect((await cli(['use-key', NAME, '--fingerprint', newFingerprint.replace(/:/g, '').toLowerCase()])).code).toBe(0);
    expect((await cli(['rm-key', NAME, '--fingerprint', fingerprint.slice(0, 11)])).code).toBe(0);
    expect((await certsJson()).map((k) => [k.fingerprintSha256, k.active])).toEqual([[newFingerprint, true]]);
  });

  it.each([
    [['keygen', NAME, '--bits', '1024'], 2, /--bits must be 2048, 3072 or 4096/],
    [['keygen', NAME, '--days', 'ten'], 2, /--days must be a whole number/],
    [['keygen', NAME, '--days', '0'], 1, /days/i],
    [['keygen', NAME, '--country', 'USA'], 1, /country|C /i],
    [['keygen', 'nope'], 1, /No integration named "nope"/],
    [['use-key', NAME, '--fingerprint', 'ABCD'], 1, /64 hex digits/],
    [['use-key', NAME, '--fingerprint', 'AB'.repeat(32)], 1, /no key with that fingerprint/],
    [['use-key', NAME], 2, /--fingerprint is required/],
  ])('refuses %j clearly and changes nothing', async (args, code, pattern) => {
    startFrom(templates.keyed);
    const before = snapshot();
    const result = await cli(args as string[]);
    expect(result.code, result.stderr).toBe(code);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(pattern as RegExp);
    expect(snapshot()).toEqual(before);
  });
});

describe.skipIf(OPENSSL === null)('keysmith import-key', () => {
  const adobeFingerprint = () => openssl('x509', '-in', fixture('adobe.crt'), '-noout', '-fingerprint', '-sha256').trim().split('=')[1]!;

  it.each([
    ['PKCS#8 with its certificate', ['--key', 'adobe.key', '--cert', 'adobe.crt'], undefined],
    ['PKCS#1 with its certificate', ['--key', 'adobe-pkcs1.key', '--cert', 'adobe.crt'], undefined],
    ['encrypted PKCS#8, passphrase on stdin', ['--key', 'adobe-enc.key', '--cert', 'adobe.crt', '--passphrase-stdin'], 'key pass\n'],
  ])('round-trips %s', async (_title, flags, input) => {
    const name = `import ${_title}`;
    await addJwt(name);
    const args = ['import-key', name, ...fileFlags(flags)];
    const result = await cli(args, input);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(adobeFingerprint());
    const out = at(`${name.replace(/\W+/g, '-')}.pem`);
    expect((await cli(['export-key', name, '--out', out])).code).toBe(0);
    expect(openssl('pkey', '-in', out, '-pubout')).toBe(openssl('pkey', '-in', fixture('adobe.key'), '-pubout'));
  });

  it('makes a certificate for a key imported without one', async () => {
    const name = 'import bare key';
    await addJwt(name);
    const result = await cli(['import-key', name, '--key', fixture('other.key')]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/a new one was made for this key/);
    writeFileSync(at('made.crt'), (await cli(['export-cert', name])).stdout);
    expect(openssl('x509', '-in', at('made.crt'), '-noout', '-pubkey')).toBe(openssl('pkey', '-in', fixture('other.key'), '-pubout'));
  });

  it.each([
    ['a certificate of another key', ['--key', 'adobe.key', '--cert', 'other.crt'], undefined, /does not belong to this private key/],
    ['garbage', ['--key', 'garbage.key'], undefined, /PEM|private key/i],
    ['a truncated PEM', ['--key', 'truncated.key'], undefined, /truncated|incomplete|corrupt|cut/i],
    ['an EC key', ['--key', 'ec.key'], undefined, /need an RSA key; this is an EC key/],
    ['a wrong passphrase', ['--key', 'adobe-enc.key', '--passphrase-stdin'], 'wrong pass\n', /passphrase is wrong/],
    ['a missing passphrase', ['--key', 'adobe-enc.key'], undefined, /encrypted: give its passphrase with --passphrase-stdin/],
    ['a 10 MB file', ['--key', 'huge.key'], undefined, /MiB: a private key file is a few KB, so this is not one/],
    ['a certificate given as the key', ['--key', 'adobe.crt'], undefined, /certificate/i],
    ['a missing file', ['--key', 'nope.key'], undefined, /No such private key file/],
  ])('refuses %s with one clear line and an unchanged vault', async (_title, flags, input, pattern) => {
    startFrom(templates.keyed);
    const before = snapshot();
    const args = ['import-key', NAME, ...fileFlags(flags)];
    const result = await cli(args, input);
    expectOneLineError(result, pattern);
    expect(result.stderr).not.toMatch(/[A-Za-z0-9+/]{40}/); // no key or certificate body quoted
    expect(snapshot()).toEqual(before);
  });
});

describe.skipIf(OPENSSL === null)('private keys stay in the vault', () => {
  it('never appear in clear in the data directory or in any output but an explicit export', async () => {
    startFrom(templates.keyed);
    // A key that was rotated out: removed from the vault, still a real key.
    const removed = at('removed.key');
    await ok(['export-key', NAME, '--out', removed]);
    const second = (await ok(['keygen', NAME, '--cert-out', at('second.crt')])).match(FINGERPRINT)![1]!;
    await ok(['use-key', NAME, '--fingerprint', second]);
    await ok(['rm-key', NAME, '--fingerprint', templates.keyedFingerprint]);
    // One imported from a file.
    await addJwt('Imported');
    await ok(['import-key', 'Imported', '--key', fixture('adobe.key'), '--cert', fixture('adobe.crt')]);
    const active = at('active.key');
    await ok(['export-key', NAME, '--out', active]);
    const markers = [readFileSync(fixture('adobe.key'), 'utf8'), readFileSync(removed, 'utf8'), readFileSync(active, 'utf8')].map(bodyLine);
    for (const file of filesUnder(dir)) {
      const text = readFileSync(file, 'latin1');
      expect(text).not.toMatch(/PRIVATE KEY/);
      for (const marker of markers) expect(text.includes(marker), file).toBe(false);
    }
    const outputs = await Promise.all([
      cli(['list']), cli(['list', '--json']), cli(['show', NAME]), cli(['show', NAME, '--json']),
      cli(['certs', NAME]), cli(['certs', NAME, '--json']), cli(['export-cert', NAME]), cli(['status']),
      cli(['show', 'Imported', '--json']), cli(['certs', 'Imported']),
    ]);
    for (const out of outputs) {
      expect(out.code).toBe(0);
      expect(out.stdout + out.stderr).not.toMatch(/PRIVATE KEY/);
      for (const marker of markers) expect(out.stdout + out.stderr).not.toContain(marker);
    }
  });
});
