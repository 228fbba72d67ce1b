import type { ErrorAction } from '../../../electron/shared/error-codes';
import type { IpcError } from '../../../electron/shared/ipc/result';

/**
 * The app's words for an error's next action. Main sends what happened and the action as data; the
 * CLI says the same action as a command (electron/cli/error-actions.ts). Where the app has no way to
 * do it yet, the step names the terminal command plainly.
 */
const NEXT_STEP: Record<ErrorAction, string> = {
  init: 'create a vault first',
  unlock: 'unlock it with its passphrase',
  recover: 'try again, or recover the vault with the recovery key shown when it was created',
  restore_backup: 'go back to the previous generation with "Restore the previous vault…" on the lock screen',
  use_passphrase: 'start your keyring service, or protect the vault with a passphrase instead',
  use_keychain: 'unlock it with the OS keychain',
  replace_secret: 'set the client secret with Edit',
  generate_key: 'generate a key or import one under Keys',
  upload_certificate: 'upload it in the Developer Console (Keys → Save certificate writes it)',
  use_other_key: 'make another key active first ("Make active"), then remove this one',
  key_passphrase: 'enter its passphrase below, then choose the file again',
  sign_in: 'sign in again',
  list: 'it may have been renamed or removed: choose it again from the list',
  list_keys: 'choose a key from the list under Keys',
  edit: 'correct it with Edit',
  bundle_export: 'share integrations as a bundle from Export',
  include_secrets: 'export again with secrets included',
  overwrite: 'choose another file name',
  pick_credential: 'import one credential at a time',
  rotate_secret: 'rotate its client secret from Health',
  finish_rotation: 'finish the rotation from Health once nothing uses the old secret',
  force_finish_rotation: 'finish the rotation anyway only if you are sure nothing still uses the old secret',
  recover_to_passphrase: 'start your keyring service, or switch the vault to a passphrase with its recovery key',
  migrate: 'move it to OAuth Server-to-Server in the Developer Console, then import the project again',
};

export function nextStep(action: ErrorAction | undefined): string | null {
  return action === undefined ? null : NEXT_STEP[action];
}

/** The message as the app shows it: what happened, then what to do here. */
export function appMessage(error: IpcError): string {
  const step = nextStep(error.action);
  return step ? `${error.message}: ${step}` : error.message;
}
