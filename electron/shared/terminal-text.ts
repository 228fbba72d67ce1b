/**
 * Text from servers, import files, bundles and old vaults can carry characters a terminal acts on
 * instead of showing: ESC and CSI start sequences that move the cursor, recolour, clear the screen
 * or (OSC 52) write the clipboard; CR and BS overwrite what was printed; bidi overrides reorder a
 * line so it reads differently from what it holds. Before such text reaches a person it is made
 * visible as escapes (`\u001b`, `\u202e`), which are also valid JSON string escapes: applied to
 * `JSON.stringify` output they leave valid JSON that parses to the very same values.
 *
 * No Node import: the app's renderer can use it too.
 */

/** C0 controls, DEL, C1 controls, bidi marks, embeddings, overrides and isolates, line/paragraph separators. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
/** The same characters for code that refuses them rather than escaping them (unsafe-text.ts): one definition. */
export const CONTROL_CHARACTER_CLASS = CONTROL.source;
// eslint-disable-next-line no-control-regex -- as above, line feed aside
const CONTROL_EXCEPT_NEWLINE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

// Non-global twins for a quick test: most text holds nothing to escape, and testing first is about
// three times faster than a replace that finds nothing (it counts at 150,000 rows).
const HAS_CONTROL = new RegExp(CONTROL.source);
const HAS_CONTROL_EXCEPT_NEWLINE = new RegExp(CONTROL_EXCEPT_NEWLINE.source);

const SHORT: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escape(ch: string): string {
  return SHORT[ch] ?? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** One line of text with every control character shown as an escape, line breaks included. */
export function visibleText(text: string): string {
  return HAS_CONTROL.test(text) ? text.replace(CONTROL, escape) : text;
}

/** Like visibleText, but line breaks stay: for output made of several lines whose fields were already made visible. */
export function visibleLines(text: string): string {
  return HAS_CONTROL_EXCEPT_NEWLINE.test(text) ? text.replace(CONTROL_EXCEPT_NEWLINE, escape) : text;
}
