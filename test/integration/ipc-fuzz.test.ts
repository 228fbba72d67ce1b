/**
 * Property-based fuzz of every IPC channel (fast-check): thousands of malformed requests, built both
 * from scratch (anything structured clone can carry, and more) and by mutating a valid request one
 * field at a time, go through the real router and core services on a real vault.
 *
 * For every request: the result is a typed IpcResult (never a throw, never a stack, never an
 * `internal` error, i.e. no handler crashed), and no promise is left rejected unhandled. For every
 * request the schema refuses: the error is `invalid_input` or `payload_too_large`, and the vault
 * and settings files are byte for byte unchanged.
 *
 * Each channel's test starts from its own copy of one prepared vault (three integrations and a key),
 * so what an accepted request changed in one test is never seen by another.
 */
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CHANNELS, type Channel } from '../../electron/shared/ipc/channels';
import { REQUEST_SCHEMAS } from '../../electron/shared/ipc/contract';
import type { IpcResult } from '../../electron/shared/ipc/result';
import { startImsEmulator, type ImsEmulator } from '../support/ims-emulator';
import { createHarness, type Harness } from '../support/ipc-harness';
import { settle } from '../support/wait-for';

const PASSPHRASE = 'fuzz passphrase';
const ORG = '1234567890ABCDEF12345678@AdobeOrg';
const TECH = 'ABCDEF0123456789@techacct.adobe.com';
/** Per channel; 27 channels make a few thousand requests in all. */
const RUNS = Number(process.env.KEYSMITH_FUZZ_RUNS ?? 250);
const SEED = process.env.KEYSMITH_FUZZ_SEED ? Number(process.env.KEYSMITH_FUZZ_SEED) : undefined;

const KNOWN_CODES = new Set([
  'usage', 'invalid_input', 'not_found', 'already_exists', 'vault_not_found', 'vault_exists', 'vault_tampered', 'vault_too_new', 'vault_busy',
  'keychain_unavailable', 'keychain_locked', 'vault_key_missing', 'vault_key_mismatch', 'passphrase_required', 'wrong_passphrase',
  'wrong_recovery_key', 'io', 'token_refused', 'token_unavailable', 'bad_response', 'internal', 'forbidden', 'payload_too_large', 'vault_locked',
]);

/**
 * Requests these channels accept run scrypt (≈0.5 s) or RSA key generation, or lock the vault: a
 * fuzz run only sends them requests their schema refuses. Their valid paths are in ipc-router.test.ts.
 */
const ONLY_INVALID = new Set<Channel>(['vault:unlock', 'vault:create', 'vault:lock', 'keypairs:generate']);

let ims: ImsEmulator;
/** The prepared data directory each test starts from a copy of. */
let template: string;
let h: Harness;
let fingerprint = '';
let unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
/** outcome code (or 'ok') → count over the whole file, for the summary line */
const outcomes = new Map<string, number>();

function validExample(channel: Channel): unknown {
  const examples: Record<Channel, unknown> = {
    'app:version': undefined,
    'vault:status': undefined,
    'vault:create': { method: 'passphrase', passphrase: 'another passphrase' },
    'vault:unlock': { method: 'passphrase', passphrase: PASSPHRASE },
    'vault:lock': undefined,
    'integrations:list': undefined,
    'integrations:get': { name: 'Fuzz S2S' },
    'integrations:create': { fields: { kind: 'oauthS2S', name: 'Fuzzed', clientId: 'fz', clientSecrets: ['s3cret-fuzz'], scopes: ['openid'], imsEndpoint: ims.url } },
    'integrations:update': { name: 'Fuzz S2S', patch: { description: 'fuzzed' } },
    'integrations:delete': { name: 'Fuzz Key' },
    'integrations:duplicate': { name: 'Fuzz S2S' },
    'keypairs:list': { name: 'Fuzz JWT' },
    'keypairs:generate': { name: 'Fuzz JWT', bits: 2048, days: 30 },
    'keypairs:import': { name: 'Fuzz JWT', source: 'text', keyPem: '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----' },
    'keypairs:setActive': { name: 'Fuzz JWT', fingerprint },
    'keypairs:remove': { name: 'Fuzz JWT', fingerprint },
    'keypairs:saveCertificate': { name: 'Fuzz JWT' },
    'tokens:status': { name: 'Fuzz S2S' },
    'tokens:mint': { name: 'Fuzz S2S', force: false },
    'tokens:copy': { name: 'Fuzz S2S', format: 'raw' },
    'tokens:setAutoRefresh': { name: 'Fuzz S2S', enabled: false },
    'secrets:copyClientSecret': { name: 'Fuzz S2S' },
    'secrets:copyField': { name: 'Fuzz S2S', field: 'clientId' },
    'interop:importPreview': { dropped: { fileName: 'fuzz.env', content: 'CLIENT_ID=fz\nCLIENT_SECRET=s3cret-fuzz\n' } },
    'interop:importApply': { previewId: '6f1c3a52-8a0e-4f4e-9d55-0c1b2a3d4e5f', names: { 0: 'Fuzz import' } },
    'interop:export': { name: 'Fuzz S2S', format: 'env', includeSecrets: false },
    'settings:get': undefined,
    'settings:set': { theme: 'dark' },
    'signin:start': { name: 'Fuzz S2S' },
    'signin:status': { name: 'Fuzz S2S' },
    'signin:signOut': { name: 'Fuzz S2S' },
    'health:report': { secretMaxAgeDays: 90 },
    // Fuzz S2S says nowhere where its Console credential lives: refused before any network.
    'rotation:secrets': { name: 'Fuzz S2S' },
    'rotation:rotate': { name: 'Fuzz S2S' },
    // The harness's vault is unlocked: a restore is refused before any scrypt or file is touched.
    'vault:restoreBackup': { method: 'passphrase', passphrase: PASSPHRASE },
  };
  return examples[channel];
}

