/**
 * Hostile files, as an attacker who can hand a user a download, or a path, would craft them:
 * - devices, FIFOs and folders where a credentials, key or bundle file is expected (the size caps
 *   were checked on `stat`, which says 0 for /dev/zero, and a FIFO open blocked forever);
 * - keys that walk out of the object they are assigned into (`constructor_prototype_…` in a .env,
 *   `__proto__` in JSON) and so reach Object.prototype of the process;
 * - terminal control characters and bidi overrides in names and identifiers.
 * Through the real parts: the built CLI on a real vault, the app's IPC router over a real vault
 * session, the real importers and model.
 */
import { execFileSync, spawn } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { chmodSync, closeSync, constants, copyFileSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isKeysmithError, KeysmithError } from '../../electron/core/errors';
import { validateFields, updateIntegration, addIntegration } from '../../electron/core/integration-store';
import { parseImportFile } from '../../electron/core/interop/import/parse-import';
import { encodeBundle } from '../../electron/core/interop/bundle/bundle-frame';
import { deriveFromPassphrase, randomKey, seal } from '../../electron/core/crypto-primitives';
import { emptyDocument } from '../../electron/core/vault-document';
import { readInputBytes } from '../../electron/core/bounded-read';
import type { ImportPreview } from '../../electron/shared/ipc/contract';
import { CLI, type CliResult } from '../support/cli';
import { createHarness, type Harness } from '../support/ipc-harness';

const PASSPHRASE = 'hostile files passphrase';
const ORG = '1234567890ABCDEF12345678@AdobeOrg';
const TECH = 'ABCDEF0123456789@techacct.adobe.com';
const LINUX = process.platform === 'linux';
const POSIX = process.platform !== 'win32';
const HAS_DEV_ZERO = POSIX && existsSync('/dev/zero');

if (!HAS_DEV_ZERO) console.warn('hostile-files: no /dev/zero on this platform, so the device cases are skipped');
if (!POSIX) console.warn('hostile-files: no FIFOs on Windows, so the FIFO cases are skipped');

let work: string;
let env: NodeJS.ProcessEnv;
const fifos: string[] = [];

beforeEach(() => {
  work = mkdtempSync(path.join(tmpdir(), 'keysmith-hostile-'));
  env = { KEYSMITH_HOME: path.join(work, 'data'), KEYSMITH_PASSPHRASE: PASSPHRASE };
});

afterEach(() => {
  // A reader still blocked in open() on one of these (the defect) is released by a writer's open and close.
  for (const fifo of fifos.splice(0)) {
    try {
      closeSync(openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK));
    } catch {
      // ENXIO: nobody is reading it, which is how it should be.
    }
  }
  for (const key of ['polluted', 'pwned', 'technicalAccountEmail', 'client_id']) {
    delete (Object.prototype as Record<string, unknown>)[key];
  }
});

const at = (name: string) => path.join(work, name);
function file(name: string, content: string | Buffer): string {
  writeFileSync(at(name), content);
  return at(name);
}
function fifo(name: string): string {
  const p = at(name);
  execFileSync('mkfifo', [p]);
  fifos.push(p);
  return p;
}

/**
 * The built CLI, with its address space capped on Linux (so the defect, a read of /dev/zero that
 * never ends, dies at the cap instead of taking the machine's memory) and killed if it never ends
 * (the FIFO defect). Neither limit is near what a correct run needs.
 */
function cli(args: string[], input = ''): Promise<CliResult & { killed: boolean }> {
  return new Promise((resolve, reject) => {
    const child = LINUX
      ? spawn('sh', ['-c', 'ulimit -v 3000000 && exec "$0" "$@"', process.execPath, CLI, ...args], { env: { ...process.env, ...env } })
      : spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    let killed = false;
    const timer = setTimeout(() => {
      killed = true;
      child.kill('SIGKILL');
    }, 60_000);
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr, killed });
    });
    child.stdin.end(input);
  });
}

