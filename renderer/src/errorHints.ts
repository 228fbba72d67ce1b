import type { IpcError } from './bridge';

/** What to check next, by error code; the message from main already says what went wrong. */
const HINTS: Partial<Record<IpcError['code'], string>> = {
  token_refused: 'Check the client id, client secret and scopes against the Developer Console.',
  token_unavailable: 'Check your network connection and the IMS endpoint, then refresh again.',
  bad_response: 'The token server answered something unexpected: check the token URL or IMS endpoint.',
  vault_locked: 'Unlock the vault, then try again.',
  not_found: 'The integration may have been renamed or removed: reload the list.',
  wrong_passphrase: 'Check Caps Lock and the keyboard layout.',
  wrong_recovery_key: 'Paste the recovery key exactly as it was shown when the vault was created.',
};

export function hintFor(error: IpcError): string | null {
  return HINTS[error.code] ?? null;
}
