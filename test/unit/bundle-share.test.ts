/**
 * The share bundle carries secrets and private keys to a teammate, so: they exist only encrypted;
 * damage, a wrong passphrase, a newer format and "not a bundle" are four different answers; and no
 * single changed byte anywhere in the file ever opens or reads as a wrong passphrase.
 * Small scrypt parameters keep the many openings fast (the header records them); one test uses
 * the defaults.
 */
import { createHash, generateKeyPairSync, randomBytes, X509Certificate } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SCRYPT, deriveFromPassphrase, randomKey, seal, type ScryptParams } from '../../electron/core/crypto-primitives';
import { isKeysmithError, type ErrorCode } from '../../electron/core/errors';
import { IntegrationFieldsSchema, type Integration, type IntegrationFieldsInput } from '../../electron/shared/integration';
import { encodeBundle } from '../../electron/core/interop/bundle/bundle-frame';
import { openBundle, sealBundle } from '../../electron/core/interop/bundle/share-bundle';
import { createSelfSignedCertificate } from '../../electron/core/keys/certificate';
import type { StoredKeyPair } from '../../electron/shared/stored-keypair';
import { encodeVault } from '../../electron/core/vault-envelope';

const FAST: ScryptParams = { N: 2 ** 10, r: 8, p: 1 };
const PASSPHRASE = 'team passphrase 42';
const NOW = new Date('2025-05-06T07:08:09.000Z');
const SECRET = 'p8e-bundle-secret-7f3a';
const ORG = '12345678ABCDEF0123456789@AdobeOrg';
const TECH = '0A1B2C3D4E5F@techacct.adobe.com';

let key: StoredKeyPair;
let integrations: Integration[];
let sealed: Buffer;

function make(fields: IntegrationFieldsInput, id: string, keys?: StoredKeyPair[]): Integration {
  const stamp = '2025-01-02T03:04:05.000Z';
  return { ...IntegrationFieldsSchema.parse(fields), id, createdAt: stamp, updatedAt: stamp, ...(keys && { keys }) };
}

/** What openBundle threw: its code and message, or 'opened' if it did not throw. */
async function outcome(bytes: Buffer, passphrase = PASSPHRASE, name?: string): Promise<{ code: ErrorCode | 'opened'; message: string }> {
  try {
    await openBundle(bytes, passphrase, name === undefined ? {} : { name });
    return { code: 'opened', message: '' };
  } catch (e) {
    if (!isKeysmithError(e)) throw e;
    return { code: e.code, message: e.message };
  }
}

function lines(bytes: Buffer): [string, string] {
  const [header, body] = bytes.toString('utf8').split('\n');
  return [header!, body!];
}

/** A bundle with these lines and a correct checksum: a deliberate edit, not damage. */
function reframe(header: string, body: string): Buffer {
  const sum = createHash('sha256').update(`${header}\n${body}\n`).digest('hex');
  return Buffer.from(`${header}\n${body}\nsha256:${sum}\n`, 'utf8');
}

/** A well-encrypted bundle around any payload, to check what openBundle accepts once decrypted. */
async function craft(payload: unknown, count: number): Promise<Buffer> {
  const salt = randomBytes(16);
  const kek = await deriveFromPassphrase(PASSPHRASE, salt, FAST);
  const dataKey = randomKey();
  const wrap = seal(kek, dataKey, Buffer.from('keysmith-bundle-key:v1'));
  return encodeBundle(
    {
      kdf: { name: 'scrypt', ...FAST, salt: salt.toString('base64') },
      wrap: { nonce: wrap.nonce.toString('base64'), key: wrap.box.toString('base64') },
      createdAt: NOW.toISOString(),
      count,
    },
    dataKey,
    Buffer.from(JSON.stringify(payload)),
  );
}

