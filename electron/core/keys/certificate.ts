/**
 * Self-signed X.509 v3 certificates for the Developer Console, shaped like the ones Adobe's
 * documented `openssl req -x509 -sha256 -nodes -days 365 -newkey rsa:2048` makes, so the Console
 * and every verifier treat both alike.
 *
 * node-forge assembles the ASN.1 (Node has no certificate builder), but the RSA signature comes from
 * Node's native crypto: forge's JavaScript RSA is the slow part of making a certificate, and forge
 * itself is loaded only here, on first use, so commands that never make a certificate never pay for it.
 */
import { KeyObject, X509Certificate, randomBytes, sign } from 'node:crypto';
import type { asn1, pki } from 'node-forge';
import { KeysmithError } from '../errors';
import { firstUnsafeChar, unsafeCharMessage } from '../../shared/unsafe-text';
import { MAX_CERTIFICATE_DAYS, MAX_SUBJECT_LENGTH } from '../../shared/key-limits';
import { CORRUPT_KEY_MESSAGE, readRsaPrivateKey } from './private-key-import';

type Forge = typeof import('node-forge');

export interface CertificateSubject {
  CN: string;
  O?: string;
  OU?: string;
  C?: string;
}

export interface SelfSignedCertificateOptions {
  privateKeyPem: string;
  subject: CertificateSubject;
  days: number;
  now?: Date;
}

export { MAX_CERTIFICATE_DAYS };

const MAX_NAME_CHARS = MAX_SUBJECT_LENGTH;

/**
 * Issued a minute in the past: a verifier whose clock runs a little behind ours (a CI box, a VM
 * after resume) would otherwise reject a certificate uploaded seconds after it was made as "not yet
 * valid". notAfter still counts the days from now, so the user gets every day asked for.
 */
const CLOCK_SKEW_MS = 60_000;

const DAY_MS = 86_400_000;

function invalid(message: string, field: string): KeysmithError {
  return new KeysmithError('invalid_input', message, { field });
}

function checkName(label: string, field: string, value: string | undefined, required: boolean): string | undefined {
  const trimmed = (value ?? '').trim();
  if (trimmed === '') {
    if (required) throw invalid(`The certificate's ${label} must not be empty`, field);
    return undefined;
  }
  const unsafe = firstUnsafeChar(trimmed);
  if (unsafe !== undefined) throw invalid(`The certificate's ${unsafeCharMessage(label, unsafe)}`, field);
  const chars = [...trimmed].length;
  if (chars > MAX_NAME_CHARS) {
    throw invalid(`The certificate's ${label} must be at most ${MAX_NAME_CHARS} characters (got ${chars})`, field);
  }
  return trimmed;
}

function checkSubject(subject: CertificateSubject): CertificateSubject {
  const CN = checkName('common name (CN)', 'subject.CN', subject.CN, true)!;
  const O = checkName('organization (O)', 'subject.O', subject.O, false);
  const OU = checkName('organizational unit (OU)', 'subject.OU', subject.OU, false);
  const C = (subject.C ?? '').trim().toUpperCase() || undefined;
  if (C !== undefined && !/^[A-Z]{2}$/.test(C)) {
    throw invalid('The certificate\'s country (C) must be a two-letter ISO 3166 code such as US or DE', 'subject.C');
  }
  return { CN, O, OU, C };
}

function checkDays(days: number): void {
  if (!Number.isInteger(days) || days < 1 || days > MAX_CERTIFICATE_DAYS) {
    throw invalid(
      `Certificate validity must be a whole number of days from 1 to ${MAX_CERTIFICATE_DAYS} (got ${String(days)})`,
      'days',
    );
  }
}

/**
 * 16 random bytes as a positive DER INTEGER: the top bit is cleared so it is not negative, and the
 * next one set so the serial is never zero and never starts with a 0x00 byte (forge writes the bytes
 * as given, and a leading zero before a byte < 0x80 is a non-minimal INTEGER that OpenSSL rejects as
 * "illegal padding"). 126 random bits, well above the CA/Browser Forum's 64.
 */
export function randomSerialHex(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0]! & 0x7f) | 0x40;
  return bytes.toString('hex');
}

let forgeModule: Promise<Forge> | undefined;

