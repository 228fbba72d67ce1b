/**
 * Every failure a user can cause or meet is a KeysmithError: a stable code for programs (IPC, tests,
 * `--json`) and one plain sentence that says what to do. Anything else reaching the CLI or the IPC
 * router is a bug and is reported as `internal` without its stack.
 */
export type ErrorCode =
  | 'usage'
  | 'invalid_input'
  | 'not_found'
  | 'already_exists'
  | 'vault_not_found'
  | 'vault_exists'
  | 'vault_tampered'
  | 'vault_too_new'
  | 'vault_busy'
  | 'keychain_unavailable'
  | 'keychain_locked'
  | 'vault_key_missing'
  | 'vault_key_mismatch'
  | 'passphrase_required'
  | 'wrong_passphrase'
  | 'wrong_recovery_key'
  | 'io'
  | 'token_refused'
  | 'token_unavailable'
  | 'bad_response'
  | 'internal'
  | 'data_dir_unsafe';

export class KeysmithError extends Error {
  readonly code: ErrorCode;
  /** For invalid input: the model field at fault, so a CLI can name its flag and a form its input. */
  readonly field: string | undefined;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown; field?: string }) {
    super(message, options);
    this.name = 'KeysmithError';
    this.code = code;
    this.field = options?.field;
  }
}

export function isKeysmithError(err: unknown, code?: ErrorCode): err is KeysmithError {
  return err instanceof KeysmithError && (code === undefined || err.code === code);
}

/** The one line a user sees for any thrown value; never a stack trace. */
export function userMessage(err: unknown): string {
  if (err instanceof KeysmithError) return err.message;
  const text = err instanceof Error ? err.message : String(err);
  return `Unexpected internal error: ${text.split('\n')[0]}`;
}
