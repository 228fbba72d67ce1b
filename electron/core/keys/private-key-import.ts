/**
 * Keys and certificates users bring: a file made with openssl years ago, an AEM service credential,
 * a key pasted into a form. Node's OpenSSL does the parsing; this module adds the diagnosis. OpenSSL
 * answers "DECODER routines::unsupported" to garbage, to a truncated file and to a certificate alike,
 * so the PEM framing is examined here first and each failure gets its own sentence saying what to
 * give instead. No message ever quotes the input: it may be key material.
 */
import { KeyObject, X509Certificate, createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import { KeysmithError } from '../errors';
import { MAX_RSA_BITS, MIN_RSA_BITS } from '../../shared/key-limits';

/** Refused before parsing: a PEM key or certificate is a few KB, and this input reaches OpenSSL. */
export const MAX_PEM_INPUT_BYTES = 1024 * 1024;

export interface ImportedPrivateKey {
  /** Unencrypted PKCS#8, whatever form came in: the vault is the encryption. */
  privateKeyPem: string;
  bits: number;
  /** SubjectPublicKeyInfo. */
  publicKeyPem: string;
}

interface PemBlock {
  label: string;
  /** RFC 1421 headers of legacy encrypted keys: Proc-Type, DEK-Info. */
  headers: [string, string][];
  base64: string;
  /** False when the text (or the next block) starts before the matching -----END line: truncated. */
  ended: boolean;
}

type Expected = 'privateKey' | 'certificate';

const PRIVATE_KEY_PEM = '-----BEGIN PRIVATE KEY----- or -----BEGIN RSA PRIVATE KEY-----';
const CERTIFICATE_PEM = '-----BEGIN CERTIFICATE-----';

function invalid(message: string, field: string, cause?: unknown): KeysmithError {
  return new KeysmithError('invalid_input', message, { field, cause });
}

function checkSize(text: string, expected: Expected): void {
  // text.length <= byteLength, so the cheap test settles most inputs without encoding them.
  if (text.length > MAX_PEM_INPUT_BYTES || Buffer.byteLength(text, 'utf8') > MAX_PEM_INPUT_BYTES) {
    throw expected === 'privateKey'
      ? invalid('The key file is larger than 1 MiB; a PEM private key is a few KB', 'privateKey')
      : invalid('The certificate file is larger than 1 MiB; a PEM certificate is a few KB', 'certificate');
  }
}

/**
 * Every PEM block in the text, in order. Forgiving about layout, because keys travel through JSON,
 * environment variables and web forms: CRLF, indentation, literal "\n" escapes and a whole key on
 * one line (newlines turned into spaces) all read the same as a tidy file.
 */
function pemBlocks(input: string): PemBlock[] {
  const text = input.replace(/\\r\\n|\\n|\\r/g, '\n');
  const blocks: PemBlock[] = [];
  const begin = /-----BEGIN ([A-Z0-9 ]{1,40})-----/g;
  let match: RegExpExecArray | null;
  while ((match = begin.exec(text)) !== null) {
    const label = match[1]!;
    const start = match.index + match[0].length;
    // Each block's END is looked for only up to the next BEGIN, so a megabyte of BEGIN lines costs
    // one pass, not one pass per line.
    const next = text.indexOf('-----BEGIN ', start);
    const region = text.slice(start, next === -1 ? text.length : next);
    const end = region.indexOf(`-----END ${label}-----`);
    let body = end === -1 ? '' : region.slice(0, end);
    const headers: [string, string][] = [];
    let header: RegExpMatchArray | null;
    while ((header = /^\s*(Proc-Type|DEK-Info):[ \t]*(\S+)/.exec(body)) !== null) {
      headers.push([header[1]!, header[2]!]);
      body = body.slice(header[0].length);
    }
    blocks.push({ label, headers, base64: body.replace(/\s+/g, ''), ended: end !== -1 });
  }
  return blocks;
}

type BlockKind = 'privateKey' | 'openssh' | 'certificate' | 'publicKey' | 'csr' | 'other';

function kindOf(label: string): BlockKind {
  if (label === 'OPENSSH PRIVATE KEY') return 'openssh';
  if (label.endsWith('PRIVATE KEY')) return 'privateKey';
  if (label === 'CERTIFICATE' || label === 'X509 CERTIFICATE') return 'certificate';
  if (label.endsWith('PUBLIC KEY')) return 'publicKey';
  if (label.endsWith('CERTIFICATE REQUEST')) return 'csr';
  return 'other';
}

const KIND_NAMES: Record<BlockKind, string> = {
  privateKey: 'a private key',
  openssh: 'an OpenSSH private key',
  certificate: 'a certificate',
  publicKey: 'a public key',
  csr: 'a certificate signing request',
  other: 'something else',
};

/** Nothing of the expected kind: say what the input is instead, and what to give. */
function wrongInput(text: string, blocks: PemBlock[], expected: Expected): KeysmithError {
  const forKey = expected === 'privateKey';
  const noun = forKey ? 'a private key' : 'a certificate';
  const kinds = blocks.map((b) => kindOf(b.label));
  if (forKey && kinds.includes('openssh')) {
    return invalid(
      'This is an OpenSSH private key, which Keysmith cannot read: convert a copy with `ssh-keygen -p -m PKCS8 -f COPY` and give that',
      expected,
    );
  }
  const found = (['privateKey', 'certificate', 'publicKey', 'csr', 'openssh'] as const).find((k) => kinds.includes(k));
  if (found) {
    const want = forKey
      ? `give the private key${found === 'certificate' ? ' it was made from' : ''} (${PRIVATE_KEY_PEM})`
      : `give the certificate${found === 'privateKey' ? ' made from it' : ''} (${CERTIFICATE_PEM})`;
    return invalid(`This is ${KIND_NAMES[found]}, not ${noun}: ${want}`, expected);
  }
  const pem = forKey ? PRIVATE_KEY_PEM : CERTIFICATE_PEM;
  if (blocks.length > 0) {
    return invalid(`This PEM block (${blocks[0]!.label}) is not ${noun}: expected ${pem}`, expected);
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000e-\u001a\ufffd]/.test(text.slice(0, 4096))) {
    return invalid(`This looks like a binary file (DER or PKCS#12), not PEM: convert it with openssl to text starting with ${pem}`, expected);
  }
  return invalid(`This is not ${noun} in PEM form: expected text starting with ${pem}`, expected);
}

