/**
 * Structure-aware fuzzing of every importer with fast-check. The seeds are the real files of
 * test/fixtures/import (Console project JSON, AEM service credentials, aio config, .env); each case
 * mutates one: keys renamed to `__proto__`, `constructor`, `prototype`, control characters or the
 * formats' own vocabulary in the wrong place, values swapped for the wrong type, huge strings,
 * escape sequences, paths such as /dev/zero. The share bundle reader gets the same treatment of its
 * header and payload, sealed with real crypto. For every case:
 * - nothing but a KeysmithError is thrown, and its one-line message holds no control character;
 * - Object.prototype, Function.prototype and Array.prototype are unchanged;
 * - every candidate the plan offers passes the model (the plan's promise), and its warnings are clean;
 * - through the real apply step on a real vault, a failed import leaves the vault file byte for byte.
 * Inputs are bounded (strings up to 100 KB, a few mutations), so no case needs a time limit. On
 * failure fast-check prints the seed and the shrunk case: rerun with `{ seed, path }` in fc.assert.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { isKeysmithError } from '../../electron/core/errors';
import { validateFields } from '../../electron/core/integration-store';
import { applyImport, prepareImport } from '../../electron/core/interop/apply-import';
import { encodeFrame } from '../../electron/core/checksummed-frame';
import { encodeBundle } from '../../electron/core/interop/bundle/bundle-frame';
import { openBundle, sealBundle } from '../../electron/core/interop/bundle/share-bundle';
import { keyFileReader } from '../../electron/core/interop/import/key-file-reader';
import { parseImportFile } from '../../electron/core/interop/import/parse-import';
import { deriveFromPassphrase, randomKey, seal } from '../../electron/core/crypto-primitives';
import type { Keychain } from '../../electron/core/keychain';
import { firstUnsafeChar } from '../../electron/shared/unsafe-text';
import { Vault } from '../../electron/core/vault';
import { fixtureText, jsonEscaped, makeKeys, type TestKeys } from '../fixtures/import/fixtures';

const refuse = (): never => {
  throw new Error('the keychain must not be used for a passphrase vault');
};
const noKeychain: Keychain = { get: refuse, set: refuse, delete: refuse };

// ---------------------------------------------------------------------------------------------
// What must hold after every case

function prototypes(): string {
  const names = (o: object) => Reflect.ownKeys(o).map(String).sort().join(',');
  return [names(Object.prototype), names(Function.prototype), names(Array.prototype), String(Object.getPrototypeOf(Object.prototype))].join('|');
}
const PRISTINE = prototypes();

function expectPrintable(text: string, what: string): void {
  expect(firstUnsafeChar(text), `${what} holds a control character: ${JSON.stringify(text)}`).toBeUndefined();
}

function expectOnlyKeysmithError(err: unknown): void {
  expect(isKeysmithError(err), `not a KeysmithError: ${String((err as Error)?.stack ?? err)}`).toBe(true);
  expectPrintable((err as Error).message, 'an error message');
}

let work: string;
const importOptions = () => ({ fileName: 'fuzz-input', baseDir: work, readFile: keyFileReader(work) });

/** Parses like the CLI and the app do, and checks the invariants; returns the plan, or undefined when refused. */
async function importChecked(bytes: Buffer): Promise<Awaited<ReturnType<typeof parseImportFile>> | undefined> {
  let plan: Awaited<ReturnType<typeof parseImportFile>> | undefined;
  let error: unknown;
  try {
    plan = await parseImportFile(bytes, importOptions());
  } catch (err) {
    error = err;
  }
  expect(prototypes()).toBe(PRISTINE);
  if (plan === undefined) {
    expectOnlyKeysmithError(error);
    return undefined;
  }
  for (const candidate of plan.candidates) {
    expect(() => validateFields(candidate.fields)).not.toThrow();
    expectPrintable(candidate.source, 'a candidate source');
    for (const warning of candidate.warnings) expectPrintable(warning, 'a warning');
  }
  for (const warning of plan.warnings) expectPrintable(warning, 'a warning');
  return plan;
}

// ---------------------------------------------------------------------------------------------
// Arbitraries: hostile pieces in the formats' own vocabulary

