/**
 * A private key as the files we import carry it: PEM text (with real or escaped newlines), the PEM's
 * lines as an array (aio-lib-ims-jwt joins them), base64 of the PEM (Adobe's App Builder tutorial,
 * because a .env value is one line), or the path of a key file (aio's `private_key`, PRIVATE_KEY_PATH).
 * The key itself is checked later by the key importer; here it is only found. Warnings name where
 * the key was expected and, for a path, the path; never the value, which may be the key.
 *
 * A key path comes from the import file, not from the user, and a hostile file must not pull
 * ~/.ssh/id_rsa into the vault. So a named key file is read only when its real path (symlinks
 * resolved) lies in the import file's own folder or below it. The one exception is aio's global
 * config at its home (`$XDG_CONFIG_HOME/aio`, the user's own file, which aio lets name a key anywhere):
 * it may name a file outside, read only when that file is a PEM private key and no folder on its real
 * path starts with a dot (~/.ssh, ~/.gnupg, ...). Any other key file costs a warning, never the
 * rest of the credential.
 */
import { createPrivateKey } from 'node:crypto';
import { realpath } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import type { ErrorAction } from '../../../shared/error-codes';
import { isKeysmithError } from '../../errors';
import { oneLine } from './field-values';
import type { ReadTextFile } from './import-candidate';

export interface KeyLookup {
  pem?: string;
  warning?: string;
  /** With a warning: what the user can do about the key that was not imported. */
  action?: ErrorAction;
}

export interface KeyFileAccess {
  /** The import file's folder: relative key paths resolve against it, and key files must lie in it. */
  baseDir?: string;
  readFile?: ReadTextFile;
  /** The import file's name in baseDir: aio's global config may name key files elsewhere. */
  fileName?: string;
}

const PEM_BEGIN = /-----BEGIN [A-Z0-9 ]{1,40}-----/;
const PRIVATE_KEY_PEM = /-----BEGIN (?:RSA |EC |ENCRYPTED |OPENSSH )?PRIVATE KEY-----/;
/** Nothing importable happened with the key: the user adds one (generates or imports a keypair). */
const ADD_KEY: ErrorAction = 'generate_key';

function pemFromText(text: string): string | undefined {
  if (!PEM_BEGIN.test(text)) return undefined;
  // Escaped newlines only when there are no real ones: a real PEM never contains a backslash.
  const pem = text.includes('\n') ? text : text.replace(/\\r\\n|\\n|\\r/g, '\n');
  return pem.endsWith('\n') ? pem : `${pem}\n`;
}

function isPkcs8Der(bytes: Buffer): boolean {
  try {
    createPrivateKey({ key: bytes, format: 'der', type: 'pkcs8' });
    return true;
  } catch {
    return false;
  }
}

function pemFromBase64(text: string): string | undefined {
  const compact = text.replace(/\s+/g, '');
  if (compact.length < 64 || !/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) return undefined;
  const bytes = Buffer.from(compact, 'base64');
  // aio-lib-java's aio_encoded_pkcs8 is the DER itself (an ASN.1 SEQUENCE), not a PEM.
  if (bytes[0] === 0x30 && isPkcs8Der(bytes)) {
    return `-----BEGIN PRIVATE KEY-----\n${bytes.toString('base64').replace(/.{1,64}/g, '$&\n')}-----END PRIVATE KEY-----\n`;
  }
  return pemFromText(bytes.toString('utf8'));
}

/**
 * Short single-line text with a directory separator or a file extension, and no long run of
 * base64 letters: a fragment of a key pasted without its PEM armour must not be echoed as a "path".
 */
function looksLikePath(text: string): boolean {
  return text.length <= 512 && !/[\r\n]/.test(text) && /[/\\]|\.\w{1,8}$/.test(text) && !/[A-Za-z0-9+=]{40,}/.test(text);
}

function resolveKeyPath(file: string, baseDir: string | undefined): string {
  const expanded = file === '~' || file.startsWith('~/') ? path.join(homedir(), file.slice(1)) : file;
  return baseDir ? path.resolve(baseDir, expanded) : path.resolve(expanded);
}

/**
 * The real path when it exists (symlinks resolved); for a missing file, its real folder and its name
 * (it fails later, when read, as "does not exist"); else the path as written.
 */
async function realOrResolved(file: string): Promise<string> {
  const resolved = path.resolve(file);
  return realpath(resolved).catch(() =>
    realpath(path.dirname(resolved)).then(
      (dir) => path.join(dir, path.basename(resolved)),
      () => resolved,
    ),
  );
}

function isInside(file: string, dir: string): boolean {
  const rel = path.relative(dir, file);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel);
}

