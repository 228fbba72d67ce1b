/**
 * "Did you mean …?" for a mistyped command, flag, kind or integration name: the closest candidate by
 * edit distance (a swap of two neighbours counts as one edit), case ignored, when it is close enough
 * to be a typo rather than another word. Shared, so the CLI and core suggest alike.
 */

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/** Words this long or longer are compared on at most this many characters: the table stays small. */
const MAX_COMPARED = 64;

/**
 * The candidate closest to `word`, or null when none is plausibly meant. A typo is at most a third
 * of the word's length in edits (at least 1, at most 3); a candidate that starts with the word
 * (`conf` for `config`) also counts when the word has 3 characters or more.
 */
export function closest(word: string, candidates: Iterable<string>): string | null {
  const w = word.toLowerCase().slice(0, MAX_COMPARED);
  if (w.length === 0) return null;
  const limit = Math.min(3, Math.max(1, Math.floor(w.length / 3)));
  let best: string | null = null;
  let bestScore = Infinity;
  for (const candidate of candidates) {
    const c = candidate.toLowerCase().slice(0, MAX_COMPARED);
    if (c === w) return candidate;
    const distance = editDistance(w, c);
    const score = distance <= limit ? distance : w.length >= 3 && c.startsWith(w) ? limit + 0.5 : Infinity;
    if (score < bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}

/** ` Did you mean "x"?` or the empty string, ready to append to a sentence. */
export function didYouMean(word: string, candidates: Iterable<string>, quote = (s: string) => `"${s}"`): string {
  const match = closest(word, candidates);
  return match === null ? '' : ` Did you mean ${quote(match)}?`;
}

/** `.` plus the suggestion to end a sentence with, or nothing when there is none. */
export function withHint(suggestion: string): string {
  return suggestion ? `.${suggestion}` : '';
}