const SPECIAL_STRINGS = [
  '',
  ' ',
  '\u001b]52;c;cm0gLXJmIH4=\u0007',
  '\u001b[2J\u001b[H',
  '\u009b31m',
  '\u202eevil',
  '\u2066x\u2069',
  '\u0000',
  '\u007f',
  '\r\n',
  '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----',
  '-----BEGIN RSA PRIVATE KEY-----',
  '/dev/zero',
  '/dev/urandom',
  '/proc/self/environ',
  '../../../../../etc/passwd',
  '~/.ssh/id_rsa',
  'keys/private.key',
  '[',
  '["a",1,{},null]',
  '{"__proto__":{"polluted":1}}',
  'https://user:pw@ims-na1.adobelogin.com/',
  'ims-na1-stg1.adobelogin.com',
  'https://ims-na1.adobelogin.com/s/ent_x',
  'stage',
  'oauth_server_to_server',
  'oauth_server_to_server_migrate',
  'service',
  'apikey',
  'oauthwebapp',
  '1234567890ABCDEF12345678@AdobeOrg',
  'ABCDEF0123456789@techacct.adobe.com',
  'a'.repeat(513),
  '\ud800',
];

const FORMAT_WORDS = [
  '__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '__defineSetter__', 'then', 'length',
  '$ims', '$current', 'ims', 'contexts', 'cli', 'integration', 'technicalAccount', 'clientId', 'clientSecret', 'privateKey', 'publicKey',
  'metascopes', 'imsEndpoint', 'email', 'org', 'id', 'ok', 'project', 'workspace', 'details', 'credentials', 'services', 'name', 'title',
  'integration_type', 'oauth_server_to_server', 'jwt', 'api_key', 'oauth2', 'client_id', 'client_secret', 'client_secrets',
  'technical_account_id', 'technical_account_email', 'techacct', 'ims_org_id', 'meta_scopes', 'scopes', 'private_key', 'passphrase',
  'redirect_uri', 'env', 'ims_endpoint', 'access_token',
];

const controlHeavy = fc.string({ unit: fc.integer({ min: 0, max: 0xa0 }).map((c) => String.fromCharCode(c)), maxLength: 20 });
const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...SPECIAL_STRINGS) },
  { weight: 2, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  { weight: 2, arbitrary: controlHeavy },
  { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 100_000 }).map((n) => 'A'.repeat(n)) },
);
const hostileKey: fc.Arbitrary<string> = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...FORMAT_WORDS) }, { weight: 1, arbitrary: hostileString });

/** A JSON value as a tree, so that keys such as `__proto__` survive into the text. */
type Node = { kind: 'object'; entries: [string, Node][] } | { kind: 'array'; items: Node[] } | { kind: 'leaf'; value: unknown };

const leaf: fc.Arbitrary<Node> = fc
  .oneof(
    fc.constantFrom<unknown>(null, true, false, 0, -1, 1.5, 1e308, -1e308, 2 ** 53 + 1, 4294967296),
    hostileString,
    fc.double({ noNaN: true, noDefaultInfinity: true }),
  )
  .map((value) => ({ kind: 'leaf' as const, value }));

const wrongValue: fc.Arbitrary<Node> = fc.letrec<{ node: Node }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', maxDepth: 3 },
    leaf,
    fc.array(tie('node'), { maxLength: 4 }).map((items): Node => ({ kind: 'array', items })),
    fc.array(fc.tuple(hostileKey, tie('node')), { maxLength: 4 }).map((entries): Node => ({ kind: 'object', entries })),
  ),
})).node;

function toNode(value: unknown): Node {
  if (Array.isArray(value)) return { kind: 'array', items: value.map(toNode) };
  if (typeof value === 'object' && value !== null) return { kind: 'object', entries: Object.entries(value).map(([k, v]) => [k, toNode(v)]) };
  return { kind: 'leaf', value };
}

function toText(node: Node): string {
  if (node.kind === 'leaf') return JSON.stringify(node.value) ?? 'null';
  if (node.kind === 'array') return `[${node.items.map(toText).join(',')}]`;
  return `{${node.entries.map(([k, v]) => `${JSON.stringify(k)}:${toText(v)}`).join(',')}}`;
}

function clone(node: Node): Node {
  if (node.kind === 'leaf') return node;
  if (node.kind === 'array') return { kind: 'array', items: node.items.map(clone) };
  return { kind: 'object', entries: node.entries.map(([k, v]) => [k, clone(v)]) };
}

