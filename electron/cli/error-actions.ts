/**
 * The CLI's words for an error's next action: the command to type. Core names the action and the
 * integration; only here do they become `keysmith ...` (the app shows a button instead).
 */
import type { ErrorAction } from '../shared/error-codes';
import { KeysmithError, userMessage } from '../core/errors';

const quoted = (name: string | undefined) => (name === undefined ? 'NAME' : JSON.stringify(name));

const NEXT: Record<ErrorAction, (name: string | undefined) => string> = {
  init: () => 'create one with `keysmith init` (or `keysmith init --passphrase`)',
  unlock: () => 'set KEYSMITH_PASSPHRASE, start a session (`eval "$(keysmith unlock)"`), or run in a terminal to be asked',
  recover: () => 'try again, or run `keysmith recover` with the recovery key shown when the vault was created',
  restore_backup: () => 'run `keysmith restore-backup` to go back to the previous generation',
  use_passphrase: () =>
    'start your keyring service, or use a passphrase instead: `keysmith init --passphrase` for a new vault, `keysmith recover --passphrase` for an existing one (or set KEYSMITH_PASSPHRASE)',
  use_keychain: () => 'unset KEYSMITH_PASSPHRASE',
  replace_secret: (name) => `set it with \`keysmith edit ${quoted(name)} --client-secret-stdin\``,
  generate_key: (name) => `create one with \`keysmith keygen ${quoted(name)}\` or import one with \`keysmith import-key ${quoted(name)} FILE\``,
  upload_certificate: (name) => `upload it in the Developer Console (\`keysmith export-cert ${quoted(name)}\` writes it)`,
  use_other_key: (name) => `make another key active with \`keysmith use-key ${quoted(name)} FINGERPRINT\` first`,
  key_passphrase: () => 'give its passphrase with --passphrase-stdin',
  sign_in: (name) => `sign in with \`keysmith login ${quoted(name)}\``,
  list: () => 'see `keysmith list` for the names in this vault',
  list_keys: (name) => `see \`keysmith certs ${quoted(name)}\``,
  edit: (name) => `fix it with \`keysmith edit ${quoted(name)}\``,
  bundle_export: () => 'share integrations with `keysmith bundle export`',
  include_secrets: () => 'export again with --include-secrets to include it',
  overwrite: () => 'choose another file, or add --force to replace it',
  pick_credential: () => 'pick one with --credential',
  rotate_secret: (name) => `rotate it with \`keysmith rotate-secret ${quoted(name)}\``,
  finish_rotation: (name) => `finish with \`keysmith rotate-secret ${quoted(name)} --finish\``,
  force_finish_rotation: (name) => `if you are sure nothing still uses the old secret, \`keysmith rotate-secret ${quoted(name)} --finish --force\``,
  recover_to_passphrase: () => 'start your keyring service, or switch the vault to a passphrase with `keysmith recover --passphrase` (it asks for the recovery key)',
  migrate: (name) => `move it to OAuth Server-to-Server with \`keysmith migrate ${quoted(name)} --scopes SCOPES\``,
};

/** The CLI's words for one next step, e.g. for `health`'s items. */
export function nextStepText(action: ErrorAction, integration: string | undefined): string {
  return NEXT[action](integration);
}

/** What the CLI says for a command that failed: the sentence, then what to type next. */
export function cliErrorLine(err: unknown): string {
  const message = userMessage(err);
  if (!(err instanceof KeysmithError) || err.action === undefined) return message;
  return `${message}: ${NEXT[err.action](err.integration)}`;
}
