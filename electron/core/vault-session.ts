/**
 * Sessions for passphrase vaults (`keysmith unlock`, like `op signin` / `bw unlock`): the
 * passphrase is typed once, and commands from that shell open the vault until the session expires
 * or is ended.
 *
 * Two halves, never together on disk:
 * - the session file `session-<id>.kss` in the data directory (0600, like every file there) holds
 *   the vault's data key sealed with AES-256-GCM under a random session key; the vault id, the
 *   session id and the expiry are its associated data, so none can be edited without detection;
 * - the session key is handed to the user once (`KEYSMITH_SESSION=ks1.<id>.<key>`), to live in the
 *   shell's environment only. It is never written anywhere by Keysmith.
 *
 * Neither half alone opens the vault: the file without the key is ciphertext, the key without the
 * file (deleted by `lock`, or once found expired) opens nothing. What a process of the same user can
 * do while a session lasts: read the variable from a process of that shell (ptrace, or the
 * environment of a child) and the file, and so get the data key: every secret in the vault, and the
 * vault files' contents as long as the data key stays the same, even after the session ends. That
 * user's malware could equally log the passphrase as it is typed: the threat model does not cover
 * it. Other users get nothing: the file is refused unless private, the variable is in no file.
 */
import { randomBytes } from 'node:crypto';
import { readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { KeysmithError } from './errors';
import { KEY_BYTES, NONCE_BYTES, randomKey, unseal } from './crypto-primitives';
import { putNewFile } from './fresh-file';
import { readPrivateFile } from './private-files';
import type { Vault } from './vault';

export const SESSION_ENV = 'KEYSMITH_SESSION';
export const DEFAULT_SESSION_MINUTES = 30;
export const MAX_SESSION_MINUTES = 12 * 60;

const PREFIX = 'ks1';
const FILE_RE = /^session-([0-9a-f]{32})\.kss$/;
/** A session file is a few hundred bytes; anything larger is not ours. */
const MAX_FILE_BYTES = 4096;

interface SessionFile {
  v: 1;
  vaultId: string;
  expiresAt: number;
  nonce: string;
  sealed: string;
}

export interface Session {
  /** the value of KEYSMITH_SESSION */
  token: string;
  id: string;
  expiresAt: number;
}

const fileOf = (dir: string, id: string) => join(dir, `session-${id}.kss`);
const aadOf = (vaultId: string, id: string, expiresAt: number) => Buffer.from(`keysmith-session:1:${vaultId}:${id}:${expiresAt}`, 'utf8');

export async function createSession(vault: Vault, minutes: number, now = Date.now()): Promise<Session> {
  const id = randomBytes(16).toString('hex');
  const key = randomKey();
  const expiresAt = now + minutes * 60_000;
  const sealed = vault.sealDataKey(key, aadOf(vault.vaultId, id, expiresAt));
  const file: SessionFile = { v: 1, vaultId: vault.vaultId, expiresAt, nonce: sealed.nonce.toString('base64'), sealed: sealed.box.toString('base64') };
  await putNewFile(fileOf(vault.paths.dir, id), Buffer.from(JSON.stringify(file)), { mode: 0o600, replace: false });
  await removeExpiredSessions(vault.paths.dir, now);
  return { token: `${PREFIX}.${id}.${key.toString('base64url')}`, id, expiresAt };
}

function parseToken(token: string): { id: string; key: Buffer } | null {
  const [prefix, id, key, ...rest] = token.trim().split('.');
  if (prefix !== PREFIX || rest.length > 0 || !id || !/^[0-9a-f]{32}$/.test(id) || !key) return null;
  const bytes = Buffer.from(key, 'base64url');
  return bytes.length === KEY_BYTES ? { id, key: bytes } : null;
}

function parseFile(bytes: Buffer): SessionFile | null {
  try {
    const value: unknown = JSON.parse(bytes.toString('utf8'));
    if (typeof value !== 'object' || value === null) return null;
    const f = value as Record<string, unknown>;
    if (f.v !== 1 || typeof f.vaultId !== 'string' || typeof f.expiresAt !== 'number' || typeof f.nonce !== 'string' || typeof f.sealed !== 'string') return null;
    return { v: 1, vaultId: f.vaultId, expiresAt: f.expiresAt, nonce: f.nonce, sealed: f.sealed };
  } catch {
    return null;
  }
}

export type SessionLookup = { ok: true; dataKey: Buffer; expiresAt: number } | { ok: false; why: string };

/**
 * The data key the session in `token` holds for vault `vaultId`, or why it cannot be had (ended,
 * expired, another vault's, damaged). An expired file is deleted on the way.
 */
export async function openSession(dir: string, vaultId: string, token: string, now = Date.now()): Promise<SessionLookup> {
  const parsed = parseToken(token);
  if (!parsed) return { ok: false, why: `${SESSION_ENV} is not a Keysmith session` };
  const path = fileOf(dir, parsed.id);
  const read = await readPrivateFile(path, MAX_FILE_BYTES);
  if (!read) return { ok: false, why: 'the session was ended, or belongs to another data folder' };
  const file = parseFile(read.bytes);
  if (!file) return { ok: false, why: `the session file ${path} is damaged` };
  if (file.vaultId !== vaultId) return { ok: false, why: 'the session belongs to another vault' };
  if (file.expiresAt <= now) {
    await unlink(path).catch(() => undefined);
    return { ok: false, why: 'the session has expired' };
  }
  const nonce = Buffer.from(file.nonce, 'base64');
  if (nonce.length !== NONCE_BYTES) return { ok: false, why: `the session file ${path} is damaged` };
  const dataKey = unseal(parsed.key, { nonce, box: Buffer.from(file.sealed, 'base64') }, aadOf(vaultId, parsed.id, file.expiresAt));
  if (!dataKey) return { ok: false, why: 'the session key does not open its file (edited, or from another session)' };
  return { ok: true, dataKey, expiresAt: file.expiresAt };
}

/** Ends one session: its file is deleted, so its key opens nothing. False when it was not there. */
export async function endSession(dir: string, token: string): Promise<boolean> {
  const parsed = parseToken(token);
  if (!parsed) throw new KeysmithError('invalid_input', `${SESSION_ENV} is not a Keysmith session`);
  try {
    await unlink(fileOf(dir, parsed.id));
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
}

async function sessionFiles(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((n) => FILE_RE.test(n));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}

/** Ends every session of this data folder; returns how many there were. */
export async function endAllSessions(dir: string): Promise<number> {
  let ended = 0;
  for (const name of await sessionFiles(dir)) {
    await unlink(join(dir, name)).then(() => ended++, () => undefined);
  }
  return ended;
}

/** Sessions nobody ended are deleted once their time is up, whoever notices first. */
export async function removeExpiredSessions(dir: string, now = Date.now()): Promise<void> {
  for (const name of await sessionFiles(dir)) {
    const path = join(dir, name);
    const read = await readPrivateFile(path, MAX_FILE_BYTES).catch(() => null);
    const file = read && parseFile(read.bytes);
    if (file && file.expiresAt <= now) await unlink(path).catch(() => undefined);
  }
}