interface JsonMutation {
  /** Which child to descend into at each level (modulo the number of children). */
  path: number[];
  op: 'rename' | 'replace' | 'insert' | 'delete' | 'duplicate';
  key: string;
  value: Node;
}

const jsonMutation: fc.Arbitrary<JsonMutation> = fc.record({
  path: fc.array(fc.nat(), { maxLength: 7 }),
  op: fc.constantFrom('rename', 'replace', 'insert', 'delete', 'duplicate'),
  key: hostileKey,
  value: wrongValue,
});

function children(node: Node): number {
  return node.kind === 'object' ? node.entries.length : node.kind === 'array' ? node.items.length : 0;
}
function child(node: Node, i: number): Node {
  return node.kind === 'object' ? node.entries[i]![1] : (node as { items: Node[] }).items[i]!;
}

function mutateJson(root: Node, m: JsonMutation): void {
  let container = root;
  let index = 0;
  for (const step of m.path) {
    const n = children(container);
    if (n === 0) break;
    index = step % n;
    const next = child(container, index);
    if (children(next) === 0) break;
    container = next;
  }
  if (container.kind === 'leaf') return;
  const n = children(container);
  if (container.kind === 'object') {
    const entries = container.entries;
    if (m.op === 'insert' || n === 0) entries.push([m.key, m.value]);
    else if (m.op === 'rename') entries[index % n]![0] = m.key;
    else if (m.op === 'replace') entries[index % n]![1] = m.value;
    else if (m.op === 'delete') entries.splice(index % n, 1);
    else entries.push([entries[index % n]![0], m.value]); // a repeated key: JSON.parse keeps the last
  } else {
    const items = container.items;
    if (m.op === 'insert' || n === 0) items.push(m.value);
    else if (m.op === 'replace' || m.op === 'rename') items[index % n] = m.value;
    else if (m.op === 'delete') items.splice(index % n, 1);
    else items.push(clone(items[index % n]!));
  }
}

// .env: lines in the names Adobe's samples use, aio's flattening, and names that walk objects
const ENV_SEGMENTS = [
  'constructor', 'prototype', '__proto__', '____proto____', 'toString', 'valueOf', 'hasOwnProperty', 'prod', 'PROD', 'cli', '$current',
  'client__id', 'CLIENT__ID', 'client__secrets', 'client__secret', 'meta__scopes', 'scopes', 'private__key', 'passphrase',
  'technical__account__id', 'technical__account__email', 'ims__org__id', 'redirect__uri', 'env', 'ims__endpoint', 'access__token', 'token',
];
const ENV_NAMES = [
  'CLIENT_ID', 'API_KEY', 'CLIENT_SECRET', 'CLIENT_SECRETS', 'ORGANIZATION_ID', 'IMS_ORG_ID', 'IMS_ORG', 'ORG_ID', 'TECHNICAL_ACCOUNT_ID',
  'TECHNICAL_ACCOUNT_EMAIL', 'META_SCOPES', 'METASCOPES', 'META_SCOPE', 'SCOPES', 'SCOPE', 'PRIVATE_KEY', 'PRIVATE_KEY_PATH',
  'PRIVATE_KEY_FILE', 'PRIVATE_KEY_PASSPHRASE', 'PASSPHRASE', 'IMS_ENDPOINT', 'IMS_HOST', 'IMS_URL', 'IMS', 'TOKEN_URL', 'AUTH_METHOD',
  'AUDIENCE', 'CONSTRUCTOR', '__PROTO__', 'PROTOTYPE',
];
const ENV_PREFIXES = ['', 'ADOBE_', 'JWT_', 'OAUTH_', 'AIO_COMMERCE_AUTH_IMS_', 'AIO_', 'X_'];

const segment = fc.oneof(fc.constantFrom(...ENV_SEGMENTS), fc.stringMatching(/^[A-Za-z0-9_]{1,12}$/));
const envName: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(segment, fc.array(segment, { minLength: 1, maxLength: 4 })).map(([context, keys]) => `AIO_ims_contexts_${context}_${keys.join('_')}`),
  fc.tuple(fc.constantFrom(...ENV_PREFIXES), fc.constantFrom(...ENV_NAMES)).map(([prefix, name]) => prefix + name),
  fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_.-]{0,20}$/),
);
const envValue: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(fc.constantFrom('', '"', "'", '`'), hostileString, fc.boolean()).map(([q, s, closed]) => `${q}${q === '"' ? jsonEscaped(s) : s}${closed ? q : ''}`),
  fc.constantFrom('["p8e-a","p8e-b"]', '[1,2,{}]', '{"a":1}', 'openid,AdobeID', '/dev/zero', 'keys/private.key', '${HOME}', '# comment'),
);

