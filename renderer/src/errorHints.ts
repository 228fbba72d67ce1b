import type { IpcError } from './bridge';

/**
 * What to check next when main named no action: by error code. An error with an action already ends
 * with the app's next step (errors/nextStep.ts), so it gets no second hint.
 */
const HINTS: Partial<Record<IpcError['code'], string>> = {
  token_refused: 'Check the client id, client secret and scopes against the Developer Console.',
  token_unavailable: 'Check your network connection and the IMS endpoint, then refresh again.',
  bad_response: 'The token server answered something unexpected: check the token URL or IMS endpoint.',
  vault_locked: 'Unlock the vault, then try again.',
  wrong_passphrase: 'Check Caps Lock and the keyboard layout.',
  wrong_recovery_key: 'Paste the recovery key exactly as it was shown when the vault was created.',
};

export function hintFor(error: IpcError): string | null {
  return error.action === undefined ? (HINTS[error.code] ?? null) : null;
}
