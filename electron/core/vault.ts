/**
 * The encrypted vault on disk. A random data key encrypts the document (AES-256-GCM, fresh nonce per
 * write, header as AAD) and is wrapped once per unlock method: the OS keychain, a passphrase, and
 * the recovery key shown at creation. Every change is a locked read-modify-write of the file, so the
 * app and the CLI can write at the same moment without losing an update.
 */
import { hkdfSync, randomBytes, randomUUID } from 'node:crypto';
import { chmod, copyFile, link, lstat, mkdir } from 'node:fs/promises';
import { KeysmithError } from './errors';
import {
  DEFAULT_SCRYPT,
  deriveFromPassphrase,
  deriveFromRecoveryKey,
  formatRecoveryKey,
  parseRecoveryKey,
  randomKey,
  seal,
  type Sealed,
} from './crypto-primitives';
import { acquireLock, type HeldLock } from './file-lock';
import { newPassphraseProblem } from '../shared/passphrase-rule';
import { replaceFileAtomically } from './atomic-file';
import { vaultPaths, type VaultPaths } from './data-dir';
import { assertNotRolledBack, lowerGeneration, readSeenGeneration, recordGeneration } from './generation-record';
import { assertPrivateDir, readPrivateFile } from './private-files';
import { KEYCHAIN_SERVICE, type Keychain } from './keychain';
import {
  VAULT_FORMAT,
  VAULT_VERSION,
  decryptBody,
  encodeVault,
  findWrap,
  parseVault,
  unwrapDataKey,
  wrapDataKey,
  type KeyWrap,
  type ParsedVault,
  type VaultHeader,
} from './vault-envelope';
import { DOCUMENT_RULES, DOCUMENT_SCHEMA, checkDocument, emptyDocument, type VaultDocument } from './vault-document';

export type UnlockRequest =
  | { method: 'keychain' }
  | { method: 'passphrase'; passphrase: string }
  | { method: 'recovery'; recoveryKey: string }
  /** the data key itself, as a session (vault-session.ts) hands it back; the body's GCM tag checks it */
  | { method: 'session'; dataKey: Buffer };

/** Chooses how to unlock once the header says which methods this vault has. */
export type UnlockChooser = (header: VaultHeader) => Promise<UnlockRequest>;

export type NewUnlock = { method: 'keychain' } | { method: 'passphrase'; passphrase: string };

export interface VaultDeps {
  keychain: Keychain;
}

const b64 = (b: Buffer) => b.toString('base64');

/** Far above any real vault (10,000 integrations with keys are ~40 MB); a bound on what is read into memory. */
const MAX_VAULT_BYTES = 512 * 1024 * 1024;

/** Which file was read, so a writer can tell whether anyone replaced it since. */
interface FileIdentity {
  dev: number;
  ino: number;
  size: number;
  mtimeMs: number;
}

type ReadVault = ParsedVault & { identity: FileIdentity };

async function readVaultFile(path: string): Promise<ReadVault | null> {
  const read = await readPrivateFile(path, MAX_VAULT_BYTES);
  if (!read) return null;
  const { dev, ino, size, mtimeMs } = read.stat;
  return { ...parseVault(read.bytes, path), identity: { dev, ino, size, mtimeMs } };
}

/**
 * The current vault file, refused if its generation is below the highest one recorded here. The
 * record is read first: generation-record.ts explains why that order never raises a false alarm.
 */
async function readCheckedVault(paths: VaultPaths): Promise<ReadVault | null> {
  const seen = await readSeenGeneration(paths);
  const parsed = await readVaultFile(paths.vault);
  if (parsed) assertNotRolledBack(seen, parsed.header.vaultId, parsed.header.generation, paths);
  return parsed;
}

/** Throws unless the vault file is still the one read under this lock (the lock is also confirmed). */
async function assertUnchanged(paths: VaultPaths, read: FileIdentity, lock: HeldLock): Promise<void> {
  await lock.confirm();
  const now = await lstat(paths.vault).catch(() => null);
  if (!now || now.dev !== read.dev || now.ino !== read.ino || now.size !== read.size || now.mtimeMs !== read.mtimeMs) {
    throw new KeysmithError(
      'vault_busy',
      `The vault ${paths.vault} was replaced by another program while this one held the lock (an older Keysmith?), so nothing was written: run the command again`,
    );
  }
}

