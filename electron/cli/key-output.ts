/** How keypairs are shown in the terminal; never with key material. */
import type { KeyPairSummary } from '../core/keys/keypair-store';

export function defaultCertificatePath(integrationName: string, fingerprint: string): string {
  const slug = integrationName.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'keysmith';
  return `${slug}-${fingerprint.replace(/:/g, '').slice(0, 8).toLowerCase()}.crt`;
}

const day = (iso: string) => iso.slice(0, 10);
/**
 * The one short form the CLI prints where a fingerprint is to be typed back: its first 8 bytes as
 * `AB:CD:…` pairs, the form `show`, `certs` and import plans print in full (and the first 23
 * characters of it), and a prefix every fingerprint flag accepts.
 */
export const shortFingerprint = (fp: string) => fp.slice(0, 23);

export function expiryWarning(key: KeyPairSummary): string | null {
  if (key.expired) return `warning: certificate ${key.fingerprintSha256} expired on ${day(key.notAfter)}: tokens signed with it fail; make a new key with \`keysmith keygen\``;
  if (key.expiringSoon) return `warning: certificate ${key.fingerprintSha256} expires in ${key.daysLeft} days (${day(key.notAfter)}): rotate it with \`keysmith keygen\`, upload, then \`keysmith use-key\``;
  return null;
}

export function describeNewKey(name: string, key: KeyPairSummary, certPath: string): string {
  const lines = [
    `Generated an RSA ${key.bits} key for "${name}"`,
    `Fingerprint (SHA-256): ${key.fingerprintSha256}`,
    `Certificate: ${certPath} (valid until ${day(key.notAfter)}, ${key.daysLeft} days)`,
    key.active
      ? 'It is the active key. Upload the certificate to the credential in the Adobe Developer Console.'
      : `Upload the certificate to the credential in the Adobe Developer Console, then make it the active key: keysmith use-key "${name}" --fingerprint ${shortFingerprint(key.fingerprintSha256)}`,
  ];
  return lines.join('\n');
}

/** Headers and rows for `writeTable`, which fits them to the terminal (or tab-separates them in a pipe). */
export function keyTable(keys: KeyPairSummary[]): { headers: string[]; rows: string[][] } {
  return {
    headers: ['ACTIVE', 'FINGERPRINT (SHA-256)', 'BITS', 'NOT AFTER', 'DAYS LEFT', 'ORIGIN'],
    rows: keys.map((k) => [k.active ? '*' : '', k.fingerprintSha256, String(k.bits), day(k.notAfter), String(k.daysLeft), k.origin]),
  };
}
