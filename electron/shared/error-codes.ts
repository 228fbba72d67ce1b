/**
 * The stable code of every failure a user can cause or meet: what programs (IPC, tests, `--json`)
 * and the renderer branch on. core/errors.ts attaches one to each KeysmithError; the renderer reads
 * it from an IpcError.
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
