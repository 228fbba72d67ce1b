/**
 * The keypair limits main enforces, with no Node import, so the renderer's key wizard bundles the
 * same values rather than copies of them.
 */
export type RsaKeySize = 2048 | 3072 | 4096;

/** 2048 is Adobe's documented size and NIST's floor; larger ones only cost signing time. */
export const RSA_KEY_SIZES: readonly RsaKeySize[] = [2048, 3072, 4096];

/** What a new key gets unless asked otherwise: Adobe's documented size. */
export const DEFAULT_RSA_KEY_SIZE: RsaKeySize = 2048;

/** The sizes as a sentence names them: "2048, 3072 or 4096". */
export const RSA_KEY_SIZES_TEXT = `${RSA_KEY_SIZES.slice(0, -1).join(', ')} or ${RSA_KEY_SIZES.at(-1)}`;

/** X.520's upper bound for CN, O and OU (RFC 5280 appendix A); CAs and the Console enforce it. */
export const MAX_SUBJECT_LENGTH = 64;

/** A new certificate's common name when none is given: the integration's name, cut to fit. */
export function defaultCommonName(integrationName: string): string {
  return integrationName.slice(0, MAX_SUBJECT_LENGTH);
}

/** Adobe's documented validity, and what the Console issues. */
export const DEFAULT_CERTIFICATE_DAYS = 365;

export const MAX_CERTIFICATE_DAYS = 3650;

/** NIST's floor since 2014; Adobe's documented command makes 2048-bit keys. */
export const MIN_RSA_BITS = 2048;

/** OpenSSL's own ceiling (OPENSSL_RSA_MAX_MODULUS_BITS): it will not sign with a larger key. */
export const MAX_RSA_BITS = 16384;

/** A 16384-bit PKCS#8 key is about 13 KB of PEM; anything near this bound is not a key or certificate. */
export const MAX_PEM_CHARS = 64 * 1024;

/** Rotation keeps two or three at a time; a bound keeps a crafted bundle from planting thousands. */
export const MAX_KEYS_PER_INTEGRATION = 32;