// ---------------------------------------------------------------------------------------------
// Arbitraries

const edgeStrings = fc.constantFrom(
  '',
  ' ',
  '\u0000',
  'a\nb',
  '\u202e',
  '__proto__',
  'constructor',
  '../../../etc/passwd',
  'file:///etc/passwd',
  'x'.repeat(5000),
  '💥'.repeat(300),
  '-----BEGIN PRIVATE KEY-----',
  'Fuzz S2S\u0007',
  '  Fuzz S2S  ',
  'FUZZ s2s',
);

/** Anything structured clone can deliver, and some things it cannot (null prototypes, sparse arrays). */
const garbage: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.anything({ maxDepth: 3, maxKeys: 6, withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true, withNullPrototype: true, withBoxedValues: true, withObjectString: true }) },
  { weight: 2, arbitrary: edgeStrings },
  { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.constantFrom(NaN, Infinity, -0, 2 ** 53, -1, 2048.5)) },
  { weight: 1, arbitrary: fc.array(edgeStrings, { maxLength: 4 }) },
);

function without(obj: Record<string, unknown>, key: string): Record<string, unknown> {
  const { [key]: _gone, ...rest } = obj;
  return rest;
}

/** A valid request with one thing wrong: a field replaced, dropped, added, or the request itself replaced. */
function mutationsOf(valid: unknown): fc.Arbitrary<unknown> {
  if (valid === null || typeof valid !== 'object') return garbage;
  const obj = valid as Record<string, unknown>;
  const keys = Object.keys(obj);
  const nested = keys.filter((k) => obj[k] !== null && typeof obj[k] === 'object' && !Array.isArray(obj[k]));
  const options: fc.Arbitrary<unknown>[] = [
    fc.record({ key: fc.constantFrom(...keys), value: garbage }).map(({ key, value }) => ({ ...obj, [key]: value })),
    fc.constantFrom(...keys).map((key) => without(obj, key)),
    fc.record({ key: fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('__proto__', 'constructor', 'id', 'keys')), value: garbage }).map(({ key, value }) => ({ ...obj, [key]: value })),
    garbage,
  ];
  for (const key of nested) {
    options.push(mutationsOf(obj[key]).map((inner) => ({ ...obj, [key]: inner })));
  }
  return fc.oneof(...options);
}

/**
 * The same shape with odd values in every leaf (names with control characters, padding or another
 * case, random fingerprints, odd numbers): mostly accepted by the schema, so they reach the
 * handlers and core, which must answer with typed errors too.
 */
function tweaksOf(valid: unknown): fc.Arbitrary<unknown> {
  if (typeof valid === 'string') {
    return fc.oneof(fc.constant(valid), edgeStrings, fc.string({ maxLength: 30 }), fc.stringMatching(/^[0-9A-Fa-f:]{8,95}$/));
  }
  if (typeof valid === 'number') return fc.oneof(fc.constant(valid), fc.integer({ min: -5, max: 5000 }), fc.constantFrom(2048, 3072, 4096, 0, 3650));
  if (typeof valid === 'boolean') return fc.boolean();
  if (Array.isArray(valid)) return fc.array(tweaksOf(valid[0] ?? ''), { maxLength: 3 });
  if (valid === null || typeof valid !== 'object') return fc.constant(valid);
  const shape = Object.fromEntries(Object.entries(valid).map(([k, v]) => [k, tweaksOf(v)]));
  return fc.record(shape);
}

// ---------------------------------------------------------------------------------------------

const fileBytes = (file: string) => {
  try {
    return readFileSync(file).toString('base64');
  } catch {
    return null;
  }
};