export function loadForge(): Promise<Forge> {
  // node-forge is CommonJS: seen from ESM (Node, esbuild's split chunks) it is the default export;
  // some loaders also copy its members onto the namespace. Kept once loaded: under a loader such
  // as tsx every import() is a round trip to its hooks thread.
  forgeModule ??= import('node-forge').then((mod) => (mod as Forge & { default?: Forge }).default ?? mod);
  return forgeModule;
}

function signAsync(data: Buffer, key: KeyObject): Promise<Buffer> {
  // The callback form runs on the thread pool; RSA-4096 signing is milliseconds, but it is free.
  return new Promise((resolve, reject) => {
    sign('sha256', data, key, (err, signature) => (err ? reject(err) : resolve(signature)));
  });
}

/** Returns the certificate as PEM. The subject is also the issuer; the key signs itself. */
export async function createSelfSignedCertificate(opts: SelfSignedCertificateOptions): Promise<string> {
  // Everything a user can get wrong is checked before forge is loaded.
  checkDays(opts.days);
  const subject = checkSubject(opts.subject);
  const now = opts.now ?? new Date();
  if (Number.isNaN(now.getTime())) throw invalid('The certificate start time is not a valid date', 'now');
  // The import checks, so a certificate is never made for a key Keysmith would refuse to import.
  const { key, publicKey } = readRsaPrivateKey(opts.privateKeyPem);
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }) as string;

  const forge = await loadForge();
  const cert = forge.pki.createCertificate();
  cert.version = 2; // v3
  cert.serialNumber = randomSerialHex();
  // ASN.1 times have whole seconds; rounding here keeps notAfter - notBefore exact.
  const start = Math.floor(now.getTime() / 1000) * 1000;
  cert.validity.notBefore = new Date(start - CLOCK_SKEW_MS);
  cert.validity.notAfter = new Date(start + opts.days * DAY_MS);
  cert.publicKey = forge.pki.publicKeyFromPem(publicKeyPem);

  // Most significant first, as `openssl req -subj /C=../O=../OU=../CN=..` writes it. UTF8String as
  // OpenSSL uses (PrintableString cannot hold '@', '_' or accents); countryName must be PrintableString.
  const utf8 = forge.asn1.Type.UTF8 as unknown as asn1.Class;
  const attrs: { shortName: string; value: string; valueTagClass?: asn1.Class }[] = [];
  if (subject.C) attrs.push({ shortName: 'C', value: subject.C });
  if (subject.O) attrs.push({ shortName: 'O', value: subject.O, valueTagClass: utf8 });
  if (subject.OU) attrs.push({ shortName: 'OU', value: subject.OU, valueTagClass: utf8 });
  attrs.push({ shortName: 'CN', value: subject.CN, valueTagClass: utf8 });
  cert.setSubject(attrs);
  cert.setIssuer(attrs);

  // Exactly the extensions `openssl req -x509` writes, so ours look like the certificates Adobe's
  // instructions produce. (OpenSSL 3 would also accept CA:FALSE on a certificate that is its own
  // trust anchor, but other verifiers differ; matching Adobe's command is the safe side.) The key
  // identifiers are the SHA-1 of the public key bits, the same value OpenSSL computes.
  cert.setExtensions([
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: true },
    { name: 'basicConstraints', cA: true, critical: true },
  ]);

  cert.signatureOid = forge.pki.oids.sha256WithRSAEncryption!;
  cert.siginfo.algorithmOid = cert.signatureOid;
  const getTbs = (forge.pki as unknown as { getTBSCertificate(c: pki.Certificate): asn1.Asn1 }).getTBSCertificate;
  cert.tbsCertificate = getTbs(cert);
  const tbsDer = Buffer.from(forge.asn1.toDer(cert.tbsCertificate).getBytes(), 'binary');
  cert.signature = (await signAsync(tbsDer, key)).toString('binary');

  const der = Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary');
  // Re-read natively: proves OpenSSL parses what forge wrote and accepts the signature (a damaged
  // key parses fine but signs garbage), and gives PEM with plain \n line endings (forge writes \r\n).
  const x509 = new X509Certificate(der);
  if (!x509.verify(publicKey)) throw new KeysmithError('invalid_input', CORRUPT_KEY_MESSAGE, { field: 'privateKey' });
  return x509.toString();
}