/**
 * The document of a vault file, decrypted (which authenticates its header too) and held to the
 * stored schema. The check is skipped only when the header says this very write was checked with
 * the current rules as it was written: only a checking writer sets that mark, GCM binds it to this
 * body, and writers that do not check (older Keysmiths) build their headers field by field and so
 * drop it. An authentic document nobody checked is therefore always checked here, and one this
 * version wrote is not checked twice, so reading thousands of integrations stays a JSON.parse.
 */
function readDocument(parsed: ParsedVault, dataKey: Buffer, path: string): VaultDocument {
  const plain = decryptBody(parsed, dataKey, path);
  let value: unknown;
  try {
    value = JSON.parse(plain.toString('utf8'));
  } catch {
    throw new KeysmithError('vault_tampered', `The vault ${path} decrypted to an unreadable document`, { action: 'restore_backup' });
  }
  const schema = (value as { schema?: unknown } | null)?.schema;
  if (typeof schema === 'number' && schema > DOCUMENT_SCHEMA) {
    throw new KeysmithError('vault_too_new', `The vault ${path} holds data from a newer Keysmith (schema ${schema}): upgrade Keysmith to open it`);
  }
  if (parsed.header.documentCheck === DOCUMENT_RULES) return value as VaultDocument;
  const checked = checkDocument(value);
  if (!checked.ok) {
    throw new KeysmithError(
      'vault_tampered',
      `The vault ${path} holds an entry this Keysmith cannot use (${checked.problem})`,
      { action: 'restore_backup' },
    );
  }
  return checked.doc;
}

/** The document about to be written, held to the schema it will be read with: junk never reaches the file. */
function checkBeforeWrite(doc: VaultDocument): VaultDocument {
  const checked = checkDocument(doc);
  if (!checked.ok) throw new KeysmithError('invalid_input', `Nothing was written: ${checked.problem}`);
  return checked.doc;
}

async function makeWrap(vaultId: string, how: NewUnlock, dataKey: Buffer, deps: VaultDeps): Promise<KeyWrap> {
  if (how.method === 'keychain') {
    const kek = randomKey();
    await deps.keychain.set(vaultId, b64(kek));
    // Read back: a store that accepts writes but does not keep them must fail now, not at next open.
    if ((await deps.keychain.get(vaultId)) !== b64(kek)) {
      throw new KeysmithError('keychain_unavailable', 'The OS keychain did not keep the vault key', { action: 'use_passphrase' });
    }
    return { method: 'keychain', service: KEYCHAIN_SERVICE, account: vaultId, ...wrapDataKey(vaultId, 'keychain', kek, dataKey) };
  }
  // Here, where every create and every new passphrase passes, so no path can skip the rule.
  const problem = newPassphraseProblem(how.passphrase);
  if (problem) throw new KeysmithError('invalid_input', `The new passphrase is not accepted: ${problem}`, { field: 'passphrase' });
  const salt = randomBytes(16);
  const kek = await deriveFromPassphrase(how.passphrase, salt, DEFAULT_SCRYPT);
  return {
    method: 'passphrase',
    kdf: { name: 'scrypt', salt: b64(salt), ...DEFAULT_SCRYPT },
    ...wrapDataKey(vaultId, 'passphrase', kek, dataKey),
  };
}

