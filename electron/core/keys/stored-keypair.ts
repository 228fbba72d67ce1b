/** A keypair as the vault keeps it, attached to an integration; the private key never leaves the vault's encryption. */
export interface StoredKeyPair {
  id: string;
  /** of the certificate, 'AB:CD:…' as openssl prints it; the key pair's identity for users */
  fingerprintSha256: string;
  /** unencrypted PKCS#8 PEM: it is protected by the vault's encryption, like client secrets */
  privateKeyPem: string;
  certificatePem: string;
  bits: number;
  origin: 'generated' | 'imported';
  /** exactly one key of an integration with keys is active: the one that signs */
  active: boolean;
  addedAt: string;
}

/** Only these kinds sign with a key: Adobe's Service Account (JWT) and OAuth 2.0 `private_key_jwt`. */
export const KEY_HOLDER_KINDS = ['jwt', 'oauth2'] as const;
