/**
 * A keypair as the vault keeps it, attached to an integration; the private key never leaves the
 * vault's encryption. The schema is what every stored or shared keypair must be: the vault document
 * is checked against it on every read and write, and a bundle's keys before they are imported.
 */
import { z } from 'zod';
import { MAX_KEYS_PER_INTEGRATION, MAX_PEM_CHARS, MAX_RSA_BITS, MIN_RSA_BITS } from './key-limits';

/** 'AB:CD:…', 32 uppercase hex pairs, as `openssl x509 -fingerprint -sha256` prints them. */
export const FINGERPRINT_PATTERN = /^[0-9A-F]{2}(?::[0-9A-F]{2}){31}$/;

/** Timestamps are ISO 8601 as Keysmith writes them; only bounded here, so no old entry is refused for its clock. */
export const TimestampSchema = z.string().max(64, { error: 'a timestamp must be at most 64 characters' });

/** One PEM block of this label and nothing else, bounded before the pattern runs. */
const pem = (label: string, what: string) => {
  const block = new RegExp(`^-----BEGIN ${label}-----\\r?\\n(?:[A-Za-z0-9+/=]{1,76}\\r?\\n)+-----END ${label}-----\\r?\\n?$`);
  return z
    .string()
    .max(MAX_PEM_CHARS, { error: `${what} must be at most ${MAX_PEM_CHARS / 1024} KiB of PEM` })
    .regex(block, { error: `${what} must be one PEM block (-----BEGIN ${label}-----)` });
};

export const StoredKeyPairSchema = z.object({
  id: z.uuid({ error: 'key id must be a UUID' }),
  fingerprintSha256: z.string().regex(FINGERPRINT_PATTERN, { error: 'fingerprint must be 32 uppercase hex pairs separated by colons' }),
  /** unencrypted PKCS#8 PEM: it is protected by the vault's encryption, like client secrets */
  privateKeyPem: pem('PRIVATE KEY', 'private key'),
  certificatePem: pem('CERTIFICATE', 'certificate'),
  bits: z.int({ error: 'key size must be a whole number of bits' }).min(MIN_RSA_BITS, { error: `key size must be at least ${MIN_RSA_BITS} bits` }).max(MAX_RSA_BITS, {
    error: `key size must be at most ${MAX_RSA_BITS} bits`,
  }),
  origin: z.enum(['generated', 'imported'], { error: 'key origin must be generated or imported' }),
  /** at most one key of an integration is active: the one that signs */
  active: z.boolean({ error: 'active must be true or false' }),
  addedAt: TimestampSchema,
});

export type StoredKeyPair = z.output<typeof StoredKeyPairSchema>;

/** An integration's keys: bounded, at most one active, each certificate once. */
export const StoredKeyPairsSchema = z
  .array(StoredKeyPairSchema)
  .max(MAX_KEYS_PER_INTEGRATION, { error: `an integration holds at most ${MAX_KEYS_PER_INTEGRATION} keys` })
  .superRefine((keys, ctx) => {
    if (keys.filter((k) => k.active).length > 1) ctx.addIssue({ code: 'custom', message: 'at most one active key' });
    const seen = new Set<string>();
    keys.forEach((k, i) => {
      if (seen.has(k.fingerprintSha256)) ctx.addIssue({ code: 'custom', message: 'the same certificate twice', path: [i, 'fingerprintSha256'] });
      seen.add(k.fingerprintSha256);
    });
  });

/** Only these kinds sign with a key: Adobe's Service Account (JWT) and OAuth 2.0 `private_key_jwt`. */
export const KEY_HOLDER_KINDS = ['jwt', 'oauth2'] as const;