async function ok(args: string[], input?: string): Promise<string> {
  const result = await cli(args, input);
  expect(result.code, result.stderr).toBe(0);
  return result.stdout;
}

function expectOneLineError(result: CliResult & { killed: boolean }, pattern: RegExp): void {
  expect(result.killed, 'the command never finished').toBe(false);
  expect(result.code, result.stderr).toBe(1);
  expect(result.stderr.trim().split('\n')).toHaveLength(1);
  expect(result.stderr).toMatch(pattern);
}

const vaultBytes = () => readFileSync(path.join(work, 'data', 'vault.ksv'));

let template: string | undefined;

/**
 * A passphrase vault holding one JWT integration (without a key) named "AEM prod", in this test's
 * own data directory: made once by the CLI, then copied, since every `init` and unlock costs a
 * 128 MiB scrypt run.
 */
async function freshVault(): Promise<void> {
  if (template === undefined) {
    const own = env;
    env = { ...env, KEYSMITH_HOME: path.join(mkdtempSync(path.join(tmpdir(), 'keysmith-hostile-template-')), 'data') };
    await ok(['init', '--passphrase']);
    await ok(
      ['add', 'jwt', '--name', 'AEM prod', '--client-id', 'cm-client', '--org-id', ORG, '--technical-account-id', TECH, '--metascopes', 'ent_aem_cloud_api', '--client-secret-stdin'],
      'p8e-hostile-secret\n',
    );
    template = env.KEYSMITH_HOME!;
    env = own;
  }
  mkdirSync(path.join(work, 'data'), { mode: 0o700 });
  copyFileSync(path.join(template, 'vault.ksv'), path.join(work, 'data', 'vault.ksv'));
  chmodSync(path.join(work, 'data', 'vault.ksv'), 0o600);
}

/**
 * A bundle around any payload, with real crypto: what a hostile sender makes, who does not use
 * sealBundle (which checks what it seals) to make it.
 */
async function hostileBundle(payload: string, passphrase: string): Promise<Buffer> {
  const scrypt = { N: 2 ** 12, r: 8, p: 1 };
  const salt = randomBytes(16);
  const kek = await deriveFromPassphrase(passphrase, salt, scrypt);
  const dataKey = randomKey();
  const wrap = seal(kek, dataKey, Buffer.from('keysmith-bundle-key:v1', 'utf8'));
  return encodeBundle(
    {
      kdf: { name: 'scrypt', ...scrypt, salt: salt.toString('base64') },
      wrap: { nonce: wrap.nonce.toString('base64'), key: wrap.box.toString('base64') },
      createdAt: '2025-01-01T00:00:00.000Z',
      count: 1,
    },
    dataKey,
    Buffer.from(payload, 'utf8'),
  );
}

function pkcs8Key(): string {
  return generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
}

