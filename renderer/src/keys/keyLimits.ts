/**
 * The keypair limits main enforces (contract.ts: RSA_KEY_SIZES, DEFAULT_CERTIFICATE_DAYS,
 * MAX_CERTIFICATE_DAYS). Copied because their home modules use node:crypto, which the renderer
 * cannot bundle; test/renderer/keypair-panel.test.tsx fails if the copies drift.
 */
export const KEY_SIZES = [2048, 3072, 4096] as const;
export type KeySize = (typeof KEY_SIZES)[number];
export const DEFAULT_KEY_SIZE: KeySize = 2048;
export const DEFAULT_CERTIFICATE_DAYS = 365;
export const MAX_CERTIFICATE_DAYS = 3650;
/** X.509 attribute limit main applies to each subject field. */
export const MAX_SUBJECT_LENGTH = 64;
