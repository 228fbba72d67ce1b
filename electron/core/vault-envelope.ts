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
import { z } from 'zod';
import { encodeFrame, splitFrame } from './checksummed-frame';
import { KeysmithError } from './errors';
import { KEY_BYTES, NONCE_BYTES, TAG_BYTES, randomNonce, scryptParamsAllowed, seal, unseal } from './crypto-primitives';

export const VAULT_FORMAT = 'keysmith-vault';
export const VAULT_VERSION = 1;

/** Every salt Keysmith writes (scrypt's and HKDF's). */
export const SALT_BYTES = 16;

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Canonical base64 of exactly `bytes` bytes, so a nonce or salt of another size never reaches the crypto. */
const base64Of = (bytes: number, what: string) =>
  z
    .string()
    .length(4 * Math.ceil(bytes / 3), { error: `${what} must be base64 of ${bytes} bytes` })
    .refine((s) => BASE64.test(s) && Buffer.from(s, 'base64').length === bytes, { error: `${what} must be base64 of ${bytes} bytes` });

const sealedKey = {
  nonce: base64Of(NONCE_BYTES, 'nonce'),
  /** the 32-byte data key and its 16-byte GCM tag */
  wrapped: base64Of(KEY_BYTES + TAG_BYTES, 'wrapped key'),
};

/**
 * The header is GCM's associated data, but the key that authenticates it comes out of the KDF its
 * wraps name, so those run on unauthenticated input: every field is checked here, and scrypt's
 * parameters are held to the bounds every header shares (bundles too), before any key is tried.
 */
const KeyWrapSchema = z.discriminatedUnion('method', [
  z.strictObject({
    method: z.literal('keychain'),
    service: z.string().min(1).max(200),
    account: z.uuid(),
    ...sealedKey,
  }),
  z.strictObject({
    method: z.literal('passphrase'),
    kdf: z
      .strictObject({ name: z.literal('scrypt'), salt: base64Of(SALT_BYTES, 'salt'), N: z.number(), r: z.number(), p: z.number() })
      .refine(scryptParamsAllowed, { error: 'scrypt parameters beyond the bounds' }),
    ...sealedKey,
  }),
  z.strictObject({
    method: z.literal('recovery'),
    kdf: z.strictObject({ name: z.literal('hkdf-sha256'), salt: base64Of(SALT_BYTES, 'salt') }),
    ...sealedKey,
  }),
]);

const VaultHeaderSchema = z
  .strictObject({
    format: z.literal(VAULT_FORMAT),
    // Newer versions are told apart before this schema runs; typed as a number so tests can forge them.
    version: z.int().min(1).max(VAULT_VERSION),
    vaultId: z.uuid(),
    generation: z.int().min(1),
    writtenAt: z.iso.datetime(),
    nonce: base64Of(NONCE_BYTES, 'nonce'),
    wraps: z.array(KeyWrapSchema).min(1).max(3),
    /** the revision of the document rules this write's document was checked against (vault-document.ts) */
    documentCheck: z.int().min(1).optional(),
  })
  .superRefine((header, ctx) => {
    const seen = new Set<string>();
    header.wraps.forEach((wrap, i) => {
      if (seen.has(wrap.method)) ctx.addIssue({ code: 'custom', message: `a second ${wrap.method} wrap`, path: ['wraps', i, 'method'] });
      seen.add(wrap.method);
      // The keychain entry is the vault's own: a header naming another vault's entry is not this vault's.
      if (wrap.method === 'keychain' && wrap.account !== header.vaultId) {
        ctx.addIssue({ code: 'custom', message: 'keychain account is not the vault id', path: ['wraps', i, 'account'] });
      }
    });
  });

export type KeyWrap = z.output<typeof KeyWrapSchema>;
export type UnlockMethod = KeyWrap['method'];
export type VaultHeader = z.output<typeof VaultHeaderSchema>;

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
    `The vault file ${path} is damaged or was tampered with (${detail})`,
    { action: 'restore_backup' },
  );
}

/** Checks the frame, the checksum, the version and every header field; needs no key. */
export function parseVault(bytes: Buffer, path: string): ParsedVault {
  const frame = splitFrame(bytes);
  if ('problem' in frame) throw damaged(path, frame.problem);
  const { headerLine, bodyLine } = frame;
  let raw: unknown;
  try {
    raw = JSON.parse(headerLine.toString('utf8'));
  } catch {
    throw damaged(path, 'unreadable header');
  }
  const { format, version } = (raw ?? {}) as { format?: unknown; version?: unknown };
  if (format !== VAULT_FORMAT) throw damaged(path, 'not a Keysmith vault');
  // Before the schema: a newer format may have changed anything else in the header.
  if (Number.isInteger(version) && (version as number) > VAULT_VERSION) {
    throw new KeysmithError(
      'vault_too_new',
      `The vault ${path} was written by a newer Keysmith (format ${version as number}; this one reads format ${VAULT_VERSION}): upgrade Keysmith to open it`,
    );
  }
  const checked = VaultHeaderSchema.safeParse(raw);
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    throw damaged(path, `bad header field ${issue.path.join('.') || '(the header itself)'}: ${issue.message}`);
  }
  return { header: checked.data, headerBytes: Buffer.from(headerLine), body: unb64(bodyLine.toString('ascii')) };
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
