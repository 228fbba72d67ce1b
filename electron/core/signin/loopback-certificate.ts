/**
 * The certificate Keysmith serves an HTTPS loopback redirect with (a provider that only accepts
 * `https://localhost:PORT/...`). There is no CA that will sign "localhost", so it is self-signed,
 * made once per data folder and kept: a browser warns about it until the person trusts it, and
 * trusting it once must last, so it is not re-made on every sign-in. One certificate covers every
 * loopback name (DNS:localhost, IP:127.0.0.1, IP:::1) and nothing else, so trusting it vouches for
 * no other site.
 *
 * Key and certificate are kept together in one 0600 file of the private data folder, replaced
 * atomically: two sign-ins making it at once can never leave a key that does not match the
 * certificate. A copy of the certificate alone sits beside it, for the person to hand to a trust store.
 */
import { X509Certificate, createHash, createPrivateKey, generateKeyPair } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { asn1 } from 'node-forge';
import { KeysmithError } from '../errors';
import { putNewFile } from '../fresh-file';
import { assertPrivateDir, readPrivateFile } from '../private-files';
import { loadForge, randomSerialHex } from '../keys/certificate';

export interface LoopbackCertificate {
  certPem: string;
  keyPem: string;
  /** the certificate alone, for a trust store */
  certPath: string;
  /** SHA-256 of the certificate, colon-separated hex, as browsers and `openssl x509 -fingerprint` show it */
  fingerprint256: string;
  /** base64 SHA-256 of the public key (SPKI): what Chromium's --ignore-certificate-errors-spki-list takes */
  spkiSha256: string;
  notAfter: Date;
  /** made by this call (so the browser has never seen it) */
  created: boolean;
}

/** Apple's and the browsers' ceiling for a TLS server certificate is 398 days. */
const VALIDITY_DAYS = 397;
/** Re-made this long before it lapses, so a sign-in never starts on a certificate that ends during it. */
const RENEW_BEFORE_MS = 24 * 3600_000;
const CLOCK_SKEW_MS = 60_000;
const DAY_MS = 86_400_000;
const MAX_FILE_BYTES = 64 * 1024;
export const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '::1'] as const;

export function loopbackCertificatePaths(dataDir: string): { bundle: string; cert: string } {
  return { bundle: path.join(dataDir, 'signin-localhost.pem'), cert: path.join(dataDir, 'signin-localhost.crt') };
}

function describe(certPem: string, keyPem: string, certPath: string, created: boolean): LoopbackCertificate {
  const x509 = new X509Certificate(certPem);
  const spki = x509.publicKey.export({ type: 'spki', format: 'der' });
  return {
    certPem,
    keyPem,
    certPath,
    fingerprint256: x509.fingerprint256,
    spkiSha256: createHash('sha256').update(spki).digest('base64'),
    notAfter: new Date(x509.validTo),
    created,
  };
}

/** The kept pair when it is whole, ours, for every loopback name and not about to lapse; else null (re-made). */
function usable(text: string, now: number): { certPem: string; keyPem: string } | null {
  const cert = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----\n?/.exec(text)?.[0];
  const key = /-----BEGIN PRIVATE KEY-----[\s\S]+?-----END PRIVATE KEY-----\n?/.exec(text)?.[0];
  if (!cert || !key) return null;
  try {
    const x509 = new X509Certificate(cert);
    if (!x509.checkPrivateKey(createPrivateKey(key))) return null;
    if (new Date(x509.validTo).getTime() - RENEW_BEFORE_MS <= now || new Date(x509.validFrom).getTime() > now + CLOCK_SKEW_MS) return null;
    if (!LOOPBACK_HOSTS.every((h) => (h === 'localhost' ? x509.checkHost(h) : x509.checkIP(h)))) return null;
    return { certPem: cert, keyPem: key };
  } catch {
    return null;
  }
}

async function makePair(now: number): Promise<{ certPem: string; keyPem: string }> {
  // RSA rather than P-256: forge (the only certificate builder at hand) reads RSA public keys only.
  // The key pair itself is Node's, made off the main thread.
  const { publicKey, privateKey } = await new Promise<{ publicKey: string; privateKey: string }>((resolve, reject) =>
    generateKeyPair('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } }, (err, pub, priv) =>
      err ? reject(err) : resolve({ publicKey: pub, privateKey: priv }),
    ),
  );
  const forge = await loadForge();
  const cert = forge.pki.createCertificate();
  cert.version = 2;
  cert.serialNumber = randomSerialHex();
  const start = Math.floor(now / 1000) * 1000;
  cert.validity.notBefore = new Date(start - CLOCK_SKEW_MS);
  cert.validity.notAfter = new Date(start + VALIDITY_DAYS * DAY_MS);
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey);
  const attrs = [
    { shortName: 'O', value: 'Keysmith' },
    { shortName: 'CN', value: 'localhost (Keysmith sign-in)' },
  ];
  cert.setSubject(attrs);
  cert.setIssuer(attrs);
  // A server certificate, not a CA: Firefox refuses a CA certificate presented by a server, and a
  // certificate that cannot sign others is harmless to trust.
  cert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    { name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }, { type: 7, ip: '::1' }] },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(forge.pki.privateKeyFromPem(privateKey), forge.md.sha256.create());
  const der = Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert) as asn1.Asn1).getBytes(), 'binary');
  return { certPem: new X509Certificate(der).toString(), keyPem: privateKey };
}

/** The kept certificate, made (or re-made, when it lapses or was damaged) as needed. */
export async function loopbackCertificate(dataDir: string, now: Date = new Date()): Promise<LoopbackCertificate> {
  const paths = loopbackCertificatePaths(dataDir);
  await assertPrivateDir(dataDir);
  const read = await readPrivateFile(paths.bundle, MAX_FILE_BYTES);
  const kept = read ? usable(read.bytes.toString('utf8'), now.getTime()) : null;
  const pair = kept ?? (await makePair(now.getTime()));
  try {
    if (!kept) {
      await mkdir(dataDir, { recursive: true, mode: 0o700 });
      await putNewFile(paths.bundle, Buffer.from(pair.certPem + pair.keyPem), { mode: 0o600, replace: true });
    }
    const copy = await readPrivateFile(paths.cert, MAX_FILE_BYTES).catch(() => null);
    if (!copy || copy.bytes.toString('utf8') !== pair.certPem) await putNewFile(paths.cert, Buffer.from(pair.certPem), { mode: 0o600, replace: true });
  } catch (err) {
    if (err instanceof KeysmithError) throw err;
    throw new KeysmithError('io', `Cannot keep the sign-in certificate in ${dataDir}: ${(err as Error).message}`);
  }
  return describe(pair.certPem, pair.keyPem, paths.cert, !kept);
}
