/**
 * The share bundle's file format, pure (no I/O, no key derivation). The vault's frame, three lines:
 *
 *   1. header JSON: format, version, scrypt parameters and salt, the wrapped data key, body nonce,
 *      creation time and the number of integrations (never their names: those are inside)
 *   2. base64 of the AES-256-GCM ciphertext + tag of the payload, with line 1's bytes as AAD
 *   3. `sha256:<hex>` over lines 1 and 2
 *
 * As in the vault, the checksum is not the security (GCM is): it reports a flipped byte or a cut-off
 * download as damage before any passphrase is tried, so damage never reads as a wrong passphrase.
 * The frame and the header's first bytes (`{"format":"keysmith-bundle"`) are the compatibility
 * promise: a later version may change anything else in the header and is still recognised as newer.
 */
import { encodeFrame, splitFrame } from '../../checksummed-frame';
import { KeysmithError } from '../../errors';
import type { ScryptParams } from '../../crypto-primitives';
import { randomNonce, seal } from '../../crypto-primitives';

export const BUNDLE_FORMAT = 'keysmith-bundle';
export const BUNDLE_VERSION = 1;

export interface BundleHeader {
  format: typeof BUNDLE_FORMAT;
  version: number;
  kdf: { name: 'scrypt'; salt: string } & ScryptParams;
  /** the random data key, sealed with the passphrase's key: failing to open it means a wrong passphrase */
  wrap: { nonce: string; key: string };
  nonce: string;
  createdAt: string;
  count: number;
}

export interface ParsedBundle {
  header: BundleHeader;
  headerBytes: Buffer;
  body: Buffer;
}

// Written first by encodeBundle, so every bundle starts with these bytes.
const MAGIC = Buffer.from(`{"format":"${BUNDLE_FORMAT}"`, 'utf8');
const VAULT_MAGIC = Buffer.from('{"format":"keysmith-vault"', 'utf8');
const b64 = (b: Buffer) => b.toString('base64');

export function encodeBundle(header: Omit<BundleHeader, 'format' | 'version' | 'nonce'>, dataKey: Buffer, plaintext: Buffer): Buffer {
  const nonce = randomNonce();
  // Spelled out field by field: `format` must come first (it is the magic), and nothing else slips in.
  const full: BundleHeader = {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    kdf: { name: 'scrypt', N: header.kdf.N, r: header.kdf.r, p: header.kdf.p, salt: header.kdf.salt },
    wrap: { nonce: header.wrap.nonce, key: header.wrap.key },
    nonce: b64(nonce),
    createdAt: header.createdAt,
    count: header.count,
  };
  const headerLine = Buffer.from(JSON.stringify(full), 'utf8');
  const { box } = seal(dataKey, plaintext, headerLine, nonce);
  const bodyLine = Buffer.from(b64(box), 'ascii');
  return encodeFrame(headerLine, bodyLine);
}

function named(label: string | undefined): string {
  return label === undefined ? '' : ` ${label}`;
}

export function damaged(label: string | undefined, detail: string): KeysmithError {
  return new KeysmithError('vault_tampered', `The bundle${named(label)} is damaged or was modified (${detail}): ask the sender for a new copy`);
}

/**
 * A bundle, possibly damaged: its first bytes are the magic with at most one byte changed, or a
 * prefix of it (a cut-off copy). One flipped byte anywhere must read as damage, never as "not a
 * bundle", and anything else (a Console JSON, a vault, a random file) is plainly not one.
 */
function looksLikeBundle(bytes: Buffer): boolean {
  let differences = 0;
  for (let i = 0; i < Math.min(bytes.length, MAGIC.length); i++) if (bytes[i] !== MAGIC[i]) differences++;
  return bytes.length > 0 && differences <= 1;
}

function notABundle(label: string | undefined, bytes: Buffer): KeysmithError {
  const what = label ?? 'This file';
  if (bytes.length === 0) return new KeysmithError('invalid_input', `${what} is empty, not a Keysmith bundle`);
  if (bytes.subarray(0, VAULT_MAGIC.length).equals(VAULT_MAGIC)) {
    return new KeysmithError('invalid_input', `${what} is a Keysmith vault, not a bundle`, { action: 'bundle_export' });
  }
  return new KeysmithError('invalid_input', `${what} is not a Keysmith bundle`);
}

const isB64 = (s: unknown, bytes: number): s is string =>
  typeof s === 'string' && /^[A-Za-z0-9+/]*={0,2}$/.test(s) && Buffer.from(s, 'base64').length === bytes;
const isCount = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0;

function completeHeader(h: BundleHeader): boolean {
  const { kdf, wrap } = h;
  return (
    typeof kdf === 'object' && kdf !== null && kdf.name === 'scrypt' && isCount(kdf.N) && isCount(kdf.r) && isCount(kdf.p) && isB64(kdf.salt, 16) &&
    typeof wrap === 'object' && wrap !== null && isB64(wrap.nonce, 12) && isB64(wrap.key, 48) &&
    isB64(h.nonce, 12) && typeof h.createdAt === 'string' && isCount(h.count)
  );
}

/** Checks the frame, the checksum and the version; needs no passphrase. */
export function parseBundle(bytes: Buffer, label?: string): ParsedBundle {
  if (!looksLikeBundle(bytes)) throw notABundle(label, bytes);
  const frame = splitFrame(bytes);
  if ('problem' in frame) throw damaged(label, frame.problem);
  const { headerLine, bodyLine } = frame;
  let header: BundleHeader;
  try {
    header = JSON.parse(headerLine.toString('utf8')) as BundleHeader;
  } catch {
    throw damaged(label, 'unreadable header');
  }
  if (typeof header !== 'object' || header === null || header.format !== BUNDLE_FORMAT) throw notABundle(label, bytes);
  if (!Number.isInteger(header.version) || header.version < 1) throw damaged(label, 'unknown format version');
  if (header.version > BUNDLE_VERSION) {
    throw new KeysmithError(
      'vault_too_new',
      `The bundle${named(label)} was made by a newer Keysmith (format ${header.version}; this one reads format ${BUNDLE_VERSION}): upgrade Keysmith to open it`,
    );
  }
  if (!completeHeader(header)) throw damaged(label, 'incomplete header');
  const bodyText = bodyLine.toString('latin1');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(bodyText)) throw damaged(label, 'unreadable body');
  return { header, headerBytes: Buffer.from(headerLine), body: Buffer.from(bodyText, 'base64') };
}