/** The total length an outer DER SEQUENCE header declares, or null if the bytes do not start with one. */
function declaredDerLength(der: Buffer): number | null {
  if (der.length < 2 || der[0] !== 0x30) return null;
  const first = der[1]!;
  if (first < 0x80) return 2 + first;
  const count = first & 0x7f;
  if (count === 0 || count > 4) return null;
  if (der.length < 2 + count) return Number.POSITIVE_INFINITY;
  let length = 0;
  for (let i = 0; i < count; i++) length = length * 256 + der[2 + i]!;
  return 2 + count + length;
}

/**
 * The block's bytes, after checking they are complete. A PEM cut short (a partial copy, a file
 * truncated in transit) is the commonest corruption, and OpenSSL cannot tell it from garbage; the
 * DER length header can.
 */
function blockBytes(block: PemBlock, what: string, field: string, legacyEncrypted: boolean): Buffer {
  const truncated = () => invalid(`This ${what} is truncated: its PEM text ends early (was it copied in full?)`, field);
  if (!block.ended) throw truncated();
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(block.base64)) {
    throw invalid(`This ${what} is corrupt: its PEM body has characters that are not base64`, field);
  }
  if (block.base64.length === 0 || block.base64.length % 4 !== 0) throw truncated();
  const der = Buffer.from(block.base64, 'base64');
  if (legacyEncrypted) {
    // Ciphertext has no visible structure, but CBC ciphertext is whole 8- or 16-byte blocks.
    if (der.length % 8 !== 0) throw truncated();
    return der;
  }
  const declared = declaredDerLength(der);
  if (declared === null) throw invalid(`This ${what} is corrupt: its PEM body does not decode to one`, field);
  if (declared > der.length) throw truncated();
  if (declared < der.length) throw invalid(`This ${what} is corrupt: its PEM body has extra bytes after the ${what}`, field);
  return der;
}

function toPem(label: string, headers: [string, string][], der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  const head = headers.length > 0 ? `${headers.map(([k, v]) => `${k}: ${v}`).join('\n')}\n\n` : '';
  return `-----BEGIN ${label}-----\n${head}${lines.join('\n')}\n-----END ${label}-----\n`;
}

const KEY_TYPE_NAMES: Record<string, string> = {
  ec: 'an EC',
  ed25519: 'an Ed25519',
  ed448: 'an Ed448',
  x25519: 'an X25519',
  x448: 'an X448',
  dsa: 'a DSA',
  dh: 'a DH',
  // Restricted to PSS padding, so it cannot make RS256 (PKCS#1 v1.5) signatures.
  'rsa-pss': 'an RSA-PSS-only',
};

/** `holder` starts the sentence: 'This is' for a key, 'This certificate has' for a certificate. */
function checkRsa(key: KeyObject, holder: string, field: string): number {
  const type = key.asymmetricKeyType ?? 'unknown';
  if (type !== 'rsa') {
    const name = KEY_TYPE_NAMES[type] ?? `a ${type}`;
    throw invalid(`Adobe JWT credentials need an RSA key; ${holder.toLowerCase()} ${name} key`, field);
  }
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < MIN_RSA_BITS) {
    throw invalid(`${holder} a ${bits}-bit RSA key; Keysmith needs at least ${MIN_RSA_BITS} bits: make a new key`, field);
  }
  // The vault refuses larger ones when it reads them back, and OpenSSL would not sign with them.
  if (bits > MAX_RSA_BITS) throw invalid(`${holder} a ${bits}-bit RSA key; Keysmith takes at most ${MAX_RSA_BITS} bits: make a new key`, field);
  return bits;
}

/**
 * Reads a PEM RSA private key in any form openssl writes: PKCS#8, PKCS#1, encrypted PKCS#8 and
 * legacy encrypted PKCS#1 (Proc-Type: 4,ENCRYPTED). Other PEM blocks in the text, such as a
 * certificate saved with the key, are ignored.
 */
