/**
 * Every failure a user can cause or meet is a KeysmithError: a stable code for programs (IPC, tests,
 * `--json`) and one plain sentence that says what to do. Anything else reaching the CLI or the IPC
 * router is a bug and is reported as `internal` without its stack.
 */
import type { ErrorAction, ErrorCode, ErrorDetails } from '../shared/error-codes';

export type { ErrorAction, ErrorCode, ErrorDetails };

export class KeysmithError extends Error {
  readonly code: ErrorCode;
  /** For invalid input: the model field at fault, so a CLI can name its flag and a form its input. */
  readonly field: string | undefined;
  /** The integration the error is about, so a front end's next action can target it. */
  readonly integration: string | undefined;
  /** What to do next, as data: each front end says it in its own words (a command, a button). */
  readonly action: ErrorAction | undefined;

  /** `message` says what happened, in words true for every front end: no command, flag or button. */
  constructor(code: ErrorCode, message: string, options?: ErrorDetails & { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'KeysmithError';
    this.code = code;
    this.field = options?.field;
    this.integration = options?.integration;
    this.action = options?.action;
  }
}

/** The structured part of an error, to carry over when it is restated. */
export function detailsOf(err: KeysmithError): ErrorDetails {
  return {
    ...(err.field !== undefined && { field: err.field }),
    ...(err.integration !== undefined && { integration: err.integration }),
    ...(err.action !== undefined && { action: err.action }),
  };
}

/** The same failure said with more context (a flag, a file name): its code and details carry over. */
export function restated(err: KeysmithError, message: string): KeysmithError {
  return new KeysmithError(err.code, message, { cause: err, ...detailsOf(err) });
}

export function isKeysmithError(err: unknown, code?: ErrorCode): err is KeysmithError {
  return err instanceof KeysmithError && (code === undefined || err.code === code);
}

/**
 * What the operating system said, as a sentence: a full disk or a read-only mount is the user's to
 * fix, not a bug. Vault writes are atomic (a new copy is renamed over the old one only once it is
 * complete), so a failed write leaves what was saved before as it was.
 */
const SYSTEM_ERRORS: Record<string, [what: string, todo: string]> = {
  ENOSPC: ['the disk is full', 'free some space and try again'],
  EDQUOT: ['your disk quota is used up', 'free some space (or ask for a larger quota) and try again'],
  EROFS: ['the file system is mounted read-only', 'remount it read-write, or set KEYSMITH_HOME to a writable folder'],
  EFBIG: ['the file would be larger than this system allows', 'raise the limit (`ulimit -f`) and try again'],
  EACCES: ['permission denied', 'check the owner and permissions of the file and its folder'],
  EPERM: ['the operation is not permitted', 'check the owner and permissions of the file and its folder, and that neither is immutable (`lsattr`)'],
  EMFILE: ['this process has too many files open', 'raise the limit (`ulimit -n`) and try again'],
  ENFILE: ['the system has too many files open', 'close some programs and try again'],
  EIO: ['the disk reported an input/output error', 'check the disk, then try again'],
};

const SYSCALL_VERBS: Record<string, string> = {
  open: 'open',
  read: 'read',
  write: 'write',
  rename: 'replace',
  link: 'link',
  copyfile: 'copy',
  mkdir: 'create the folder',
  unlink: 'remove',
  fsync: 'save',
  fdatasync: 'save',
  scandir: 'list',
  chmod: 'set the permissions of',
  stat: 'look at',
  lstat: 'look at',
};

/** A KeysmithError ('io') for an error the OS raised (ENOSPC, EROFS, EACCES, …); null for anything else. */
export function fromSystemError(err: unknown): KeysmithError | null {
  if (!(err instanceof Error)) return null;
  const { code, syscall, path } = err as Error & { code?: unknown; syscall?: unknown; path?: unknown };
  const known = typeof code === 'string' && Object.hasOwn(SYSTEM_ERRORS, code) ? SYSTEM_ERRORS[code] : undefined;
  if (!known) return null;
  const verb = (typeof syscall === 'string' && Object.hasOwn(SYSCALL_VERBS, syscall) && SYSCALL_VERBS[syscall]) || 'use';
  const target = typeof path === 'string' ? path : 'a file';
  return new KeysmithError('io', `Could not ${verb} ${target}: ${known[0]} (${code}). Nothing saved before was lost: ${known[1]}`, { cause: err });
}

/** The one line a user sees for any thrown value; never a stack trace. */
export function userMessage(err: unknown): string {
  if (err instanceof KeysmithError) return err.message;
  const system = fromSystemError(err);
  if (system) return system.message;
  const text = err instanceof Error ? err.message : String(err);
  return `Unexpected internal error: ${text.split('\n')[0]}`;
}
