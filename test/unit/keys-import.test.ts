/**
 * Importing the keys and certificates users already have, in every form openssl writes, and the
 * sentence each wrong input gets. Every file here is made by the real openssl.
 */
import { spawnSync } from 'node:child_process';
import { X509Certificate, createPublicKey } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isKeysmithError } from '../../electron/core/errors';
import {
  MAX_PEM_INPUT_BYTES,
  assertKeyMatchesCertificate,
  parseCertificate,
  parsePrivateKey,
} from '../../electron/core/keys/private-key-import';
import { requireTool } from '../support/requirements';

const PASS = 'correct horse battery staple';
const OPENSSL = requireTool('openssl', 'keys and certificates are made or checked by the real openssl');
let dir: string;
const files: Record<string, string> = {};

function opensslOk(...args: string[]): string {
  const result = spawnSync(OPENSSL!, args, { cwd: dir, encoding: 'utf8' });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`openssl ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout;
}

/** Runs openssl writing `-out name` and keeps the file's text under that name. */
function make(name: string, command: string, ...args: string[]): string {
  opensslOk(command, '-out', name, ...args);
  files[name] = readFileSync(path.join(dir, name), 'utf8');
  return files[name];
}

function spki(pem: string): string {
  return createPublicKey(pem).export({ type: 'spki', format: 'pem' }) as string;
}

/** The base64 lines of a PEM, which no error message may repeat. */
function bodyLines(pem: string): string[] {
  return pem.split('\n').filter((line) => /^[A-Za-z0-9+/=]{16,}$/.test(line));
}

function expectInvalid(fn: () => unknown, pattern: RegExp, input?: string): void {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  expect(isKeysmithError(caught, 'invalid_input'), `expected invalid_input, got ${String(caught)}`).toBe(true);
  const message = (caught as Error).message;
  expect(message).toMatch(pattern);
  expect(message).not.toContain('\n');
  expect(message).not.toMatch(/[A-Za-z0-9+/]{40,}/);
  for (const line of bodyLines(input ?? '')) expect(message).not.toContain(line.slice(0, 16));
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'keysmith-import-'));
  make('pkcs1.pem', 'genrsa', '-traditional', '2048');
  make('pkcs8.pem', 'pkcs8', '-topk8', '-nocrypt', '-in', 'pkcs1.pem');
  make('enc-pkcs8.pem', 'pkcs8', '-topk8', '-v2', 'aes-256-cbc', '-passout', `pass:${PASS}`, '-in', 'pkcs1.pem');
  make('enc-pkcs1.pem', 'rsa', '-aes256', '-traditional', '-passout', `pass:${PASS}`, '-in', 'pkcs1.pem');
  make('cert.pem', 'req', '-x509', '-sha256', '-days', '365', '-key', 'pkcs1.pem', '-subj', '/CN=import');
  make('public.pem', 'pkey', '-pubout', '-in', 'pkcs1.pem');
  make('other.pem', 'genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048');
  make('other-cert.pem', 'req', '-x509', '-sha256', '-days', '365', '-key', 'other.pem', '-subj', '/CN=other');
  make('ec-sec1.pem', 'ecparam', '-genkey', '-name', 'prime256v1', '-noout');
  make('ec-pkcs8.pem', 'genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256');
  make('ec-cert.pem', 'req', '-x509', '-sha256', '-days', '365', '-key', 'ec-pkcs8.pem', '-subj', '/CN=ec');
  make('ed25519.pem', 'genpkey', '-algorithm', 'ed25519');
  make('dsa-params.pem', 'genpkey', '-genparam', '-algorithm', 'DSA', '-pkeyopt', 'dsa_paramgen_bits:1024');
  make('dsa.pem', 'genpkey', '-paramfile', 'dsa-params.pem');
  make('rsa-pss.pem', 'genpkey', '-algorithm', 'RSA-PSS', '-pkeyopt', 'rsa_keygen_bits:2048');
  make('rsa1024.pem', 'genrsa', '1024');
  make('rsa1024-cert.pem', 'req', '-x509', '-sha256', '-days', '365', '-key', 'rsa1024.pem', '-subj', '/CN=small');
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(OPENSSL === null)('parsePrivateKey', () => {
  it.each([
    ['PKCS#1', 'pkcs1.pem', /^-----BEGIN RSA PRIVATE KEY-----\n/, undefined],
    ['PKCS#8', 'pkcs8.pem', /^-----BEGIN PRIVATE KEY-----\n/, undefined],
    ['encrypted PKCS#8', 'enc-pkcs8.pem', /^-----BEGIN ENCRYPTED PRIVATE KEY-----\n/, PASS],
    ['legacy encrypted PKCS#1', 'enc-pkcs1.pem', /^-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n/, PASS],
  ])('reads %s into unencrypted PKCS#8 with the same public key', (_form, name, shape, passphrase) => {
    const text = files[name]!;
    expect(text).toMatch(shape);
    const key = parsePrivateKey(text, passphrase);
    expect(key.bits).toBe(2048);
    expect(key.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----\n[\s\S]+\n-----END PRIVATE KEY-----\n$/);
    expect(key.publicKeyPem).toBe(spki(files['pkcs1.pem']!));
    expect(spki(key.privateKeyPem)).toBe(key.publicKeyPem);
    // Normalized output is a fixed point: reading it again changes nothing.
    expect(parsePrivateKey(key.privateKeyPem)).toEqual(key);
    // and openssl reads it back as the same key.
    writeFileSync(path.join(dir, `out-${name}`), key.privateKeyPem);
    expect(opensslOk('pkey', '-in', `out-${name}`, '-pubout')).toBe(files['public.pem']);
  });

  it('reads keys that went through JSON, environment variables or a web form', () => {
    const text = files['pkcs1.pem']!;
    const expected = spki(text);
    for (const mangled of [
      text.replace(/\n/g, '\r\n'),
      text.replace(/\n/g, '\\n'),
      text.replace(/\n/g, ' '),
      text.split('\n').map((line) => `    ${line}`).join('\n'),
      `Bag Attributes\n    localKeyID: 01 00 00 00\n${text}`,
      `${files['cert.pem']}${text}`,
      files['enc-pkcs1.pem']!.replace(/\n/g, '\\n'),
    ]) {
      expect(parsePrivateKey(mangled, PASS).publicKeyPem).toBe(expected);
    }
  });

  it('refuses a key that is encrypted when no passphrase is given', () => {
    for (const name of ['enc-pkcs8.pem', 'enc-pkcs1.pem']) {
      expectInvalid(() => parsePrivateKey(files[name]!), /^This key is encrypted$/, files[name]);
      expectInvalid(() => parsePrivateKey(files[name]!, ''), /This key is encrypted/, files[name]);
    }
  });

  it('refuses a wrong passphrase', () => {
    for (const name of ['enc-pkcs8.pem', 'enc-pkcs1.pem']) {
      expectInvalid(() => parsePrivateKey(files[name]!, 'not the passphrase'), /^Could not decrypt this key: the passphrase is wrong/, files[name]);
    }
  });

  it('refuses keys that are not RSA', () => {
    expectInvalid(() => parsePrivateKey(files['ec-sec1.pem']!), /^Adobe JWT credentials need an RSA key; this is an EC key$/, files['ec-sec1.pem']);
    expectInvalid(() => parsePrivateKey(files['ec-pkcs8.pem']!), /^Adobe JWT credentials need an RSA key; this is an EC key$/, files['ec-pkcs8.pem']);
    expectInvalid(() => parsePrivateKey(files['ed25519.pem']!), /^Adobe JWT credentials need an RSA key; this is an Ed25519 key$/, files['ed25519.pem']);
    expectInvalid(() => parsePrivateKey(files['dsa.pem']!), /^Adobe JWT credentials need an RSA key; this is a DSA key$/, files['dsa.pem']);
    expectInvalid(() => parsePrivateKey(files['rsa-pss.pem']!), /^Adobe JWT credentials need an RSA key; this is an RSA-PSS-only key$/, files['rsa-pss.pem']);
  });

  it('refuses an RSA key under 2048 bits', () => {
    expectInvalid(() => parsePrivateKey(files['rsa1024.pem']!), /^This is a 1024-bit RSA key; Keysmith needs at least 2048 bits/, files['rsa1024.pem']);
  });

  it('refuses what is not a private key, saying what it is', () => {
    expectInvalid(() => parsePrivateKey(files['cert.pem']!), /^This is a certificate, not a private key: give the private key it was made from \(-----BEGIN PRIVATE KEY-----/, files['cert.pem']);
    expectInvalid(() => parsePrivateKey(files['public.pem']!), /^This is a public key, not a private key/, files['public.pem']);
    expectInvalid(() => parsePrivateKey('hello, world'), /^This is not a private key in PEM form: expected text starting with -----BEGIN PRIVATE KEY-----/);
    expectInvalid(() => parsePrivateKey(''), /^This is not a private key in PEM form/);
    const binary = Buffer.from(files['pkcs8.pem']!.split('\n').slice(1, -2).join(''), 'base64').toString('utf8');
    expectInvalid(() => parsePrivateKey(binary), /binary file \(DER or PKCS#12\)/);
    expectInvalid(() => parsePrivateKey(`${files['pkcs8.pem']}${files['other.pem']}`), /holds 2 private keys; give one at a time/);
    expectInvalid(() => parsePrivateKey('-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n'), /OpenSSH private key.*ssh-keygen -p -m PKCS8/);
  });

  it('refuses a truncated key, whether the base64 or the whole file was cut', () => {
    const text = files['pkcs8.pem']!;
    const lines = text.trimEnd().split('\n');
    const halfBody = [lines[0], ...lines.slice(1, -1).slice(0, Math.floor((lines.length - 2) / 2)), lines.at(-1)].join('\n');
    expectInvalid(() => parsePrivateKey(halfBody), /^This private key is truncated: its PEM text ends early/, text);
    expectInvalid(() => parsePrivateKey(text.slice(0, Math.floor(text.length / 2))), /^This private key is truncated/, text);
    expectInvalid(() => parsePrivateKey(text.slice(0, text.length - 10)), /^This private key is truncated/, text);
    const enc = files['enc-pkcs1.pem']!;
    expectInvalid(() => parsePrivateKey(enc.slice(0, Math.floor(enc.length / 2)), PASS), /^This private key is truncated/, enc);
  });

  it('refuses a corrupt key', () => {
    const text = files['pkcs8.pem']!;
    const lines = text.split('\n');
    lines[3] = `${lines[3]!.slice(0, 10)}!!!!${lines[3]!.slice(14)}`;
    expectInvalid(() => parsePrivateKey(lines.join('\n')), /^This private key is corrupt: its PEM body has characters that are not base64$/, text);
    // Valid base64 and DER framing, but the key inside is damaged.
    const der = Buffer.from(text.split('\n').slice(1, -2).join(''), 'base64');
    der.fill(0x41, 40, 60);
    const damaged = `-----BEGIN PRIVATE KEY-----\n${der.toString('base64')}\n-----END PRIVATE KEY-----\n`;
    expectInvalid(() => parsePrivateKey(damaged), /^This private key is corrupt: its signatures do not verify/, damaged);
    // Complete DER framing around something that is not a key.
    const notAKey = `-----BEGIN PRIVATE KEY-----\n${Buffer.from([0x30, 0x03, 0x02, 0x01, 0x00]).toString('base64')}\n-----END PRIVATE KEY-----\n`;
    expectInvalid(() => parsePrivateKey(notAKey), /^This private key is corrupt: OpenSSL cannot read it as a key$/);
    expectInvalid(() => parsePrivateKey(`${text.trimEnd().slice(0, -30)}AAAA${text.trimEnd().slice(-30)}`), /^This private key is corrupt: its PEM body has extra bytes/, text);
  });

  it('gets through hostile input under 1 MiB in one pass', () => {
    // Quadratic scanning would take minutes here; the suite's timeout is the assertion.
    const manyBegins = '-----BEGIN X-----\n'.repeat(50_000);
    expectInvalid(() => parsePrivateKey(manyBegins), /^This PEM block \(X\) is not a private key/);
    expectInvalid(() => parsePrivateKey(`-----BEGIN PRIVATE KEY-----\n${'-'.repeat(900_000)}x`), /^This private key is truncated/);
    expectInvalid(() => parsePrivateKey(`-----BEGIN PRIVATE KEY-----${' '.repeat(900_000)}-----END PRIVATE KEY-----`), /^This private key is truncated/);
  });

  it('refuses input over 1 MiB before parsing it', () => {
    const huge = `${files['pkcs8.pem']}${'A'.repeat(10 * 1024 * 1024)}`;
    expectInvalid(() => parsePrivateKey(huge), /^The key file is larger than 1 MiB; a PEM private key is a few KB$/);
    // Multibyte characters count as the bytes they take.
    expectInvalid(() => parsePrivateKey('é'.repeat(MAX_PEM_INPUT_BYTES / 2 + 1)), /larger than 1 MiB/);
  });
});

describe.skipIf(OPENSSL === null)('parseCertificate', () => {
  it('returns the certificate as plain PEM, the first one of a chain', () => {
    const pem = parseCertificate(files['cert.pem']!.replace(/\n/g, '\r\n'));
    expect(pem).toBe(new X509Certificate(files['cert.pem']!).toString());
    expect(parseCertificate(`${files['pkcs1.pem']}${files['cert.pem']}${files['other-cert.pem']}`)).toBe(pem);
  });

  it('refuses what is not a certificate, saying what it is', () => {
    expectInvalid(() => parseCertificate(files['pkcs8.pem']!), /^This is a private key, not a certificate: give the certificate made from it \(-----BEGIN CERTIFICATE-----\)$/, files['pkcs8.pem']);
    expectInvalid(() => parseCertificate(files['public.pem']!), /^This is a public key, not a certificate/, files['public.pem']);
    expectInvalid(() => parseCertificate('garbage'), /^This is not a certificate in PEM form: expected text starting with -----BEGIN CERTIFICATE-----$/);
  });

  it('refuses a truncated, an oversized, a non-RSA and a small-key certificate', () => {
    const text = files['cert.pem']!;
    const lines = text.trimEnd().split('\n');
    const halfBody = [lines[0], ...lines.slice(1, 8), lines.at(-1)].join('\n');
    expectInvalid(() => parseCertificate(halfBody), /^This certificate is truncated/, text);
    expectInvalid(() => parseCertificate(text + ' '.repeat(2 * 1024 * 1024)), /^The certificate file is larger than 1 MiB/);
    expectInvalid(() => parseCertificate(files['ec-cert.pem']!), /^Adobe JWT credentials need an RSA key; this certificate has an EC key$/, files['ec-cert.pem']);
    expectInvalid(() => parseCertificate(files['rsa1024-cert.pem']!), /^This certificate has a 1024-bit RSA key/, files['rsa1024-cert.pem']);
  });
});

describe.skipIf(OPENSSL === null)('assertKeyMatchesCertificate', () => {
  it('accepts a certificate made from the key', () => {
    const key = parsePrivateKey(files['enc-pkcs1.pem']!, PASS);
    expect(() => assertKeyMatchesCertificate(key.privateKeyPem, parseCertificate(files['cert.pem']!))).not.toThrow();
  });

  it('refuses one made from another key, naming its fingerprint', () => {
    const key = parsePrivateKey(files['pkcs8.pem']!);
    const other = parseCertificate(files['other-cert.pem']!);
    const fingerprint = new X509Certificate(other).fingerprint256;
    expectInvalid(
      () => assertKeyMatchesCertificate(key.privateKeyPem, other),
      /^The certificate \(fingerprint ([0-9A-F]{2}:){31}[0-9A-F]{2}\) does not belong to this private key: give the certificate made from this key$/,
      files['pkcs8.pem'],
    );
    expect(() => assertKeyMatchesCertificate(key.privateKeyPem, other)).toThrow(fingerprint);
  });
});