async function unlockDataKey(header: VaultHeader, request: UnlockRequest, deps: VaultDeps): Promise<Buffer> {
  const { vaultId } = header;
  if (request.method === 'session') return request.dataKey;
  if (request.method === 'keychain') {
    const wrap = findWrap(header, 'keychain');
    if (!wrap) {
      throw new KeysmithError('passphrase_required', 'This vault is protected by a passphrase, not the keychain', { action: 'unlock' });
    }
    const stored = await deps.keychain.get(wrap.account);
    if (stored === null) {
      throw new KeysmithError(
        'vault_key_missing',
        `The key for vault ${vaultId} is not in the OS keychain`,
        { action: 'recover' },
      );
    }
    const key = unwrapDataKey(vaultId, wrap, Buffer.from(stored, 'base64'));
    if (!key) {
      throw new KeysmithError('vault_key_mismatch', `The OS keychain holds a different key for vault ${vaultId}`, { action: 'recover' });
    }
    return key;
  }
  if (request.method === 'passphrase') {
    const wrap = findWrap(header, 'passphrase');
    if (!wrap) throw new KeysmithError('wrong_passphrase', 'This vault has no passphrase: it is unlocked by the OS keychain', { action: 'use_keychain' });
    const kek = await deriveFromPassphrase(request.passphrase, Buffer.from(wrap.kdf.salt, 'base64'), wrap.kdf);
    const key = unwrapDataKey(vaultId, wrap, kek);
    if (!key) throw new KeysmithError('wrong_passphrase', 'Wrong passphrase for this vault: check Caps Lock and the keyboard layout', { action: 'recover' });
    return key;
  }
  const wrap = findWrap(header, 'recovery');
  const raw = parseRecoveryKey(request.recoveryKey);
  if (!raw) throw new KeysmithError('wrong_recovery_key', 'That is not a recovery key: expected 13 groups of 4 letters and digits, as shown when the vault was created');
  const key = wrap ? unwrapDataKey(vaultId, wrap, deriveFromRecoveryKey(raw, Buffer.from(wrap.kdf.salt, 'base64'))) : null;
  if (!key) throw new KeysmithError('wrong_recovery_key', 'That recovery key does not belong to this vault: check it for typos');
  return key;
}

export class Vault {
  private constructor(
    readonly paths: VaultPaths,
    readonly vaultId: string,
    private readonly dataKey: Buffer,
    private doc: VaultDocument,
    private header: Omit<VaultHeader, 'nonce'>,
    private readonly deps: VaultDeps,
  ) {}

  /** Whether anything is at the vault's name (lstat: a symlink or FIFO there counts, and is refused when read). */
  static async exists(dir: string): Promise<boolean> {
    return lstat(vaultPaths(dir).vault).then(
      () => true,
      () => false,
    );
  }

  /** The header of the vault in `dir`, or null when there is none; needs no key. */
  static async readHeader(dir: string): Promise<VaultHeader | null> {
    await assertPrivateDir(dir);
    const parsed = await readCheckedVault(vaultPaths(dir));
    return parsed?.header ?? null;
  }

  static async create(dir: string, how: NewUnlock, deps: VaultDeps): Promise<{ vault: Vault; recoveryKey: string }> {
    const paths = vaultPaths(dir);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await assertPrivateDir(dir);
    await chmod(dir, 0o700).catch(() => undefined);
    const release = await acquireLock(paths.lock);
    try {
      if (await Vault.exists(dir)) {
        throw new KeysmithError('vault_exists', `A vault already exists at ${paths.vault}; nothing was changed`);
      }
      const vaultId = randomUUID();
      const dataKey = randomKey();
      const recovery = randomKey();
      const recoverySalt = randomBytes(16);
      const wraps: KeyWrap[] = [
        await makeWrap(vaultId, how, dataKey, deps),
        {
          method: 'recovery',
          kdf: { name: 'hkdf-sha256', salt: b64(recoverySalt) },
          ...wrapDataKey(vaultId, 'recovery', deriveFromRecoveryKey(recovery, recoverySalt), dataKey),
        },
      ];
      const header: Omit<VaultHeader, 'nonce'> = {
        format: VAULT_FORMAT,
        version: VAULT_VERSION,
        vaultId,
        generation: 1,
        writtenAt: new Date().toISOString(),
        documentCheck: DOCUMENT_RULES,
        wraps,
      };
      const doc = emptyDocument();
      try {
        await replaceFileAtomically(paths.vault, encodeVault(header, dataKey, Buffer.from(JSON.stringify(doc))), {
          beforeReplace: () => release.confirm(),
        });
      } catch (err) {
        if (how.method === 'keychain') await deps.keychain.delete(vaultId).catch(() => undefined);
        throw err;
      }
      const written = (await readVaultFile(paths.vault))!.header;
      await recordGeneration(paths, vaultId, written.generation);
      return { vault: new Vault(paths, vaultId, dataKey, doc, written, deps), recoveryKey: formatRecoveryKey(recovery) };
    } finally {
      await release();
    }
  }

