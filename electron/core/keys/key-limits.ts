/**
 * The keypair limits main enforces, with no Node import, so the renderer's key wizard bundles the
 * same values rather than copies of them.
 */
export type RsaKeySize = 2048 | 3072 | 4096;

/** 2048 is Adobe's documented size and NIST's floor; larger ones only cost signing time. */
export const RSA_KEY_SIZES: readonly RsaKeySize[] = [2048, 3072, 4096];

/** Adobe's documented validity, and what the Console issues. */
export const DEFAULT_CERTIFICATE_DAYS = 365;

export const MAX_CERTIFICATE_DAYS = 3650;