/** Where aio keeps its global config (aio-lib-core-config): a file named `aio` in the config home. */
function aioGlobalConfig(): string {
  return path.join(process.env.XDG_CONFIG_HOME || path.join(homedir(), '.config'), 'aio');
}

async function isAioGlobalConfig(io: KeyFileAccess): Promise<boolean> {
  if (io.baseDir === undefined || io.fileName === undefined) return false;
  const [own, aio] = await Promise.all([realOrResolved(path.join(io.baseDir, io.fileName)), realOrResolved(aioGlobalConfig())]);
  return own === aio;
}

const inDotFolder = (file: string) => path.dirname(file).split(path.sep).some((part) => part.startsWith('.') && part !== '.' && part !== '..');

/**
 * How far a key file this import names may be trusted: 'inside' the import's folder, 'aio-home' (outside,
 * but named by aio's own global config: read only if it is a private key outside dot-folders), or a
 * sentence saying why it is not read at all.
 */
async function keyFileStanding(resolved: string, io: KeyFileAccess): Promise<'inside' | 'aio-home' | string> {
  const [real, folder] = await Promise.all([realOrResolved(resolved), realOrResolved(io.baseDir ?? process.cwd())]);
  if (isInside(real, folder)) return 'inside';
  if (await isAioGlobalConfig(io)) return inDotFolder(real) ? 'it is in a hidden folder (one whose name starts with a dot, such as ~/.ssh)' : 'aio-home';
  return 'it is outside the folder of the file being imported, and an import only reads key files beside it';
}

/**
 * Why a key file could not be read, mid-sentence. The bounded reader's own sentences ("/dev/zero is a
 * device, not a private key file") say it best; its errno cause tells a missing file from the rest.
 */
function whyUnreadable(err: unknown): string {
  const errno = isKeysmithError(err) ? err.cause : err;
  const code = (errno as { code?: unknown } | undefined)?.code;
  if (code === 'ENOENT') return 'it does not exist';
  if (code === 'EACCES' || code === 'EPERM') return 'it cannot be read (permission denied)';
  if (isKeysmithError(err)) return err.message;
  return typeof code === 'string' ? `it could not be read (${code})` : 'it could not be read';
}

async function pemFromFile(file: string, where: string, io: KeyFileAccess): Promise<KeyLookup> {
  // The path comes from the file: it is quoted only as one clean line.
  const shown = oneLine(file, 200);
  if (!io.readFile) {
    return { warning: `${where} names the key file ${shown}, which this import cannot read: add the key to the integration separately`, action: ADD_KEY };
  }
  const resolved = resolveKeyPath(file, io.baseDir);
  const standing = await keyFileStanding(resolved, io);
  if (standing !== 'inside' && standing !== 'aio-home') {
    return { warning: `${where} names the key file ${shown}, which was not read: ${standing}. Add the key to the integration separately`, action: ADD_KEY };
  }
  let text: string;
  try {
    text = await io.readFile(resolved);
  } catch (err) {
    return { warning: `${where} names the key file ${shown}, but ${oneLine(whyUnreadable(err), 400)}: add the key to the integration separately`, action: ADD_KEY };
  }
  if (standing === 'aio-home' && !PRIVATE_KEY_PEM.test(text)) {
    return { warning: `${where} names the key file ${shown}, which was not imported: it is outside the aio config's folder and is not a PEM private key. Add the key to the integration separately`, action: ADD_KEY };
  }
  const pem = pemFromText(text);
  if (!pem) return { warning: `${where} names the key file ${shown}, which is not a PEM key (-----BEGIN …-----): the key was not imported`, action: ADD_KEY };
  return { pem };
}

/** `where` says where the key was expected, e.g. 'aio context "prod" private_key' or 'PRIVATE_KEY'. */
export async function findPrivateKey(value: unknown, where: string, io: KeyFileAccess): Promise<KeyLookup> {
  if (value === undefined || value === null || value === '') return {};
  let text: string | undefined;
  if (Array.isArray(value) && value.every((line) => typeof line === 'string')) text = value.join('\n');
  else if (typeof value === 'string') {
    text = value;
    if (text.trim().startsWith('[')) {
      try {
        const lines: unknown = JSON.parse(text);
        if (Array.isArray(lines) && lines.every((line) => typeof line === 'string')) text = lines.join('\n');
      } catch {
        // Not a JSON array: read as text.
      }
    }
  }
  if (text === undefined) return { warning: `${where} is neither text nor a list of lines: the key was not imported` };
  const pem = pemFromText(text) ?? pemFromBase64(text);
  if (pem) return { pem };
  const trimmed = text.trim();
  if (looksLikePath(trimmed)) return pemFromFile(trimmed, where, io);
  return { warning: `${where} is neither PEM text (-----BEGIN …-----), base64 of it, nor a file path: the key was not imported` };
}
