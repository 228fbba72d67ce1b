/**
 * How many terminal columns text takes, and cutting it to a number of columns. Code points are the
 * wrong measure: a CJK ideograph or an emoji takes two columns, a combining accent or a zero-width
 * joiner none, and "👩‍💻" is five code points in two columns. The unit is the grapheme (what a person
 * sees as one character), so a cut never splits a surrogate pair, an accent from its letter or an
 * emoji sequence. Terminals disagree on a few ambiguous characters; these rules are wcwidth's and
 * what common terminals do for the rest.
 */

/** Unicode East Asian Width W and F ranges (ideographs, kana, Hangul, fullwidth forms), sorted. */
const WIDE: ReadonlyArray<readonly [number, number]> = [
  [0x1100, 0x115f],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xa960, 0xa97f],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe10, 0xfe19],
  [0xfe30, 0xfe6f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x16fe0, 0x16fe4],
  [0x17000, 0x18aff],
  [0x1b000, 0x1b2ff],
  [0x1f200, 0x1f2ff],
  [0x20000, 0x2fffd],
  [0x30000, 0x3fffd],
];

function isWide(cp: number): boolean {
  let low = 0;
  let high = WIDE.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const [from, to] = WIDE[mid]!;
    if (cp < from) high = mid - 1;
    else if (cp > to) low = mid + 1;
    else return true;
  }
  return false;
}

/** Nonspacing and enclosing marks, format characters (ZWJ, ZWSP, variation selectors), Hangul vowel/final jamo. */
const ZERO = /^[\p{Mn}\p{Me}\p{Cf}\u1160-\u11ff]$/u;
const EMOJI = /\p{Emoji_Presentation}|\p{Extended_Pictographic}\ufe0f/u;
const EMOJI_PRESENTATION = /^\p{Emoji_Presentation}$/u;
/** Printable ASCII only: the common case, measured without segmenting (tables of 150,000 rows). */
const NARROW_ASCII = /^[ -~]*$/;
/**
 * What joins code points into one grapheme other than a mark after its base: joiners, selectors,
 * skin tones, flags, tags, keycaps, Hangul jamo, spacing marks. Text without any is measured and cut
 * code point by code point (marks take 0 columns, so a cut never falls between a letter and its
 * accent); segmenting every name costs 15 times as much on a 150,000-row table.
 */
// eslint-disable-next-line no-misleading-character-class -- these combining characters are listed one by one on purpose
const JOINS = /[\u200d\ufe00-\ufe0f\u20e3\u1100-\u11ff\p{Mc}\p{Cf}\u{1f3fb}-\u{1f3ff}\u{1f1e6}-\u{1f1ff}\u{e0020}-\u{e007f}]/u;

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Columns one code point takes on its own. */
function codePointWidth(ch: string): number {
  const cp = ch.codePointAt(0)!;
  if (cp < 0x300) return 1;
  // Marks first: a few sit inside wide blocks (the kana voicing marks U+3099, U+309A).
  if (ZERO.test(ch)) return 0;
  if (isWide(cp)) return 2;
  return cp >= 0x231a && EMOJI_PRESENTATION.test(ch) ? 2 : 1;
}

/** Columns one grapheme takes: 2 for emoji and wide characters, 0 for marks alone, 1 otherwise. */
function graphemeWidth(grapheme: string): number {
  if (EMOJI.test(grapheme)) return 2;
  let width = 0;
  for (const ch of grapheme) {
    const w = ZERO.test(ch) ? 0 : isWide(ch.codePointAt(0)!) ? 2 : 1;
    if (w > width) width = w;
  }
  return width;
}

/** The units a cut may fall between, with their widths. */
function* units(text: string): Generator<[string, number]> {
  if (JOINS.test(text)) for (const { segment } of segmenter.segment(text)) yield [segment, graphemeWidth(segment)];
  else for (const ch of text) yield [ch, codePointWidth(ch)];
}

export function displayWidth(text: string): number {
  if (NARROW_ASCII.test(text)) return text.length;
  let width = 0;
  // Loops rather than units(): a generator per cell doubles the time on a large table.
  if (JOINS.test(text)) for (const { segment } of segmenter.segment(text)) width += graphemeWidth(segment);
  else for (const ch of text) width += codePointWidth(ch);
  return width;
}

/** Text cut to at most `width` columns, the last one "…", at a grapheme boundary. */
export function truncateToWidth(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  if (width < 1) return '';
  if (NARROW_ASCII.test(text)) return `${text.slice(0, width - 1)}…`;
  let used = 0;
  let out = '';
  for (const [unit, w] of units(text)) {
    if (used + w > width - 1) break;
    used += w;
    out += unit;
  }
  return `${out}…`;
}
