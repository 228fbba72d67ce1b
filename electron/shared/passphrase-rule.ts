/**
 * The one rule for a new passphrase, a vault's or a bundle's, wherever it is chosen: `keysmith
 * init`, KEYSMITH_PASSPHRASE on first use, `keysmith recover`, the app's first run. No Node import
 * and no zod, so the renderer's form bundles this very rule rather than a copy of it.
 *
 * Characters are counted as people see them (Unicode code points after NFC, which is also what
 * scrypt is given): eight emoji or eight accented letters are eight characters, not sixteen.
 */
export const MIN_PASSPHRASE_CHARS = 8;

/** Far beyond any passphrase; keeps a pasted file from becoming scrypt input. */
export const MAX_PASSPHRASE_CHARS = 1024;

export function passphraseChars(passphrase: string): number {
  let count = 0;
  // Counted without building an array: a hostile input may be megabytes long.
  for (const _ of passphrase.normalize('NFC')) count++;
  return count;
}

/** What is wrong with a new passphrase, as a sentence fragment a caller can prefix; null when it will do. */
export function newPassphraseProblem(passphrase: string): string | null {
  const chars = passphraseChars(passphrase);
  if (chars < MIN_PASSPHRASE_CHARS) return `choose a passphrase of at least ${MIN_PASSPHRASE_CHARS} characters`;
  if (chars > MAX_PASSPHRASE_CHARS) return `choose a passphrase of at most ${MAX_PASSPHRASE_CHARS} characters`;
  return null;
}
