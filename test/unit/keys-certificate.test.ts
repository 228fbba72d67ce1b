/**
 * Keypairs and self-signed certificates, checked by the real openssl: what it prints about them,
 * whether it verifies them, and whether our fingerprints agree with its own.
 */
import { spawnSync } from 'node:child_process';
import { X509Certificate, createPrivateKey, createPublicKey } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isKeysmithError } from '../../electron/core/errors';
import { createSelfSignedCertificate } from '../../electron/core/keys/certificate';
import { describeCertificate, normalizeFingerprint } from '../../electron/core/keys/certificate-info';
import { assertKeyMatchesCertificate, parsePrivateKey } from '../../electron/core/keys/private-key-import';
import { generateRsaKeyPair, type RsaKeyPair } from '../../electron/core/keys/rsa-keygen';
import { requireTool } from '../support/requirements';

const DAY_MS = 86_400_000;
const OPENSSL = requireTool('openssl', 'keys and certificates are made or checked by the real openssl');
let dir: string;

function openssl(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(OPENSSL!, args, { cwd: dir, encoding: 'utf8' });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function opensslOk(...args: string[]): string {
  const result = openssl(...args);
  if (result.status !== 0) throw new Error(`openssl ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout;
}

function write(name: string, text: string): string {
  writeFileSync(path.join(dir, name), text, { mode: 0o600 });
  return name;
}

/** 'sha256 Fingerprint=AB:CD:…' (OpenSSL 3) or 'SHA256 Fingerprint=…' (1.1): the hex part. */
function opensslFingerprint(file: string): string {
  const out = opensslOk('x509', '-noout', '-fingerprint', '-sha256', '-in', file).trim();
  return out.slice(out.indexOf('=') + 1);
}

async function expectInvalid(promise: Promise<unknown>, pattern: RegExp): Promise<void> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(isKeysmithError(err, 'invalid_input'), String(err)).toBe(true);
  expect((err as Error).message).toMatch(pattern);
  expect((err as Error).message).not.toContain('\n');
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'keysmith-certs-'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('generateRsaKeyPair', () => {
  it('refuses sizes other than 2048, 3072 and 4096', async () => {
    await expectInvalid(generateRsaKeyPair(1024 as never), /2048, 3072 or 4096 bits \(got 1024\)/);
    await expectInvalid(generateRsaKeyPair(2047 as never), /got 2047/);
  });
});

describe.skipIf(OPENSSL === null).each([2048, 4096] as const)('a %i-bit keypair and its self-signed certificate', (bits) => {
  let pair: RsaKeyPair;
  let pem: string;
  const now = new Date();

  beforeAll(async () => {
    pair = await generateRsaKeyPair(bits);
    pem = await createSelfSignedCertificate({
      privateKeyPem: pair.privateKeyPem,
      subject: { CN: `Keysmith test ${bits}`, O: 'Acme Corp', OU: 'Platform', C: 'de' },
      days: 365,
      now,
    });
    write(`c${bits}.crt`, pem);
    write(`k${bits}.key`, pair.privateKeyPem);
  });

  it('is a PKCS#8 private key and an SPKI public key of the asked size', () => {
    expect(pair.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(pair.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
    const key = createPrivateKey(pair.privateKeyPem);
    expect(key.asymmetricKeyType).toBe('rsa');
    expect(key.asymmetricKeyDetails).toMatchObject({ modulusLength: bits, publicExponent: 65537n });
    expect(createPublicKey(key).export({ type: 'spki', format: 'pem' })).toBe(pair.publicKeyPem);
  });

  it('reads in openssl as an X.509 v3 certificate signed with SHA-256 and RSA', () => {
    const text = opensslOk('x509', '-noout', '-text', '-in', `c${bits}.crt`);
    expect(text).toContain('Version: 3 (0x2)');
    expect(text).toMatch(/Signature Algorithm: sha256WithRSAEncryption[\s\S]*Signature Algorithm: sha256WithRSAEncryption/);
    expect(text).toContain('Subject: C = DE, O = Acme Corp, OU = Platform, CN = Keysmith test');
    expect(text).toContain('Issuer: C = DE, O = Acme Corp, OU = Platform, CN = Keysmith test');
    expect(text).toContain(`Public-Key: (${bits} bit)`);
    expect(text).toContain('X509v3 extensions:');
    expect(text).toContain('X509v3 Subject Key Identifier');
    expect(text).toContain('X509v3 Authority Key Identifier');
    expect(text).toMatch(/X509v3 Basic Constraints: critical\s+CA:TRUE/);
  });

  it('has the same key identifiers openssl computes for this key', () => {
    opensslOk('req', '-x509', '-key', `k${bits}.key`, '-subj', '/CN=ref', '-days', '1', '-out', `ref${bits}.crt`);
    const ids = (file: string) => opensslOk('x509', '-noout', '-ext', 'subjectKeyIdentifier,authorityKeyIdentifier', '-in', file);
    expect(ids(`c${bits}.crt`)).toBe(ids(`ref${bits}.crt`));
  });

  it('verifies in openssl as its own trust anchor', () => {
    const result = openssl('verify', '-CAfile', `c${bits}.crt`, `c${bits}.crt`);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain(`c${bits}.crt: OK`);
  });

  it('belongs to its private key', () => {
    expect(new X509Certificate(pem).checkPrivateKey(createPrivateKey(pair.privateKeyPem))).toBe(true);
    expect(() => assertKeyMatchesCertificate(pair.privateKeyPem, pem)).not.toThrow();
  });

  it('is described with openssl\'s fingerprint and serial, and the asked validity', () => {
    const info = describeCertificate(pem, now);
    expect(info.fingerprintSha256).toBe(opensslFingerprint(`c${bits}.crt`));
    expect(info.fingerprintSha256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(info.serial).toBe(opensslOk('x509', '-noout', '-serial', '-in', `c${bits}.crt`).trim().replace(/^serial=/, ''));
    expect(BigInt(`0x${info.serial}`) > 0n).toBe(true);
    expect(info.subject).toBe(`C=DE, O=Acme Corp, OU=Platform, CN=Keysmith test ${bits}`);
    expect(info.bits).toBe(bits);
    const start = Math.floor(now.getTime() / 1000) * 1000;
    // Backdated one minute for clock skew; the days run from now.
    expect(Date.parse(info.notBefore)).toBe(start - 60_000);
    expect(Date.parse(info.notAfter)).toBe(start + 365 * DAY_MS);
    expect((Date.parse(info.notAfter) - Date.parse(info.notBefore)) / DAY_MS).toBeCloseTo(365, 2);
    // 365 days less the sub-second part of now that the whole-second ASN.1 time dropped.
    expect(info.daysLeft).toBe(now.getTime() === start ? 365 : 364);
    expect(info.expired).toBe(false);
    expect(info.expiringSoon).toBe(false);
  });
});

describe.skipIf(OPENSSL === null)('createSelfSignedCertificate', () => {
  let pair: RsaKeyPair;

  beforeAll(async () => {
    pair = await generateRsaKeyPair(2048);
  });

  it('draws a fresh positive 16-byte serial every time', async () => {
    const serials = new Set<string>();
    for (let i = 0; i < 8; i++) {
      const pem = await createSelfSignedCertificate({ privateKeyPem: pair.privateKeyPem, subject: { CN: 'x' }, days: 1 });
      const serial = describeCertificate(pem).serial;
      expect(serial).toMatch(/^[4-7][0-9A-F]{31}$/);
      serials.add(serial);
    }
    expect(serials.size).toBe(8);
  });

  it('writes names as UTF-8 and leaves out the parts not given', async () => {
    const pem = await createSelfSignedCertificate({ privateKeyPem: pair.privateKeyPem, subject: { CN: '  Zoë_deploy@acme  ' }, days: 30 });
    expect(describeCertificate(pem).subject).toBe('CN=Zoë_deploy@acme');
    const file = write('utf8.crt', pem);
    expect(opensslOk('x509', '-noout', '-subject', '-nameopt', 'utf8', '-in', file).trim()).toMatch(/^subject= ?CN ?= ?Zoë_deploy@acme$/);
    expect(openssl('verify', '-CAfile', file, file).status).toBe(0);
  });

  it('accepts the longest validity and the longest names', async () => {
    const name = 'n'.repeat(64);
    const pem = await createSelfSignedCertificate({
      privateKeyPem: pair.privateKeyPem,
      subject: { CN: name, O: name, OU: name, C: 'US' },
      days: 3650,
    });
    expect(describeCertificate(pem).daysLeft).toBe(3649);
  });

  it('refuses bad input with a sentence that says what is expected', async () => {
    const make = (over: Partial<Parameters<typeof createSelfSignedCertificate>[0]>) =>
      createSelfSignedCertificate({ privateKeyPem: pair.privateKeyPem, subject: { CN: 'x' }, days: 365, ...over });
    for (const days of [0, -1, 3651, 1.5, Number.NaN]) {
      await expectInvalid(make({ days }), /whole number of days from 1 to 3650/);
    }
    await expectInvalid(make({ subject: { CN: '' } }), /common name \(CN\) must not be empty/);
    await expectInvalid(make({ subject: { CN: '   ' } }), /common name \(CN\) must not be empty/);
    await expectInvalid(make({ subject: { CN: 'x'.repeat(65) } }), /common name \(CN\) must be at most 64 characters \(got 65\)/);
    await expectInvalid(make({ subject: { CN: 'a\nb' } }), /must not contain control characters/);
    await expectInvalid(make({ subject: { CN: 'x', O: 'o'.repeat(65) } }), /organization \(O\) must be at most 64/);
    await expectInvalid(make({ subject: { CN: 'x', OU: 'o'.repeat(65) } }), /organizational unit \(OU\) must be at most 64/);
    for (const C of ['USA', 'U', 'U1', 'ü1']) {
      await expectInvalid(make({ subject: { CN: 'x', C } }), /country \(C\) must be a two-letter ISO 3166 code/);
    }
    await expectInvalid(make({ now: new Date('nope') }), /not a valid date/);
  });

  it('refuses a key that is not RSA, one that is not a key, and a damaged one', async () => {
    const ec = opensslOk('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256');
    const err = createSelfSignedCertificate({ privateKeyPem: ec, subject: { CN: 'x' }, days: 1 });
    await expectInvalid(err, /need an RSA key; this is an EC key$/);
    await expectInvalid(createSelfSignedCertificate({ privateKeyPem: 'nope', subject: { CN: 'x' }, days: 1 }), /not a private key in PEM form/);
    // A damaged modulus still parses; the certificate's own signature then fails to verify.
    const der = createPrivateKey(pair.privateKeyPem).export({ type: 'pkcs8', format: 'der' });
    der.fill(0x41, 40, 60);
    const damaged = `-----BEGIN PRIVATE KEY-----\n${der.toString('base64')}\n-----END PRIVATE KEY-----\n`;
    await expectInvalid(createSelfSignedCertificate({ privateKeyPem: damaged, subject: { CN: 'x' }, days: 1 }), /^This private key is corrupt: its signatures do not verify/);
  });
});

describe.skipIf(OPENSSL === null)('describeCertificate on a certificate from Adobe\'s documented openssl command', () => {
  // Each test reads this, never what another test computed: they run in any order.
  let info: ReturnType<typeof describeCertificate>;
  beforeAll(() => {
    opensslOk('req', '-x509', '-sha256', '-nodes', '-days', '365', '-newkey', 'rsa:2048', '-keyout', 'adobe.key', '-out', 'adobe.crt', '-subj', '/CN=x');
    info = describeCertificate(readFileSync(path.join(dir, 'adobe.crt'), 'utf8'));
  });

  it('reports openssl\'s fingerprint, the key size and a year left', () => {
    const pem = readFileSync(path.join(dir, 'adobe.crt'), 'utf8');
    expect(info.fingerprintSha256).toBe(opensslFingerprint('adobe.crt'));
    expect(info.bits).toBe(2048);
    expect(info.subject).toBe('CN=x');
    expect([364, 365]).toContain(info.daysLeft);
    expect(info.expired).toBe(false);
    expect(info.expiringSoon).toBe(false);
    expect(normalizeFingerprint(info.fingerprintSha256.replace(/:/g, '').toLowerCase())).toBe(info.fingerprintSha256);

    const key = parsePrivateKey(readFileSync(path.join(dir, 'adobe.key'), 'utf8'));
    expect(() => assertKeyMatchesCertificate(key.privateKeyPem, pem)).not.toThrow();
  });

  it('says when it expires soon and when it has expired', () => {
    const notAfter = Date.parse(info.notAfter);
    const pem = readFileSync(path.join(dir, 'adobe.crt'), 'utf8');
    const soon = describeCertificate(pem, new Date(notAfter - 10 * DAY_MS + 1000));
    expect(soon).toMatchObject({ daysLeft: 9, expiringSoon: true, expired: false });
    const edge = describeCertificate(pem, new Date(notAfter - 30 * DAY_MS));
    expect(edge).toMatchObject({ daysLeft: 30, expiringSoon: false, expired: false });
    const gone = describeCertificate(pem, new Date(notAfter + 2 * DAY_MS));
    expect(gone).toMatchObject({ daysLeft: -2, expiringSoon: true, expired: true });
  });

  it('refuses text that is not a certificate', () => {
    expect(() => describeCertificate('hello')).toThrow(/not a readable PEM certificate/);
  });
});

describe('normalizeFingerprint', () => {
  const canonical = Array.from({ length: 32 }, (_, i) => (i * 7 + 10).toString(16).padStart(2, '0').toUpperCase()).join(':');
  const bare = canonical.replace(/:/g, '');

  it('accepts colons or none, any case, spaces and the prefixes tools print', () => {
    for (const input of [
      canonical,
      bare,
      bare.toLowerCase(),
      canonical.toLowerCase(),
      `sha256:${bare}`,
      `SHA256:${canonical}`,
      `SHA256 Fingerprint=${canonical}`,
      `sha256 Fingerprint=${canonical}`,
      `SHA-256 fingerprint: ${canonical}`,
      `  ${canonical.replace(/:/g, ' ')}\n`,
    ]) {
      expect(normalizeFingerprint(input), input).toBe(canonical);
    }
  });

  it('refuses anything but 64 hex digits, without echoing the input', () => {
    const attempts: [string, RegExp][] = [
      [bare.slice(1), /64 hex digits.*this has 63$/],
      [`${bare}0`, /this has 65$/],
      [bare.slice(0, 40), /40, which is a SHA-1 fingerprint/],
      [`${bare.slice(1)}g`, /not hex digits/],
      ['', /this has 0$/],
    ];
    for (const [input, pattern] of attempts) {
      let caught: unknown;
      try {
        normalizeFingerprint(input);
      } catch (err) {
        caught = err;
      }
      expect(isKeysmithError(caught, 'invalid_input')).toBe(true);
      expect((caught as Error).message).toMatch(pattern);
      if (input.length > 8) expect((caught as Error).message).not.toContain(input.slice(0, 8));
    }
  });
});