  static async open(dir: string, choose: UnlockChooser, deps: VaultDeps): Promise<Vault> {
    return Vault.openFile(vaultPaths(dir), 'vault', choose, deps);
  }

  private static async openFile(paths: VaultPaths, which: 'vault' | 'backup', choose: UnlockChooser, deps: VaultDeps): Promise<Vault> {
    const path = paths[which];
    await assertPrivateDir(paths.dir);
    // The backup is older than the record by nature; only the current vault is held to it.
    const parsed = which === 'vault' ? await readCheckedVault(paths) : await readVaultFile(path);
    if (!parsed) {
      if (which === 'backup') throw new KeysmithError('not_found', `There is no backup generation at ${path} yet`);
      throw new KeysmithError('vault_not_found', `No vault at ${paths.vault}`, { action: 'init' });
    }
    const dataKey = await unlockDataKey(parsed.header, await choose(parsed.header), deps);
    const doc = readDocument(parsed, dataKey, path);
    return new Vault(paths, parsed.header.vaultId, dataKey, doc, parsed.header, deps);
  }

  /**
   * A key for a companion file (the token cache), derived from the data key so that it needs no
   * unlock of its own and dies with the vault.
   */
  deriveKey(purpose: string): Buffer {
    return Buffer.from(hkdfSync('sha256', this.dataKey, Buffer.from(this.vaultId), `keysmith ${purpose}`, 32));
  }

  /**
   * The data key sealed with `key` (AES-256-GCM, `aad` bound), for a session file: the key itself
   * never leaves this object in clear.
   */
  sealDataKey(key: Buffer, aad: Buffer): Sealed {
    return seal(key, this.dataKey, aad);
  }

  /** The document as of the last open, reload or update. Treat as read-only: change it through update(). */
  get document(): Readonly<VaultDocument> {
    return this.doc;
  }

  get unlockMethods(): KeyWrap['method'][] {
    return this.header.wraps.map((w) => w.method);
  }

  get generation(): number {
    return this.header.generation;
  }

  async reload(): Promise<void> {
    const parsed = await this.readCurrent();
    this.doc = readDocument(parsed, this.dataKey, this.paths.vault);
    this.header = parsed.header;
  }

  private async readCurrent(): Promise<ReadVault> {
    await assertPrivateDir(this.paths.dir);
    const parsed = await readCheckedVault(this.paths);
    if (!parsed) throw new KeysmithError('vault_not_found', `The vault ${this.paths.vault} was removed while in use`);
    if (parsed.header.vaultId !== this.vaultId) {
      throw new KeysmithError('vault_key_mismatch', `The vault at ${this.paths.vault} was replaced by another vault while in use: open it again`);
    }
    return parsed;
  }

  /**
   * Applies `mutate` to the latest document on disk under the lock and writes the result. If
   * `mutate` throws, nothing is written. Returns what `mutate` returned.
   */
  async update<T>(mutate: (doc: VaultDocument) => T, mutateWraps?: (wraps: KeyWrap[]) => KeyWrap[]): Promise<T> {
    const release = await acquireLock(this.paths.lock);
    try {
      const parsed = await this.readCurrent();
      const doc = readDocument(parsed, this.dataKey, this.paths.vault);
      const result = mutate(doc);
      const written = checkBeforeWrite(doc);
      const header: Omit<VaultHeader, 'nonce'> = {
        format: VAULT_FORMAT,
        version: VAULT_VERSION,
        vaultId: this.vaultId,
        generation: parsed.header.generation + 1,
        writtenAt: new Date().toISOString(),
        // checkBeforeWrite has just held the document to these rules (see readDocument).
        documentCheck: DOCUMENT_RULES,
        wraps: mutateWraps ? mutateWraps(parsed.header.wraps) : parsed.header.wraps,
      };
      const bytes = encodeVault(header, this.dataKey, Buffer.from(JSON.stringify(written)));
      await replaceFileAtomically(this.paths.vault, bytes, {
        backupPath: this.paths.backup,
        beforeReplace: () => assertUnchanged(this.paths, parsed.identity, release),
      });
      await recordGeneration(this.paths, this.vaultId, header.generation);
      this.doc = written;
      this.header = header;
      return result;
    } finally {
      await release();
    }
  }