function assertTyped(result: unknown, context: string): asserts result is IpcResult<unknown> {
  expect(result, context).toBeTypeOf('object');
  const r = result as IpcResult<unknown>;
  expect(typeof r.ok, context).toBe('boolean');
  if (r.ok) return;
  expect(Object.keys(r).sort(), context).toEqual(['error', 'ok']);
  expect(KNOWN_CODES.has(r.error.code), `${context}: code ${r.error.code}`).toBe(true);
  expect(r.error.code, `${context}: ${r.error.message}`).not.toBe('internal');
  expect(typeof r.error.message, context).toBe('string');
  expect(r.error.message, context).not.toMatch(/\n\s+at |\.ts:\d+/);
  for (const key of Object.keys(r.error)) expect(['code', 'message', 'field', 'integration', 'action'], context).toContain(key);
}

beforeAll(async () => {
  ims = await startImsEmulator();
  ims.registerClient({ clientId: 'fuzz-s2s', clientSecrets: ['fuzz-secret-0123456789'], orgId: ORG, scopes: ['openid'] });
  const h = await createHarness({ passphrase: PASSPHRASE });
  const boot = async (channel: Channel, request?: unknown) => {
    const r = await h.call(channel, request);
    if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
    return r.value;
  };
  await boot('vault:unlock', { method: 'passphrase', passphrase: PASSPHRASE });
  await boot('integrations:create', { fields: { kind: 'oauthS2S', name: 'Fuzz S2S', clientId: 'fuzz-s2s', clientSecrets: ['fuzz-secret-0123456789'], scopes: ['openid'], imsEndpoint: ims.url } });
  await boot('integrations:create', { fields: { kind: 'apiKey', name: 'Fuzz Key', clientId: 'fuzz-key' } });
  await boot('integrations:create', {
    fields: { kind: 'jwt', name: 'Fuzz JWT', clientId: 'fuzz-jwt', clientSecrets: ['fuzz-jwt-secret'], orgId: ORG, technicalAccountId: TECH, metascopes: ['ent_cloudmgr_sdk'], imsEndpoint: ims.url },
  });
  const keyPem = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  const imported = (await boot('keypairs:import', { name: 'Fuzz JWT', source: 'text', keyPem })) as { key: { fingerprintSha256: string } };
  fingerprint = imported.key.fingerprintSha256;
  h.dispose();
  template = h.dataDir;
});

afterAll(async () => {
  await ims?.close();
  console.log(`ipc fuzz: outcomes over all channels ${JSON.stringify(Object.fromEntries(outcomes))}`);
});

beforeEach(async () => {
  unhandled = [];
  process.on('unhandledRejection', onUnhandled);
  h = await createHarness({ passphrase: PASSPHRASE, template, unlock: true });
});

afterEach(() => {
  process.off('unhandledRejection', onUnhandled);
  h.dispose();
});

describe('IPC fuzz: every channel, malformed requests', () => {
  for (const channel of CHANNELS) {
    it(`${channel}: typed results, no crash, vault untouched by refused requests`, async () => {
      const schema = REQUEST_SCHEMAS[channel];
      const vaultFile = path.join(h.dataDir, 'vault.ksv');
      const settingsFile = path.join(h.dataDir, 'settings.json');
      const example = validExample(channel);
      let calls = 0;
      let accepted = 0;
      const requests = fc.oneof(
        { weight: 3, arbitrary: mutationsOf(example) },
        { weight: 3, arbitrary: tweaksOf(example) },
        { weight: 1, arbitrary: garbage },
      );
      await fc.assert(
        fc.asyncProperty(requests, async (request) => {
          const refused = !schema.safeParse(request).success;
          fc.pre(refused || !ONLY_INVALID.has(channel));
          const before = [fileBytes(vaultFile), fileBytes(settingsFile)];
          const result = await h.call(channel, request);
          calls++;
          if (!refused) accepted++;
          assertTyped(result, channel);
          const outcome = result.ok ? 'ok' : result.error.code;
          outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
          if (refused) {
            expect(result.ok, channel).toBe(false);
            if (!result.ok) expect(['invalid_input', 'payload_too_large'], `${channel}: ${result.error.message}`).toContain(result.error.code);
            expect([fileBytes(vaultFile), fileBytes(settingsFile)], `${channel} changed a file on a refused request`).toEqual(before);
          }
        }),
        { numRuns: RUNS, ...(SEED !== undefined && { seed: SEED }) },
      );
      expect(h.session.isUnlocked).toBe(true);
      expect(calls).toBeGreaterThanOrEqual(RUNS);
      // Not only the schema is fuzzed: where valid requests are sent at all, some get past it into the handler.
      if (!ONLY_INVALID.has(channel)) expect(accepted, `${channel}: requests that passed the schema`).toBeGreaterThan(0);
      await settle(); // a rejection left unhandled is reported once the queued callbacks have run
      expect(unhandled).toEqual([]);
      expect(h.logged.map((l) => l.message)).toEqual([]);
    });
  }
});