beforeAll(async () => {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const privateKeyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  const certificatePem = await createSelfSignedCertificate({ privateKeyPem, subject: { CN: 'AEM prod' }, days: 365 });
  const fingerprintSha256 = new X509Certificate(certificatePem).fingerprint256;
  key = { id: 'a1b2c3d4-0000-4000-8000-000000000001', fingerprintSha256, privateKeyPem, certificatePem, bits: 2048, origin: 'generated', active: true, addedAt: '2025-01-02T03:04:05.000Z' };
  integrations = [
    make(
      { kind: 'jwt', name: 'AEM prod', clientId: 'cm-p1234-e5678', clientSecrets: [SECRET], orgId: ORG, technicalAccountId: TECH, metascopes: ['ent_aem_cloud_api'] },
      '6f1c1f2e-8d2a-4b8e-9a51-0c7d2f4b9e10',
      [key],
    ),
    make(
      { kind: 'oauthS2S', name: 'Cloud Manager', clientId: 's2s-client', clientSecrets: ['p8e-second-secret'], orgId: ORG, scopes: ['openid', 'AdobeID'] },
      '7a2d3e4f-9b1c-4d2e-8f3a-1b2c3d4e5f60',
    ),
  ];
  sealed = await sealBundle(integrations, PASSPHRASE, { now: NOW, scrypt: FAST });
});