describe('a device, FIFO or folder named as an input file is refused at once (CLI)', () => {
  const devices: [string, (p: string) => string[], RegExp][] = [
    ['import', (p) => ['import', p], /is a device, not a credentials file/],
    ['import-key --key', (p) => ['import-key', 'AEM prod', '--key', p], /is a device, not a private key file/],
    ['import-key --cert', (p) => ['import-key', 'AEM prod', '--key', at('good.key'), '--cert', p], /is a device, not a certificate file/],
    ['bundle import', (p) => ['bundle', 'import', p, '--passphrase-stdin'], /is a device, not a bundle file/],
    ['migrate --from', (p) => ['migrate', 'AEM prod', '--from', p], /is a device, not a Console project file/],
  ];

  it.skipIf(!HAS_DEV_ZERO).each(devices)('%s /dev/zero: one sentence, the vault untouched', async (_title, args, pattern) => {
    await freshVault();
    file('good.key', pkcs8Key());
    const before = vaultBytes();
    const result = await cli(args('/dev/zero'), 'bundle passphrase\n');
    expectOneLineError(result, pattern);
    expect(result.stderr).toMatch(/^keysmith: \/dev\/zero is a device/);
    expect(vaultBytes()).toEqual(before);
  });

  it.skipIf(!POSIX).each(devices.map(([title, args, pattern]) => [title, args, new RegExp(pattern.source.replace('a device', 'a FIFO \\(named pipe\\)'))] as const))(
    '%s on a FIFO returns at once',
    async (_title, args, pattern) => {
      await freshVault();
      file('good.key', pkcs8Key());
      const before = vaultBytes();
      expectOneLineError(await cli(args(fifo('input.fifo')), 'bundle passphrase\n'), pattern);
      expect(vaultBytes()).toEqual(before);
    },
  );

  it('a folder is refused with the same kind of sentence', async () => {
    mkdirSync(at('folder'));
    expectOneLineError(await cli(['import', at('folder')]), /folder is a folder, not a credentials file/);
    expectOneLineError(await cli(['import-key', 'AEM prod', '--key', at('folder')]), /folder is a folder, not a private key file/);
  });

  it.skipIf(!HAS_DEV_ZERO || !POSIX)('a key path inside an import file that names a device or a FIFO is a warning, and the credential still imports', async () => {
    await freshVault();
    const pipe = fifo('key.fifo');
    const env1 = file(
      'creds.env',
      [
        'JWT_CLIENT_ID=jwt-client',
        'JWT_CLIENT_SECRET=p8e-hostile-jwt',
        `JWT_IMS_ORG=${ORG}`,
        `JWT_TECHNICAL_ACCOUNT_ID=${TECH}`,
        'JWT_METASCOPES=ent_aem_cloud_api',
        'JWT_PRIVATE_KEY_PATH=/dev/zero',
        'OAUTH_CLIENT_ID=s2s-client',
        'OAUTH_CLIENT_SECRETS=["p8e-hostile-s2s"]',
        'OAUTH_SCOPES=openid',
        `OAUTH_IMS_ORG_ID=${ORG}`,
        '',
      ].join('\n'),
    );
    const result = await cli(['import', env1]);
    expect(result.killed).toBe(false);
    expect(result.code, result.stderr).toBe(0);
    // Outside the import file's folder, so never even opened (a FIFO beside it is opened, and refused, below).
    expect(result.stderr).toMatch(/JWT_PRIVATE_KEY_PATH names the key file \/dev\/zero, which was not read: it is outside the folder of the file being imported/);

    const aio = file('aio.json', JSON.stringify({ ims: { contexts: { piped: { client_id: 'piped-client', ims_org_id: ORG, technical_account_id: TECH, meta_scopes: ['ent_aem_cloud_api'], client_secrets: ['p8e-x'], private_key: pipe } } } }));
    const piped = await cli(['import', aio]);
    expect(piped.killed).toBe(false);
    expect(piped.code, piped.stderr).toBe(0);
    expect(piped.stderr).toMatch(/is a FIFO \(named pipe\), not a private key file/);
  });
});

describe('the shared reader', () => {
  it('reads a regular file up to the cap and refuses one byte more', async () => {
    const exact = file('exact.txt', Buffer.alloc(1000, 'a'));
    expect((await readInputBytes(exact, 'test', 1000)).length).toBe(1000);
    const over = file('over.txt', Buffer.alloc(1001, 'a'));
    await expect(readInputBytes(over, 'test', 1000)).rejects.toThrow(/over.txt is larger than 1000 bytes: a test file is a few KB, so this is not one/);
  });

  it.skipIf(!LINUX)('counts the bytes it reads, not the size stat reports (a file that grows, or a /proc file that says 0)', async () => {
    // /proc/self/status is a regular file whose stat size is 0 but which reads about 1.5 KB.
    await expect(readInputBytes('/proc/self/status', 'test', 100)).rejects.toThrow(/is larger than 100 bytes/);
  });

  it('says which file is missing', async () => {
    await expect(readInputBytes(at('nope.env'), 'credentials', 1000)).rejects.toThrow(/^No such credentials file: /);
  });
});