type EnvMutation =
  | { op: 'set'; at: number; name: string; value: string }
  | { op: 'value'; at: number; value: string }
  | { op: 'delete' | 'duplicate'; at: number }
  | { op: 'raw'; at: number; line: string };

const envMutation: fc.Arbitrary<EnvMutation> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('set' as const), at: fc.nat(), name: envName, value: envValue }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('value' as const), at: fc.nat(), value: envValue }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constantFrom('delete' as const, 'duplicate' as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('raw' as const), at: fc.nat(), line: hostileString }) },
);

function mutateEnv(lines: string[], m: EnvMutation): void {
  const at = lines.length === 0 ? 0 : m.at % lines.length;
  if (m.op === 'set') lines.splice(at, 0, `${m.name}=${m.value}`);
  else if (m.op === 'value') lines[at] = `${(lines[at] ?? 'X=').split('=')[0]}=${m.value}`;
  else if (m.op === 'delete') lines.splice(at, 1);
  else if (m.op === 'duplicate') lines.splice(at, 0, lines[at] ?? '');
  else if (m.op === 'raw') lines.splice(at, 0, m.line);
}

// ---------------------------------------------------------------------------------------------
// Seeds

let keys: TestKeys;
let jsonSeeds: { name: string; node: Node }[];
let envSeeds: { name: string; lines: string[] }[];

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'keysmith-fuzz-'));
  keys = await makeKeys();
  mkdirSync(path.join(work, 'keys'));
  writeFileSync(path.join(work, 'keys', 'private.key'), keys.pkcs8);
  const substitutions = {
    '"__PRIVATE_KEY_LINES__"': JSON.stringify(keys.pkcs8.trim().split('\n')),
    __ENCRYPTED_PRIVATE_KEY__: jsonEscaped(keys.encrypted),
    __PRIVATE_KEY__: jsonEscaped(keys.pkcs1),
    __CERTIFICATE__: jsonEscaped(keys.certificate),
  };
  const json = ['console-workspace.json', 'console-legacy.json', 'console-migrate.json', 'console-mixed.json', 'console-missing-client-id.json', 'aem-service-credentials.json', 'aem-oauth-s2s.json', 'aio-config.json', 'aio-legacy.json', 'postman-adobe.postman_environment.json', 'pdfservices-api-credentials.json', 'cloudmanager-config.json'];
  jsonSeeds = json.map((name) => ({ name, node: toNode(JSON.parse(fixtureText(name, substitutions))) }));
  const envSubstitutions = {
    __PRIVATE_KEY__: keys.pkcs8.trim(),
    __PRIVATE_KEY_ESCAPED__: keys.pkcs8.trim().replace(/\n/g, '\\n'),
    __PRIVATE_KEY_BASE64__: Buffer.from(keys.pkcs8).toString('base64'),
  };
  const env = ['aio-app.env', 'api-key.env', 'app-builder-base64.env', 'app-builder-jwt.env', 'cloudmanager-jwt.env', 'cloudmanager-s2s.env', 'key-path.env', 'aio-config.hjson', 'aio-config.yaml'];
  envSeeds = env.map((name) => ({ name, lines: fixtureText(name, envSubstitutions).split('\n') }));
});

const jsonCase = fc.tuple(fc.nat(), fc.array(jsonMutation, { minLength: 1, maxLength: 4 }));
const envCase = fc.tuple(fc.nat(), fc.array(envMutation, { minLength: 1, maxLength: 5 }));

function jsonBytes([seed, mutations]: [number, JsonMutation[]]): Buffer {
  const root = clone(jsonSeeds[seed % jsonSeeds.length]!.node);
  for (const m of mutations) mutateJson(root, m);
  return Buffer.from(toText(root));
}

