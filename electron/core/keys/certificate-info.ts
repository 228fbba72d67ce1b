/**
 * What Keysmith shows about a certificate, read by Node's native X509Certificate (no forge: `keysmith
 * keys list` must stay fast). Fingerprints are SHA-256 in OpenSSL's notation, the form the Developer
 * Console and `openssl x509 -noout -fingerprint -sha256` show, so users can compare them by eye.
 */
import { X509Certificate } from 'node:crypto';
import type { CertificateInfo } from '../../shared/views';
import { KeysmithError } from '../errors';

export type { CertificateInfo };

/** The Console starts emailing 30 days before a certificate expires; we warn from the same day. */
export const EXPIRY_WARNING_DAYS = 30;

const DAY_MS = 86_400_000;

function readCertificate(pem: string): X509Certificate {
  try {
    return new X509Certificate(pem);
  } catch (err) {
    throw new KeysmithError('invalid_input', 'This is not a readable PEM certificate (-----BEGIN CERTIFICATE-----)', {
      cause: err,
      field: 'certificate',
    });
  }
}

export function describeCertificate(pem: string, now: Date = new Date()): CertificateInfo {
  const cert = readCertificate(pem);
  // validFrom/validTo are OpenSSL's 'Nov 23 07:04:50 2026 GMT', which Date parses as UTC.
  const notBefore = new Date(cert.validFrom);
  const notAfter = new Date(cert.validTo);
  const msLeft = notAfter.getTime() - now.getTime();
  return {
    fingerprintSha256: cert.fingerprint256,
    subject: cert.subject.split('\n').join(', '),
    serial: cert.serialNumber.toUpperCase(),
    notBefore: notBefore.toISOString(),
    notAfter: notAfter.toISOString(),
    daysLeft: Math.floor(msLeft / DAY_MS),
    bits: cert.publicKey.asymmetricKeyDetails?.modulusLength ?? 0,
    expiringSoon: msLeft < EXPIRY_WARNING_DAYS * DAY_MS,
    // notAfter itself is still inside the validity period (RFC 5280 4.1.2.5).
    expired: msLeft < 0,
  };
}

/** 'sha256:', 'SHA256 Fingerprint=', 'SHA-256 fingerprint: ' and the like, as tools print them. */
const FINGERPRINT_PREFIX = /^sha-?256(?:\s*fingerprint)?\s*[:=]\s*/i;

/**
 * The canonical 'AB:CD:…' form of a SHA-256 fingerprint typed or pasted in any common notation:
 * colons, spaces or neither, any case, with or without a tool's prefix. The input is never echoed
 * in the error: what was pasted by mistake may be a secret.
 */
export function normalizeFingerprint(input: string): string {
  const hex = input.trim().replace(FINGERPRINT_PREFIX, '').replace(/[\s:]/g, '');
  if (!/^[0-9a-f]{64}$/i.test(hex)) {
    const hint = !/^[0-9a-f]*$/i.test(hex)
      ? 'this has characters that are not hex digits'
      : hex.length === 40
        ? 'this has 40, which is a SHA-1 fingerprint'
        : `this has ${hex.length}`;
    throw new KeysmithError(
      'invalid_input',
      `A certificate fingerprint is the 64 hex digits of its SHA-256, colons optional; ${hint}`,
      { field: 'fingerprint' },
    );
  }
  return hex.toUpperCase().match(/../g)!.join(':');
}