describe('a device or FIFO chosen in the app', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness({ passphrase: PASSPHRASE });
    const unlocked = await h.call('vault:unlock', { method: 'passphrase', passphrase: PASSPHRASE });
    expect(unlocked.ok).toBe(true);
    const created = await h.call('integrations:create', {
      fields: { kind: 'jwt', name: 'AEM prod', clientId: 'cm-client', clientSecrets: ['p8e-x'], orgId: ORG, technicalAccountId: TECH, metascopes: ['ent_aem_cloud_api'] },
    });
    expect(created.ok, JSON.stringify(created)).toBe(true);
  });
  afterEach(() => h.dispose());

  async function refusal(channel: string, request?: unknown): Promise<string> {
    const result = await h.call(channel, request);
    expect(result.ok, JSON.stringify(result)).toBe(false);
    if (result.ok) throw new Error('unreachable');
    expect(result.error.code).toBe('invalid_input');
    return result.error.message;
  }

  it.skipIf(!HAS_DEV_ZERO)('import of /dev/zero is refused in one sentence', async () => {
    h.dialogs.openQueue.push(['/dev/zero']);
    expect(await refusal('interop:importPreview')).toBe('/dev/zero is a device, not a credentials file');
  });

  it.skipIf(!POSIX)('four FIFOs chosen at once do not wedge the app: each is refused, and the next call answers', async () => {
    for (let i = 0; i < 4; i++) h.dialogs.openQueue.push([fifo(`import-${i}.fifo`)]);
    h.dialogs.openQueue.push([fifo('key.fifo')]);
    const refusals = await Promise.all([
      ...[0, 1, 2, 3].map(() => refusal('interop:importPreview')),
      refusal('keypairs:import', { name: 'AEM prod', source: 'dialog' }),
    ]);
    // Which call took which FIFO from the dialog queue depends on scheduling; what each says does not.
    for (const message of refusals.slice(0, 4)) expect(message).toMatch(/\.fifo is a FIFO \(named pipe\), not a credentials file$/);
    expect(refusals[4]).toMatch(/\.fifo is a FIFO \(named pipe\), not a key or certificate file$/);
    const listed = await h.call('integrations:list');
    expect(listed.ok).toBe(true);
  });

  it.skipIf(!POSIX)('a key path inside an import file that names a FIFO is a warning', async () => {
    const pipe = fifo('key.fifo');
    h.dialogs.openQueue.push([file('aio.json', JSON.stringify({ ims: { contexts: { piped: { client_id: 'piped-client', ims_org_id: ORG, technical_account_id: TECH, meta_scopes: ['ent_aem_cloud_api'], client_secrets: ['p8e-x'], private_key: pipe } } } }))]);
    const preview = await h.call<ImportPreview>('interop:importPreview');
    expect(preview.ok, JSON.stringify(preview)).toBe(true);
    if (!preview.ok || preview.value.cancelled) throw new Error('unreachable');
    expect(preview.value.warnings.join('\n')).toMatch(/is a FIFO \(named pipe\), not a private key file/);
  });
});