function envBytes([seed, mutations]: [number, EnvMutation[]]): Buffer {
  const lines = [...envSeeds[seed % envSeeds.length]!.lines];
  for (const m of mutations) mutateEnv(lines, m);
  return Buffer.from(lines.join('\n'));
}

// ---------------------------------------------------------------------------------------------

describe('every importer, fuzzed from the real fixtures', () => {
  it('the seeds themselves import (so the mutations start from working files)', async () => {
    for (const { node } of jsonSeeds) await importChecked(Buffer.from(toText(node)));
    for (const { lines } of envSeeds) expect((await importChecked(Buffer.from(lines.join('\n'))))?.candidates.length).toBeGreaterThan(0);
  });

  it('Console project, AEM and aio JSON with hostile keys and wrong-typed values', async () => {
    await fc.assert(
      fc.asyncProperty(jsonCase, async (c) => {
        await importChecked(jsonBytes(c));
      }),
      { numRuns: 800 },
    );
  });

  it('.env files with hostile names (AIO_ims_contexts_*_constructor_prototype_*) and values', async () => {
    await fc.assert(
      fc.asyncProperty(envCase, async (c) => {
        await importChecked(envBytes(c));
      }),
      { numRuns: 1000 },
    );
  });

  it('raw byte damage to any seed (truncation, a flipped or inserted byte)', async () => {
    const damage = fc.tuple(fc.boolean(), fc.nat(), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 }), fc.boolean()), { minLength: 1, maxLength: 4 }), fc.option(fc.nat()));
    await fc.assert(
      fc.asyncProperty(damage, async ([json, seed, edits, cut]) => {
        let bytes = json ? Buffer.from(toText(jsonSeeds[seed % jsonSeeds.length]!.node)) : Buffer.from(envSeeds[seed % envSeeds.length]!.lines.join('\n'));
        for (const [at, byte, insert] of edits) {
          const i = at % (bytes.length + 1);
          bytes = insert ? Buffer.concat([bytes.subarray(0, i), Buffer.from([byte]), bytes.subarray(i)]) : Buffer.concat([bytes.subarray(0, i), Buffer.from([byte]), bytes.subarray(i + 1)]);
        }
        if (cut !== null) bytes = bytes.subarray(0, cut % (bytes.length + 1));
        await importChecked(bytes);
      }),
      { numRuns: 400 },
    );
  });
});