describe('a sealed bundle', () => {
  it('opens with its passphrase to exactly the integrations, keys and secrets included', async () => {
    const opened = await openBundle(sealed, PASSPHRASE);
    expect(opened).toEqual({ integrations, createdAt: NOW.toISOString() });
    expect(opened.integrations[0]!.keys![0]!.privateKeyPem).toBe(key.privateKeyPem);
  });

  it('is three ASCII lines: a header that names no integration, base64 ciphertext, a checksum', () => {
    expect([...sealed].every((b) => b < 0x80)).toBe(true);
    const text = sealed.toString('utf8');
    expect(text).toMatch(/^\{"format":"keysmith-bundle",[^\n]*\n[A-Za-z0-9+/]+=*\nsha256:[0-9a-f]{64}\n$/);
    const header = JSON.parse(lines(sealed)[0]);
    expect(header).toEqual({
      format: 'keysmith-bundle',
      version: 1,
      kdf: { name: 'scrypt', N: FAST.N, r: FAST.r, p: FAST.p, salt: expect.stringMatching(/^[A-Za-z0-9+/]{22}==$/) },
      wrap: { nonce: expect.any(String), key: expect.any(String) },
      nonce: expect.stringMatching(/^[A-Za-z0-9+/]{16}$/),
      createdAt: NOW.toISOString(),
      count: 2,
    });
    // Random base64 (salt, nonces, wrapped key) can spell anything, "rAEMKT…" once did: only the
    // readable rest must name nothing.
    const readable = lines(sealed)[0]!.replace(/"[A-Za-z0-9+/]{12,}={0,2}"/g, '""');
    expect(readable).toContain('"nonce":""');
    expect(readable).not.toMatch(/AEM|Cloud Manager|cm-p1234|s2s-client/);
  });

  it('never holds a secret or a private key in the clear, plain or base64', () => {
    const text = sealed.toString('latin1');
    const keyBody = key.privateKeyPem.split('\n').filter((l) => l.length > 0 && !l.startsWith('-----'));
    const needles = [SECRET, 'p8e-second-secret', ...keyBody, keyBody.join(''), 'PRIVATE KEY'];
    for (const needle of needles) {
      expect(text).not.toContain(needle);
      // base64 of the secret at each of the three alignments it could start at
      for (let shift = 0; shift < 3; shift++) {
        const b64 = Buffer.from(`${'x'.repeat(shift)}${needle}`).toString('base64').slice(4 * Math.ceil(shift / 3) + 4, -4);
        if (b64.length >= 8) expect(text).not.toContain(b64);
      }
    }
  });

  it('is different every time, even from the same input', async () => {
    const again = await sealBundle(integrations, PASSPHRASE, { now: NOW, scrypt: FAST });
    expect(again.equals(sealed)).toBe(false);
    expect((await openBundle(again, PASSPHRASE)).integrations).toEqual(integrations);
  });

  it('uses the default scrypt parameters unless told otherwise, and NFC-normalises the passphrase', async () => {
    const nfc = 'Pässphrase für das Team';
    const bytes = await sealBundle(integrations.slice(1), nfc);
    expect(JSON.parse(lines(bytes)[0]).kdf).toMatchObject(DEFAULT_SCRYPT);
    expect((await openBundle(bytes, nfc.normalize('NFD'))).integrations).toEqual(integrations.slice(1));
  });
});

describe('opening fails distinctly', () => {
  it('on a wrong passphrase', async () => {
    for (const wrong of ['team passphrase 43', 'Team passphrase 42', '', 'x']) {
      expect(await outcome(sealed, wrong)).toEqual({
        code: 'wrong_passphrase',
        message: 'Wrong passphrase for this bundle: use the one its sender chose (not your vault passphrase)',
      });
    }
  });

  it('on every single flipped byte across the whole file: damaged, never opened, never a wrong passphrase', async () => {
    const seen = new Set<string>();
    for (let i = 0; i < sealed.length; i++) {
      for (const mask of [0x01, 0x80, 0xff]) {
        const bytes = Buffer.from(sealed);
        bytes[i]! ^= mask;
        const { code, message } = await outcome(bytes);
        expect(code, `byte ${i} ^ ${mask}`).toBe('vault_tampered');
        seen.add(message.replace(/\(.*\)/, '(…)'));
      }
    }
    expect([...seen]).toEqual(['The bundle is damaged or was modified (…): ask the sender for a new copy']);
  });

  it('on every truncation and on extra bytes', async () => {
    for (let length = 1; length < sealed.length; length++) {
      expect((await outcome(sealed.subarray(0, length))).code, `first ${length} bytes`).toBe('vault_tampered');
    }
    expect(await outcome(Buffer.alloc(0))).toEqual({ code: 'invalid_input', message: 'This file is empty, not a Keysmith bundle' });
    expect((await outcome(Buffer.concat([sealed, Buffer.from('\n')]))).code).toBe('vault_tampered');
    expect((await outcome(Buffer.concat([sealed, Buffer.from('x')]))).code).toBe('vault_tampered');
  });

  it('on edits that keep the checksum right: modified, never opened, never a wrong passphrase', async () => {
    const [header, body] = lines(sealed);
    const flippedBody = Buffer.from(body, 'base64');
    flippedBody[10]! ^= 0x01;
    const edits = [
      reframe(header, flippedBody.toString('base64')),
      reframe(header.replace(NOW.toISOString(), '2030-01-01T00:00:00.000Z'), body),
      reframe(header.replace('"count":2', '"count":1'), body),
      reframe(header, Buffer.from(body, 'base64').subarray(0, -1).toString('base64')),
    ];
    for (const bytes of edits) expect((await outcome(bytes)).code).toBe('vault_tampered');
  });

  it('on a bundle from a newer Keysmith, whatever its header holds', async () => {
    const [header, body] = lines(sealed);
    const newer = { code: 'vault_too_new', message: 'The bundle share.ksb was made by a newer Keysmith (format 2; this one reads format 1): upgrade Keysmith to open it' };
    expect(await outcome(reframe(header.replace('"version":1', '"version":2'), body), PASSPHRASE, 'share.ksb')).toEqual(newer);
    expect(await outcome(reframe('{"format":"keysmith-bundle","version":2,"aead":"something-new"}', 'AAAA'), PASSPHRASE, 'share.ksb')).toEqual(newer);
  });

  it('on files that are not bundles at all', async () => {
    const vault = encodeVault({ format: 'keysmith-vault', version: 1, vaultId: 'v', generation: 1, writtenAt: NOW.toISOString(), wraps: [] }, randomKey(), Buffer.from('{}'));
    const cases: [Buffer, string][] = [
      [Buffer.from('{"project":{"id":"1","name":"p"}}\n'), 'share.json is not a Keysmith bundle'],
      [Buffer.from('-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n'), 'share.json is not a Keysmith bundle'],
      [vault, 'share.json is a Keysmith vault, not a bundle'],
      [randomBytes(4096), 'share.json is not a Keysmith bundle'],
    ];
    for (const [bytes, message] of cases) expect(await outcome(bytes, PASSPHRASE, 'share.json')).toEqual({ code: 'invalid_input', message });
  });

  it('names the file in its messages when given one', async () => {
    const bytes = Buffer.from(sealed);
    bytes[5]! ^= 0x01;
    expect((await outcome(bytes, PASSPHRASE, '/tmp/share.ksb')).message).toBe(
      'The bundle /tmp/share.ksb is damaged or was modified (checksum mismatch): ask the sender for a new copy',
    );
  });
});

describe('what goes in and comes out', () => {
  it('refuses short passphrases and empty bundles when sealing', async () => {
    for (const passphrase of ['', 'seven77', '🔑🔑🔑🔑🔑🔑🔑']) {
      await expect(sealBundle(integrations, passphrase, { scrypt: FAST })).rejects.toMatchObject({ code: 'invalid_input', field: 'passphrase' });
    }
    await expect(sealBundle(integrations, '🔑🔑🔑🔑🔑🔑🔑🔑', { scrypt: FAST })).resolves.toBeInstanceOf(Buffer);
    await expect(sealBundle([], PASSPHRASE, { scrypt: FAST })).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('refuses scrypt parameters that would be weak to nothing or ask for too much memory', async () => {
    for (const scrypt of [{ N: 1000, r: 8, p: 1 }, { N: 2 ** 21, r: 8, p: 1 }, { N: 2 ** 10, r: 0, p: 1 }]) {
      await expect(sealBundle(integrations, PASSPHRASE, { scrypt })).rejects.toMatchObject({ code: 'invalid_input' });
    }
    // A crafted header asking for 2^30 * 8 * 128 bytes is refused before scrypt runs.
    const [header, body] = lines(sealed);
    expect((await outcome(reframe(header.replace(`"N":${FAST.N}`, `"N":${2 ** 30}`), body))).code).toBe('vault_tampered');
  });

  it('refuses a decrypted payload that is not integrations', async () => {
    for (const [payload, count] of [[[], 0], [{ integrations: 'all of them' }, 1]] as [unknown, number][]) {
      expect(await outcome(await craft(payload, count))).toEqual({ code: 'invalid_input', message: 'The bundle does not hold Keysmith integrations' });
    }
    // Entries go through the vault's own schema, and the refusal names the entry.
    const entries: [unknown, string][] = [
      [{ name: 'x' }, 'integration 1 ("x")'],
      [{ kind: 'saml', name: 'x', clientId: 'c' }, 'integration 1 ("x"): kind'],
      [{ kind: 'jwt', name: 'x', clientId: 'c', keys: [{ privateKeyPem: 1 }] }, 'integration 1 ("x")'],
    ];
    for (const [entry, names] of entries) {
      const { code, message } = await outcome(await craft({ integrations: [entry] }, 1));
      expect(code).toBe('invalid_input');
      expect(message).toContain(`The bundle holds an integration Keysmith cannot use (${names}`);
    }
    const apiKey = { kind: 'apiKey', name: 'k', clientId: 'c', id: '7a2d3e4f-9b1c-4d2e-8f3a-1b2c3d4e5f61', createdAt: NOW.toISOString(), updatedAt: NOW.toISOString() };
    expect(await outcome(await craft({ integrations: [apiKey] }, 2))).toEqual({
      code: 'invalid_input',
      message: 'The bundle says it holds 2 integrations but holds 1',
    });
    expect((await openBundle(await craft({ integrations: [apiKey] }, 1), PASSPHRASE)).integrations).toHaveLength(1);
  });
});
