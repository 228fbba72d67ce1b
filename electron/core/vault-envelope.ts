/**
 * The vault file format, pure (no I/O). Three lines:
 *
 *   1. header JSON: format, version, vault id, generation, body nonce and the wrapped data keys
 *   2. base64 of the AES-256-GCM ciphertext + tag of the document, with line 1's bytes as AAD
 *   3. `sha256:<hex>` over lines 1 and 2
 *
 * The checksum is not a security measure (GCM is): it lets a flipped byte or a truncated write be
 * reported as damage before any key is tried, so "wrong passphrase" and "damaged file" never blur.
 * The frame (header first, checksum last) is the compatibility promise: a later version may change
 * anything inside the header, and this version still recognises it as newer rather than damaged.
 */
import { encodeFrame, splitFrame } from './checksummed-frame';
import { KeysmithError } from './errors';
import type { ScryptParams } from './crypto-primitives';
import { randomNonce, seal, unseal } from './crypto-primitives';

export const VAULT_FORMAT = 'keysmith-vault';
export const VAULT_VERSION = 1;

export type KeyWrap =
  | { method: 'keychain'; service: string; account: string; nonce: string; wrapped: string }
  | { method: 'passphrase'; kdf: { name: 'scrypt'; salt: string } & ScryptParams; nonce: string; wrapped: string }
  | { method: 'recovery'; kdf: { name: 'hkdf-sha256'; salt: string }; nonce: string; wrapped: string };

export type UnlockMethod = KeyWrap['method'];

export interface VaultHeader {
  format: typeof VAULT_FORMAT;
  version: number;
  vaultId: string;
  generation: number;
  writtenAt: string;
  nonce: string;
  wraps: KeyWrap[];
}

export interface ParsedVault {
  header: VaultHeader;
  headerBytes: Buffer;
  body: Buffer;
}

const b64 = (b: Buffer) => b.toString('base64');
const unb64 = (s: string) => Buffer.from(s, 'base64');

export function encodeVault(header: Omit<VaultHeader, 'nonce'>, dataKey: Buffer, plaintext: Buffer): Buffer {
  // The body nonce lives in the header, so it is chosen before the header is serialised as AAD.
  const nonce = randomNonce();
  const headerLine = Buffer.from(JSON.stringify({ ...header, nonce: b64(nonce) } satisfies VaultHeader), 'utf8');
  const { box } = seal(dataKey, plaintext, headerLine, nonce);
  const bodyLine = Buffer.from(b64(box), 'ascii');
  return encodeFrame(headerLine, bodyLine);
}

function damaged(path: string, detail: string): KeysmithError {
  return new KeysmithError(
    'vault_tampered',
    `The vault file ${path} is damaged or was tampered with (${detail}); ` +
      'run `keysmith restore-backup` to go back to the previous generation',
  );
}

/** Checks the frame, the checksum and the version; does not need a key. */
export function parseVault(bytes: Buffer, path: string): ParsedVault {
  const frame = splitFrame(bytes);
  if ('problem' in frame) throw damaged(path, frame.problem);
  const { headerLine, bodyLine } = frame;
  let header: VaultHeader;
  try {
    header = JSON.parse(headerLine.toString('utf8')) as VaultHeader;
  } catch {
    throw damaged(path, 'unreadable header');
  }
  if (header?.format !== VAULT_FORMAT || typeof header.version !== 'number') throw damaged(path, 'not a Keysmith vault');
  if (header.version > VAULT_VERSION) {
    throw new KeysmithError(
      'vault_too_new',
      `The vault ${path} was written by a newer Keysmith (format ${header.version}; this one reads format ${VAULT_VERSION}): upgrade Keysmith to open it`,
    );
  }
  if (!Array.isArray(header.wraps) || typeof header.vaultId !== 'string' || typeof header.nonce !== 'string') {
    throw damaged(path, 'incomplete header');
  }
  return { header, headerBytes: Buffer.from(headerLine), body: unb64(bodyLine.toString('ascii')) };
}

export function decryptBody(parsed: ParsedVault, dataKey: Buffer, path: string): Buffer {
  const plain = unseal(dataKey, { nonce: unb64(parsed.header.nonce), box: parsed.body }, parsed.headerBytes);
  if (!plain) throw damaged(path, 'authentication failed');
  return plain;
}

function wrapAad(vaultId: string, method: UnlockMethod): Buffer {
  return Buffer.from(`keysmith-vault-key:${vaultId}:${method}`, 'utf8');
}

export function wrapDataKey(vaultId: string, method: UnlockMethod, kek: Buffer, dataKey: Buffer): { nonce: string; wrapped: string } {
  const sealed = seal(kek, dataKey, wrapAad(vaultId, method));
  return { nonce: b64(sealed.nonce), wrapped: b64(sealed.box) };
}

/** Returns null when the key-encryption key does not open this wrap. */
export function unwrapDataKey(vaultId: string, wrap: KeyWrap, kek: Buffer): Buffer | null {
  return unseal(kek, { nonce: unb64(wrap.nonce), box: unb64(wrap.wrapped) }, wrapAad(vaultId, wrap.method));
}

export function findWrap<M extends UnlockMethod>(header: VaultHeader, method: M): Extract<KeyWrap, { method: M }> | undefined {
  return header.wraps.find((w): w is Extract<KeyWrap, { method: M }> => w.method === method);
}
