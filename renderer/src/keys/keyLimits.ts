/** The keypair limits main enforces, from core's Node-free definition. */
import { RSA_KEY_SIZES, type RsaKeySize } from '../../../electron/shared/key-limits';

export { DEFAULT_CERTIFICATE_DAYS, MAX_CERTIFICATE_DAYS } from '../../../electron/shared/key-limits';
export const KEY_SIZES = RSA_KEY_SIZES;
export type KeySize = RsaKeySize;
export const DEFAULT_KEY_SIZE: KeySize = 2048;
/** X.509 attribute limit main applies to each subject field. */
export const MAX_SUBJECT_LENGTH = 64;
