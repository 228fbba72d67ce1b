import { MIN_PASSPHRASE_CHARS, passphraseChars } from '../../../electron/shared/passphrase-rule';

/**
 * A rough guide while choosing, on top of the one rule (shared/passphrase-rule.ts): length counts
 * most, then variety. It never refuses; the rule does.
 */
export function strengthHint(passphrase: string): { level: 'weak' | 'fair' | 'strong'; text: string } | null {
  if (passphrase.length === 0) return null;
  const chars = passphraseChars(passphrase);
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(passphrase)).length;
  const words = passphrase.trim().split(/\s+/).length;
  if (chars < MIN_PASSPHRASE_CHARS) return { level: 'weak', text: `Too short: at least ${MIN_PASSPHRASE_CHARS} characters.` };
  if (chars >= 20 || (words >= 4 && chars >= 16)) return { level: 'strong', text: 'Strong: long passphrases are the hardest to guess.' };
  if (chars >= 12 && classes >= 3) return { level: 'fair', text: 'Fair: a few more words would make it strong.' };
  return { level: 'weak', text: 'Weak: use four or more words, or 20 characters.' };
}