describe('keys from a file never reach Object.prototype', () => {
  const POLLUTING_ENV = [
    'AIO_ims_contexts_prod_constructor_prototype_polluted=yes',
    'AIO_ims_contexts_constructor_prototype_pwned=yes',
    'AIO_ims_contexts_prod_client__id=prod-client',
    'AIO_ims_contexts_prod_client__secrets=["p8e-prod"]',
    'AIO_ims_contexts_prod_scopes=["openid"]',
    '',
  ].join('\n');

  it('a .env with AIO_ims_contexts_<name>_constructor_prototype_* imports its real context and pollutes nothing', async () => {
    let plan;
    try {
      plan = await parseImportFile(Buffer.from(POLLUTING_ENV), { fileName: 'polluting.env' });
    } finally {
      expect(Object.prototype).not.toHaveProperty('polluted');
      expect(Object.prototype).not.toHaveProperty('pwned');
    }
    expect(plan.candidates.map((c) => c.fields.clientId)).toEqual(['prod-client']);
  });

  it('aio JSON with "__proto__" and "constructor" contexts and fields pollutes nothing', async () => {
    const text = `{"ims":{"contexts":{
      "__proto__":{"polluted":"yes","client_id":"proto-client","scopes":["openid"],"client_secrets":["p8e-a"]},
      "constructor":{"prototype":{"polluted":"yes"}},
      "prod":{"client_id":"prod-client","scopes":["openid"],"client_secrets":["p8e-b"],"__proto__":{"technicalAccountEmail":"smuggled@example.com"}}
    }},"$ims":{"__proto__":{"pwned":"yes"}}}`;
    const plan = await parseImportFile(Buffer.from(text), { fileName: 'config.json' });
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(Object.prototype).not.toHaveProperty('pwned');
    expect(plan.candidates.map((c) => c.fields.clientId).sort()).toEqual(['prod-client', 'proto-client']);
    for (const c of plan.candidates) expect(c.fields).not.toHaveProperty('technicalAccountEmail');
  });

  it('in the app, importing that .env leaves main working: integrations:create still succeeds', async () => {
    const h = await createHarness({ passphrase: PASSPHRASE });
    try {
      expect((await h.call('vault:unlock', { method: 'passphrase', passphrase: PASSPHRASE })).ok).toBe(true);
      h.dialogs.openQueue.push([file('polluting.env', POLLUTING_ENV)]);
      const preview = await h.call('interop:importPreview');
      expect(preview.ok, JSON.stringify(preview)).toBe(true);
      expect(Object.prototype).not.toHaveProperty('polluted');
      const created = await h.call('integrations:create', { fields: { kind: 'apiKey', name: 'After import', clientId: 'after-client' } });
      expect(created.ok, JSON.stringify(created)).toBe(true);
    } finally {
      h.dispose();
    }
  });

  it('a "__proto__" key in an update (a re-imported bundle) cannot slip fields in', () => {
    const doc = emptyDocument();
    addIntegration(doc, { kind: 'oauthS2S', name: 'Shared', clientId: 'shared-client', clientSecrets: ['p8e-s'], orgId: ORG, scopes: ['openid'] });
    const patch = JSON.parse('{"clientSecrets":["p8e-t"],"__proto__":{"technicalAccountEmail":"smuggled@example.com"}}') as Record<string, unknown>;
    const updated = updateIntegration(doc, 'Shared', patch) as unknown as Record<string, unknown>;
    expect(updated).not.toHaveProperty('technicalAccountEmail');
    expect(updated.clientSecrets).toEqual(['p8e-t']);
  });

  it('a bundle whose integration carries "__proto__" re-imports without it (CLI, real vault)', async () => {
    await freshVault();
    await ok(['add', 'oauth-s2s', '--name', 'Shared', '--client-id', 'shared-client', '--org-id', ORG, '--scopes', 'openid', '--client-secret-stdin'], 'p8e-s\n');
    const bytes = await hostileBundle(
      `{"integrations":[{"kind":"oauthS2S","name":"Shared","clientId":"shared-client","clientSecrets":["p8e-t"],"orgId":"${ORG}","scopes":["openid"],` +
        `"imsEndpoint":"https://ims-na1.adobelogin.com","description":"","id":"00000000-0000-4000-8000-000000000000",` +
        `"createdAt":"2025-01-01T00:00:00.000Z","updatedAt":"2025-01-01T00:00:00.000Z","__proto__":{"technicalAccountEmail":"smuggled@example.com"}}]}`,
      'bundle passphrase',
    );
    const result = await cli(['bundle', 'import', file('shared.ksb', bytes), '--passphrase-stdin'], 'bundle passphrase\n');
    expect(Object.prototype).not.toHaveProperty('technicalAccountEmail');
    if (result.code === 0) {
      const shown = JSON.parse(await ok(['show', 'Shared', '--json'])) as Record<string, unknown>;
      expect(shown).not.toHaveProperty('technicalAccountEmail');
    } else {
      // Refusing the bundle outright (a strict payload schema) is as good as dropping the key.
      expectOneLineError(result, /bundle/i);
    }
  });
});

