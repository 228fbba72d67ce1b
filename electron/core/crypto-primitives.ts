/**
 * The few cryptographic operations the vault needs, all from Node's native `crypto`:
 * AES-256-GCM sealing with associated data, scrypt for passphrases, HKDF for the recovery key.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes, scrypt } from 'node:crypto';

export const KEY_BYTES = 32;
export const NONCE_BYTES = 12;
export const TAG_BYTES = 16;

export interface Sealed {
  nonce: Buffer;
  /** ciphertext followed by the 16-byte GCM tag */
  box: Buffer;
}

export function randomKey(): Buffer {
  return randomBytes(KEY_BYTES);
}

export function randomNonce(): Buffer {
  return randomBytes(NONCE_BYTES);
}

/** A nonce is never reused with a key: every caller takes a fresh random one (the default). */
export function seal(key: Buffer, plaintext: Buffer, aad: Buffer, nonce: Buffer = randomNonce()): Sealed {
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(aad);
  const body = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  return { nonce, box: body };
}

/** Returns null when the key is wrong or the data or its associated data were altered. */
export function unseal(key: Buffer, sealed: Sealed, aad: Buffer): Buffer | null {
  if (sealed.nonce.length !== NONCE_BYTES || sealed.box.length < TAG_BYTES) return null;
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.nonce);
  decipher.setAAD(aad);
  decipher.setAuthTag(sealed.box.subarray(sealed.box.length - TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(sealed.box.subarray(0, sealed.box.length - TAG_BYTES)), decipher.final()]);
  } catch {
    return null;
  }
}

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/** OWASP's scrypt floor is N=2^17, r=8, p=1 (128 MiB); about a third of a second on a laptop. */
export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 17, r: 8, p: 1 };

/**
 * The most any scrypt parameters may ask of this machine. They come from headers read before
 * anything can be authenticated (a vault's passphrase wrap, a bundle): the header is GCM's
 * associated data, but the key that checks it is what scrypt derives. Memory is 128 * N * r bytes;
 * 256 MiB is twice the default's. p multiplies the time (p = 16: about sixteen default unlocks).
 */
export const SCRYPT_LIMITS = { maxMemoryBytes: 256 * 1024 * 1024, maxR: 32, maxP: 16 } as const;

const isWhole = (n: unknown, min: number, max: number): n is number => typeof n === 'number' && Number.isInteger(n) && n >= min && n <= max;

export function scryptParamsAllowed(params: { N: unknown; r: unknown; p: unknown }): boolean {
  const { N, r, p } = params;
  return (
    // N within the memory bound first, so the power-of-two test works on 32-bit integers.
    isWhole(N, 2, SCRYPT_LIMITS.maxMemoryBytes / 128) &&
    (N & (N - 1)) === 0 &&
    isWhole(r, 1, SCRYPT_LIMITS.maxR) &&
    isWhole(p, 1, SCRYPT_LIMITS.maxP) &&
    128 * N * r <= SCRYPT_LIMITS.maxMemoryBytes
  );
}

export function deriveFromPassphrase(passphrase: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  // Callers check first and say which file is at fault; this is the backstop that never allocates.
  if (!scryptParamsAllowed(params)) {
    return Promise.reject(new RangeError(`scrypt parameters beyond Keysmith's bounds: ${JSON.stringify({ N: params.N, r: params.r, p: params.p })}`));
  }
  return new Promise((resolve, reject) => {
    scrypt(
      passphrase.normalize('NFC'),
      salt,
      KEY_BYTES,
      // Node refuses (rather than allocates) past maxmem; the slack covers its own bookkeeping.
      { N: params.N, r: params.r, p: params.p, maxmem: SCRYPT_LIMITS.maxMemoryBytes + 1024 * 1024 },
      (err, key) => (err ? reject(err) : resolve(key)),
    );
  });
}

/** The recovery key already has 256 bits of entropy, so a fast KDF is enough. */
export function deriveFromRecoveryKey(recoveryKey: Buffer, salt: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', recoveryKey, salt, 'keysmith vault recovery v1', KEY_BYTES));
}

// Crockford base32: no I, L, O, U, so a key read aloud or retyped survives 1/I/L and 0/O mix-ups.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function formatRecoveryKey(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out.match(/.{1,4}/g)!.join('-');
}

/** Inverse of formatRecoveryKey; returns null for anything that is not a 256-bit recovery key. */
export function parseRecoveryKey(text: string): Buffer | null {
  const clean = text
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/[IL]/g, '1')
    .replace(/O/g, '0');
  if (clean.length !== 52) return null;
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const ch of clean) {
    const index = ALPHABET.indexOf(ch);
    if (index < 0) return null;
    value = ((value << 5) | index) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return out.length >= KEY_BYTES ? Buffer.from(out.slice(0, KEY_BYTES)) : null;
}