describe('the share bundle reader, fuzzed', () => {
  const PASSPHRASE = 'fuzzed bundle passphrase';
  const SCRYPT = { N: 2 ** 10, r: 8, p: 1 };
  const WRAP_AAD = Buffer.from('keysmith-bundle-key:v1', 'utf8');
  let sealed: Buffer;

  beforeAll(async () => {
    const integration = {
      kind: 'oauthS2S',
      name: 'Shared',
      clientId: 'shared-client',
      clientSecrets: ['p8e-fuzz'],
      orgId: '1234567890ABCDEF12345678@AdobeOrg',
      scopes: ['openid'],
      imsEndpoint: 'https://ims-na1.adobelogin.com',
      description: '',
      id: '00000000-0000-4000-8000-000000000000',
      createdAt: '2025-01-01T00:00:00.000Z',
      updatedAt: '2025-01-01T00:00:00.000Z',
    };
    sealed = await sealBundle([integration as never], PASSPHRASE, { scrypt: SCRYPT });
  });

  /** A bundle around any payload text, with a real key wrap, so the payload check is reached. */
  async function bundleAround(payload: Buffer, header: (h: Node) => void): Promise<Buffer> {
    const salt = Buffer.alloc(16, 7);
    const kek = await deriveFromPassphrase(PASSPHRASE, salt, SCRYPT);
    const dataKey = randomKey();
    const wrap = seal(kek, dataKey, WRAP_AAD);
    const base = encodeBundle(
      {
        kdf: { name: 'scrypt', ...SCRYPT, salt: salt.toString('base64') },
        wrap: { nonce: wrap.nonce.toString('base64'), key: wrap.box.toString('base64') },
        createdAt: '2025-01-01T00:00:00.000Z',
        count: 1,
      },
      dataKey,
      payload,
    );
    // Header mutations change the AAD, so the body no longer opens: that is the damaged-bundle path.
    const [headerLine, bodyLine] = base.toString('utf8').split('\n');
    const node = toNode(JSON.parse(headerLine!));
    header(node);
    return encodeFrame(Buffer.from(toText(node)), Buffer.from(bodyLine!));
  }

  it('payloads of hostile integrations and headers with hostile keys: KeysmithError only, no pollution', async () => {
    const base = JSON.parse(fixturePayload()) as unknown;
    const baseNode = toNode(base);
    await fc.assert(
      fc.asyncProperty(fc.array(jsonMutation, { maxLength: 4 }), fc.array(jsonMutation, { maxLength: 2 }), async (payloadMutations, headerMutations) => {
        const payload = clone(baseNode);
        for (const m of payloadMutations) mutateJson(payload, m);
        const bytes = await bundleAround(Buffer.from(toText(payload)), (h) => headerMutations.forEach((m) => mutateJson(h, m)));
        try {
          const { integrations } = await openBundle(bytes, PASSPHRASE, { name: 'fuzz.ksb' });
          expect(Array.isArray(integrations)).toBe(true);
        } catch (err) {
          expectOnlyKeysmithError(err);
        } finally {
          expect(prototypes()).toBe(PRISTINE);
        }
      }),
      { numRuns: 120 },
    );
  });

  it('the sealed seed opens (so the cases above reach the payload)', async () => {
    expect((await openBundle(sealed, PASSPHRASE)).integrations).toHaveLength(1);
  });

  function fixturePayload(): string {
    return JSON.stringify({
      integrations: [
        {
          kind: 'jwt',
          name: 'AEM prod',
          clientId: 'cm-p1234-e5678',
          clientSecrets: ['p8e-fuzz'],
          orgId: '1234567890ABCDEF12345678@AdobeOrg',
          technicalAccountId: 'ABCDEF0123456789@techacct.adobe.com',
          metascopes: ['ent_aem_cloud_api'],
          description: '',
          id: '00000000-0000-4000-8000-000000000001',
          createdAt: '2025-01-01T00:00:00.000Z',
          updatedAt: '2025-01-01T00:00:00.000Z',
          keys: [{ privateKeyPem: 'x', certificatePem: 'y', fingerprintSha256: 'z', active: true }],
        },
      ],
    });
  }
});

describe('a failed import leaves the vault file byte for byte (real apply step, real vault)', () => {
  it('parse, prepare (keys included) and apply inside vault.update, for lightly mutated real files', async () => {
    const dir = path.join(work, 'vault');
    const { vault } = await Vault.create(dir, { method: 'passphrase', passphrase: 'fuzz vault passphrase' }, { keychain: noKeychain });
    const vaultFile = path.join(dir, 'vault.ksv');
    let failed = 0;
    let applied = 0;
    const lightly = fc.oneof(
      fc.tuple(fc.nat(), fc.array(jsonMutation, { maxLength: 1 })).map((c) => jsonBytes(c)),
      fc.tuple(fc.nat(), fc.array(envMutation, { maxLength: 2 })).map((c) => envBytes(c)),
    );
    const envLines = envSeeds.find((e) => e.name === 'cloudmanager-jwt.env')!.lines.join('\n');
    const examples: [Buffer][] = [
      [Buffer.from(toText(jsonSeeds[0]!.node))], // imports
      [Buffer.from('{"project":{"workspace":{"details":{"credentials":[]}}}}')], // refused by the parser
      [Buffer.from(envLines.replace(/(-----BEGIN PRIVATE KEY-----\n)[A-Za-z0-9+/]{8}/, '$1********'))], // refused when its key is read
    ];
    await fc.assert(
      fc.asyncProperty(lightly, async (bytes) => {
        const before = readFileSync(vaultFile);
        try {
          const plan = await parseImportFile(bytes, importOptions());
          const prepared = await prepareImport(plan.candidates);
          await vault.update((doc) => applyImport(doc, prepared));
          applied++;
        } catch (err) {
          failed++;
          expectOnlyKeysmithError(err);
          expect(readFileSync(vaultFile).equals(before), 'a failed import changed the vault file').toBe(true);
        } finally {
          expect(prototypes()).toBe(PRISTINE);
        }
      }),
      { numRuns: 14, examples },
    );
    // The examples make sure both branches ran, or the property above proved less than it claims.
    expect(applied).toBeGreaterThan(0);
    expect(failed).toBeGreaterThan(0);
  });
});
