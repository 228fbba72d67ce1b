/**
 * What a renderer or a terminal may see of an integration and its keys: shapes only. Core builds
 * them (integration-view.ts masks and summarises, keys/ describes certificates); the IPC contract
 * and the CLI's `--json` hand them out.
 */
import type { Integration, IntegrationKind } from './integration';
import type { StoredKeyPair } from './stored-keypair';

/** A keypair as a renderer or terminal may see it: no PEM at all (the certificate is public, but big). */
export type MaskedKeyPair = Omit<StoredKeyPair, 'privateKeyPem' | 'certificatePem'>;

/** An integration as a renderer or terminal may see it: every secret masked, no private key. */
export type MaskedIntegration = Omit<Integration, 'clientSecrets' | 'keys'> & { clientSecrets?: string[]; keys?: MaskedKeyPair[] };

export interface IntegrationSummary {
  name: string;
  kind: IntegrationKind;
  clientId: string;
  orgId: string | null;
  description: string;
  updatedAt: string;
}

export interface CertificateInfo {
  /** 'AB:CD:…', 32 uppercase hex pairs, as `openssl x509 -fingerprint -sha256` prints them. */
  fingerprintSha256: string;
  /** 'C=US, O=Acme, CN=name' in the certificate's order; special characters escaped as OpenSSL does. */
  subject: string;
  /** Uppercase hex. */
  serial: string;
  /** ISO 8601. */
  notBefore: string;
  notAfter: string;
  /** Whole days until notAfter, rounded down; negative once expired. */
  daysLeft: number;
  /** RSA modulus size; 0 for other key types (parseCertificate refuses those). */
  bits: number;
  /** Fewer than EXPIRY_WARNING_DAYS left, expired ones included, so one check drives a warning. */
  expiringSoon: boolean;
  expired: boolean;
}

/** A stored keypair with what its certificate says, and no PEM. */
export type KeyPairSummary = Omit<StoredKeyPair, 'privateKeyPem' | 'certificatePem'> & Omit<CertificateInfo, 'fingerprintSha256' | 'bits'>;