describe('control characters and bidi overrides are refused at the door', () => {
  const CHARS: [string, string][] = [
    ['ESC (a CSI sequence)', '\u001b[2J'],
    ['an OSC 52 clipboard write', '\u001b]52;c;cm0gLXJmIH4=\u0007'],
    ['a C1 CSI', '\u009b31m'],
    ['DEL', '\u007f'],
    ['NUL', '\u0000'],
    ['RIGHT-TO-LEFT OVERRIDE', '\u202e'],
    ['LEFT-TO-RIGHT EMBEDDING', '\u202a'],
    ['FIRST STRONG ISOLATE', '\u2068'],
    ['POP DIRECTIONAL ISOLATE', '\u2069'],
  ];
  const base = {
    kind: 'oauthS2S',
    name: 'Clean',
    clientId: 'clean-client',
    clientSecrets: ['p8e-clean'],
    orgId: ORG,
    technicalAccountId: TECH,
    technicalAccountEmail: 'tech@techacct.adobe.com',
    scopes: ['openid', 'AdobeID'],
  };
  const FIELDS: [string, string, (bad: string) => Record<string, unknown>][] = [
    ['name', 'name', (bad) => ({ name: `Evil${bad}name` })],
    ['clientId', 'client id', (bad) => ({ clientId: `client${bad}id` })],
    ['orgId', 'org id', (bad) => ({ orgId: `1234${bad}@AdobeOrg` })],
    ['technicalAccountId', 'technical account id', (bad) => ({ technicalAccountId: `ABCD${bad}@techacct.adobe.com` })],
    ['technicalAccountEmail', 'technical account email', (bad) => ({ technicalAccountEmail: `tech${bad}@techacct.adobe.com` })],
    ['scopes', 'scope', (bad) => ({ scopes: ['openid', `read${bad}x`] })],
    ['clientSecrets', 'client secret', (bad) => ({ clientSecrets: [`p8e-${bad}x`] })],
    ['description', 'description', (bad) => ({ description: `CM pipeline${bad}` })],
  ];

  it('the clean integration is valid (so each refusal below is about the character)', () => {
    expect(() => validateFields(base)).not.toThrow();
    expect(validateFields({ ...base, description: 'Two lines\nand a\ttab' }).description).toBe('Two lines\nand a\ttab');
  });

  for (const [field, words, make] of FIELDS) {
    it.each(CHARS)(`${field}: %s is refused with a sentence naming the field`, (_what, bad) => {
      let caught: unknown;
      try {
        validateFields({ ...base, ...make(bad) });
      } catch (err) {
        caught = err;
      }
      expect(isKeysmithError(caught, 'invalid_input'), String(caught)).toBe(true);
      const err = caught as KeysmithError;
      expect(err.field).toBe(field);
      expect(err.message).toContain(words);
      // The message itself must be safe to print.
      // eslint-disable-next-line no-control-regex
      expect(err.message).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    });
  }

  it('metascopes, an audience and a token URL too', () => {
    const refusedField = (input: Record<string, unknown>) => {
      try {
        validateFields(input);
      } catch (err) {
        expect(String((err as Error).message)).toMatch(/must not contain control characters or bidirectional text controls \(found U\+[0-9A-F]{4}\)$/);
        return (err as KeysmithError).field;
      }
      return 'accepted';
    };
    const jwt = { kind: 'jwt', name: 'J', clientId: 'c', clientSecrets: ['s'], orgId: ORG, technicalAccountId: TECH, metascopes: ['ent_x'] };
    expect(() => validateFields(jwt)).not.toThrow();
    expect(refusedField({ ...jwt, metascopes: ['ent\u001b]52;c;eA==\u0007'] })).toBe('metascopes');
    const oauth2 = { kind: 'oauth2', name: 'O', clientId: 'c', clientSecrets: ['s'], tokenUrl: 'https://example.com/token' };
    expect(() => validateFields(oauth2)).not.toThrow();
    expect(refusedField({ ...oauth2, audience: 'api\u202e' })).toBe('audience');
    expect(refusedField({ ...oauth2, tokenUrl: 'https://example.com/to\u202eken' })).toBe('tokenUrl');
    expect(refusedField({ ...jwt, imsEndpoint: 'ims-na1.adobelogin.com\u001b[8m' })).toBe('imsEndpoint');
  });

  it('the CLI refuses an escape sequence in a client id, naming the flag, and writes nothing', async () => {
    await freshVault();
    const before = vaultBytes();
    const result = await cli(['add', 'apikey', '--name', 'Stock', '--client-id', 'abc\u001b]52;c;cm0gLXJmIH4=\u0007']);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/client id must not contain/);
    expect(result.stderr).not.toContain('\u001b');
    expect(vaultBytes()).toEqual(before);
  });

  it('the app refuses a bidi override in a name, naming the field', async () => {
    const h = await createHarness({ passphrase: PASSPHRASE });
    try {
      expect((await h.call('vault:unlock', { method: 'passphrase', passphrase: PASSPHRASE })).ok).toBe(true);
      const result = await h.call('integrations:create', { fields: { kind: 'apiKey', name: 'Invoice\u202egpj.exe', clientId: 'c' } });
      expect(result.ok).toBe(false);
      if (result.ok) throw new Error('unreachable');
      expect(result.error.code).toBe('invalid_input');
      expect(result.error.message).toMatch(/name must not contain/);
    } finally {
      h.dispose();
    }
  });

  it('an import file with an escape sequence in a client id skips that credential, saying why; a bidi override in a name is dropped from the name', async () => {
    const project = (clientId: string, credentialName: string) =>
      JSON.stringify({
        project: {
          name: 'p',
          title: 'Project',
          org: { ims_org_id: ORG },
          workspace: {
            name: 'Stage',
            details: {
              credentials: [
                { id: '1', name: credentialName, integration_type: 'oauth_server_to_server', oauth_server_to_server: { client_id: clientId, client_secrets: ['p8e-a'], scopes: ['openid'] } },
              ],
            },
          },
        },
      });
    await expect(parseImportFile(Buffer.from(project('evil\u001b[2Jclient', 'Cred')))).rejects.toThrow(/client id must not contain/);
    const plan = await parseImportFile(Buffer.from(project('good-client', 'Cred\u202eevil')));
    expect(plan.candidates).toHaveLength(1);
    expect(plan.candidates[0]!.fields.name).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
    expect(plan.candidates[0]!.source).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
  });

  it('a bundle carrying an escape sequence in a client id is refused, and the vault is untouched', async () => {
    await freshVault();
    const before = vaultBytes();
    const evil = {
      kind: 'apiKey',
      name: 'Evil',
      clientId: 'evil\u001b]52;c;cm0gLXJmIH4=\u0007',
      description: '',
      id: '00000000-0000-4000-8000-000000000001',
      createdAt: '2025-01-01T00:00:00.000Z',
      updatedAt: '2025-01-01T00:00:00.000Z',
    };
    const bytes = await hostileBundle(JSON.stringify({ integrations: [evil] }), 'bundle passphrase');
    const result = await cli(['bundle', 'import', file('evil.ksb', bytes), '--passphrase-stdin'], 'bundle passphrase\n');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/client id must not contain/);
    expect(result.stderr).not.toContain('\u001b');
    expect(vaultBytes()).toEqual(before);
  });
});