export function parsePrivateKey(pemText: string, passphrase?: string): ImportedPrivateKey {
  const { key, publicKey, bits } = readRsaPrivateKey(pemText, passphrase);
  checkSigns(key, publicKey);
  return {
    privateKeyPem: key.export({ type: 'pkcs8', format: 'pem' }) as string,
    bits,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }) as string,
  };
}

/**
 * parsePrivateKey's checks but the signing self-test, for core code that signs with the key right
 * away and can verify that signature itself (as the certificate maker does).
 */
export function readRsaPrivateKey(pemText: string, passphrase?: string): { key: KeyObject; publicKey: KeyObject; bits: number } {
  checkSize(pemText, 'privateKey');
  const blocks = pemBlocks(pemText);
  const keys = blocks.filter((b) => kindOf(b.label) === 'privateKey');
  if (keys.length === 0) throw wrongInput(pemText, blocks, 'privateKey');
  if (keys.length > 1) throw invalid(`This holds ${keys.length} private keys; give one at a time`, 'privateKey');
  const block = keys[0]!;

  const legacyEncrypted = block.headers.some(([k, v]) => k === 'Proc-Type' && v.includes('ENCRYPTED'));
  const encrypted = legacyEncrypted || block.label === 'ENCRYPTED PRIVATE KEY';
  const der = blockBytes(block, 'private key', 'privateKey', legacyEncrypted);
  if (encrypted && !passphrase) {
    throw new KeysmithError('invalid_input', 'This key is encrypted', { field: 'passphrase', action: 'key_passphrase' });
  }

  let key: KeyObject;
  try {
    key = createPrivateKey({ key: toPem(block.label, block.headers, der), format: 'pem', ...(encrypted ? { passphrase } : {}) });
  } catch (err) {
    if (!encrypted) throw invalid('This private key is corrupt: OpenSSL cannot read it as a key', 'privateKey', err);
    // A wrong passphrase usually fails the padding check ("bad decrypt"); about one time in 256 it
    // decrypts to garbage instead, which is why that case is not told apart from a corrupt key.
    const badDecrypt = (err as { code?: string }).code === 'ERR_OSSL_BAD_DECRYPT';
    throw invalid(
      badDecrypt
        ? 'Could not decrypt this key: the passphrase is wrong'
        : 'Could not decrypt this key: the passphrase is wrong, or it uses a cipher OpenSSL 3 no longer supports (re-encrypt it with `openssl pkcs8 -topk8 -v2 aes-256-cbc`)',
      'passphrase',
      err,
    );
  }
  const bits = checkRsa(key, 'This is', 'privateKey');
  return { key, publicKey: createPublicKey(key), bits };
}

/**
 * OpenSSL loads an RSA key without checking its numbers agree: a damaged modulus parses fine and
 * only shows later as IMS's `invalid_signature`. One signature made and verified here (about a
 * millisecond at 2048 bits) says so at import, where the user can still find a good copy.
 */
export const CORRUPT_KEY_MESSAGE = 'This private key is corrupt: its signatures do not verify against its own public key';

function checkSigns(key: KeyObject, publicKey: KeyObject): void {
  const probe = Buffer.from('keysmith key check');
  let ok: boolean;
  try {
    ok = verify('sha256', probe, publicKey, sign('sha256', probe, key));
  } catch {
    ok = false;
  }
  if (!ok) throw invalid(CORRUPT_KEY_MESSAGE, 'privateKey');
}

/**
 * Reads a PEM certificate with an RSA key of at least 2048 bits and returns it re-encoded as plain
 * PEM. In a chain file the first certificate is taken: by convention that is the leaf.
 */
export function parseCertificate(pemText: string): string {
  checkSize(pemText, 'certificate');
  const blocks = pemBlocks(pemText);
  const block = blocks.find((b) => kindOf(b.label) === 'certificate');
  if (!block) throw wrongInput(pemText, blocks, 'certificate');
  const der = blockBytes(block, 'certificate', 'certificate', false);
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(der);
  } catch (err) {
    throw invalid('This certificate is corrupt: OpenSSL cannot read it as an X.509 certificate', 'certificate', err);
  }
  checkRsa(cert.publicKey, 'This certificate has', 'certificate');
  return cert.toString();
}

/** Throws unless the certificate was made from this private key (the pair IMS will check). */
export function assertKeyMatchesCertificate(privateKeyPem: string, certPem: string): void {
  let cert: X509Certificate;
  let key: KeyObject;
  try {
    cert = new X509Certificate(certPem);
    key = createPrivateKey(privateKeyPem);
  } catch (err) {
    // Both come from the vault or from the parsers above, so this is damage, not a user's typo.
    throw invalid('The key or the certificate to compare is not readable PEM: import them again', 'certificate', err);
  }
  if (!cert.checkPrivateKey(key)) {
    throw invalid(
      `The certificate (fingerprint ${cert.fingerprint256}) does not belong to this private key: give the certificate made from this key`,
      'certificate',
    );
  }
}
