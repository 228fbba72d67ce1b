/** What every export format returns; kept apart so the format files and the dispatcher share it. */
export interface ExportResult {
  content: string;
  /** suggested; the caller decides where the file goes */
  fileName: string;
  /** true iff a client secret, a private key or an access token is in `content`: the file is then written 0600 */
  containsSecrets: boolean;
  /** what the tool the file is for will do differently from Keysmith, one sentence each; never a secret */
  warnings?: string[];
}

export interface ExportOptions {
  includeSecrets: boolean;
  /** a token the caller already holds; shown where a format has a place for it (postman, curl) */
  accessToken?: string;
  /** when `accessToken` expires, ms since the epoch (postman writes it beside the token) */
  accessTokenExpiresAt?: number;
  /** the aio context name (aio, env); made from the integration's name when absent */
  context?: string;
  /** the export time written into formats that record one (postman); tests pin it */
  now?: Date;
}

/**
 * The one sentence every format uses for a secret it left out. It names no flag or button: the file
 * may come from the CLI or the app, and each words "include secrets" its own way.
 */
export const INCLUDE_SECRETS_HINT = 'left out: export again with secrets included to have it here';

/** What a format writes where a key pair belongs but the integration has none yet. */
export const NO_KEY_PAIR_YET = 'no key pair yet: generate one for this integration in Keysmith, then export again';
