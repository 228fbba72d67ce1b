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
  | 'data_dir_unsafe'
  /** a client-secret rotation stopped to keep a working secret: two already at Adobe, or the old one still in use */
  | 'rotation_blocked';

/**
 * What the user can do next about an error, as data: the CLI renders it as a command, the app as a
 * button, so neither parses the other's English. Core names the action; it never spells a command.
 */
export const ERROR_ACTIONS = [
  /** create a vault (`init`) */
  'init',
  /** unlock the vault: give its passphrase */
  'unlock',
  /** restore the vault key from the recovery key */
  'recover',
  /** go back to the previous vault generation */
  'restore_backup',
  /** switch the vault to a passphrase (no usable keychain) */
  'use_passphrase',
  /** set or replace the integration's client secret */
  'replace_secret',
  /** make or import a keypair for the integration */
  'generate_key',
  /** upload the integration's certificate to the Developer Console */
  'upload_certificate',
  /** make another key active before removing this one */
  'use_other_key',
  /** give the passphrase of an encrypted key file */
  'key_passphrase',
  /** sign a user in (again) */
  'sign_in',
  /** look at the names in the vault */
  'list',
  /** edit the integration's fields */
  'edit',
  /** share through a bundle rather than the vault file */
  'bundle_export',
  /** export again including secrets */
  'include_secrets',
  /** replace an existing output file */
  'overwrite',
  /** pick one credential of a file that holds several */
  'pick_credential',
  /** look at the integration's keys and their fingerprints */
  'list_keys',
  /** unlock with the OS keychain rather than a passphrase */
  'use_keychain',
  /** start (or continue) rotating the integration's client secret at Adobe */
  'rotate_secret',
  /** finish a rotation: delete the old client secret at Adobe */
  'finish_rotation',
  /** finish a rotation although Adobe reports the old secret used since the switch (the user confirms) */
  'force_finish_rotation',
  /** move a Service Account (JWT) integration to OAuth Server-to-Server */
  'migrate',
  /** reopen an existing vault with its recovery key and switch it to a passphrase (its keychain is unusable) */
  'recover_to_passphrase',
] as const;
export type ErrorAction = (typeof ERROR_ACTIONS)[number];

/** The structured part of an error, beside its code and sentence. */
export interface ErrorDetails {
  /** for invalid input: the model field at fault, so a CLI can name its flag and a form its input */
  field?: string;
  /** the integration the error is about, by name, so an action can target it */
  integration?: string;
  /** what to do next */
  action?: ErrorAction;
}