  /** Adds or replaces the keychain or passphrase unlock, leaving the other one as it is. */
  async setUnlock(how: NewUnlock): Promise<void> {
    const wrap = await makeWrap(this.vaultId, how, this.dataKey, this.deps);
    await this.update(
      () => undefined,
      (wraps) => [wrap, ...wraps.filter((w) => w.method !== how.method)],
    );
  }

  /**
   * Makes `hows` the vault's everyday unlocks, exactly: one not listed stops opening it (a keychain
   * entry left behind is deleted). The recovery key always stays. For recovery, which restores or
   * deliberately switches how the vault opens.
   */
  async setUnlocks(hows: NewUnlock[]): Promise<void> {
    const methods = new Set(hows.map((h) => h.method));
    if (methods.size === 0 || methods.size !== hows.length) {
      throw new KeysmithError('invalid_input', 'Give the vault one keychain unlock, one passphrase, or both');
    }
    const made: KeyWrap[] = [];
    for (const how of hows) made.push(await makeWrap(this.vaultId, how, this.dataKey, this.deps));
    let hadKeychain = false;
    await this.update(
      () => undefined,
      (wraps) => {
        hadKeychain = wraps.some((w) => w.method === 'keychain');
        return [...made, ...wraps.filter((w) => w.method === 'recovery')];
      },
    );
    if (hadKeychain && !methods.has('keychain')) await this.deps.keychain.delete(this.vaultId).catch(() => false);
  }

  /** Whether the OS keychain holds the key this vault's keychain wrap opens with (false without one, or on any failure). */
  async keychainOpens(): Promise<boolean> {
    const wrap = this.header.wraps.find((w) => w.method === 'keychain');
    if (!wrap) return false;
    const stored = await this.deps.keychain.get(wrap.account).catch(() => null);
    return stored !== null && unwrapDataKey(this.vaultId, wrap, Buffer.from(stored, 'base64')) !== null;
  }

  /**
   * Makes the backup generation current again. The damaged file is kept beside it (never deleted),
   * and the backup must open with this vault's keys before anything is touched.
   */
  static async restoreBackup(dir: string, choose: UnlockChooser, deps: VaultDeps): Promise<{ vault: Vault; keptAs: string | null }> {
    const paths = vaultPaths(dir);
    const backup = await Vault.openFile(paths, 'backup', choose, deps);
    const keptAs = `${paths.vault}.damaged-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    let kept = false;
    const release = await acquireLock(paths.lock);
    try {
      const read = await readPrivateFile(paths.backup, MAX_VAULT_BYTES);
      if (!read) throw new KeysmithError('not_found', `There is no backup generation at ${paths.backup} anymore`);
      const restored = parseVault(read.bytes, paths.backup).header;
      kept = await keepCopy(paths.vault, keptAs);
      // Going back on purpose: the record goes down first, so no reader ever sees it above the vault.
      await lowerGeneration(paths, restored.vaultId, restored.generation);
      await replaceFileAtomically(paths.vault, read.bytes, { beforeReplace: () => release.confirm() });
    } finally {
      await release();
    }
    await backup.reload();
    return { vault: backup, keptAs: kept ? keptAs : null };
  }
}

/** Keeps the damaged vault beside it; only a regular file, never followed through a symlink. */
async function keepCopy(from: string, to: string): Promise<boolean> {
  const st = await lstat(from).catch(() => null);
  if (!st?.isFile()) return false;
  return link(from, to).then(
    () => true,
    () => copyFile(from, to).then(() => true, () => false),
  );
}
