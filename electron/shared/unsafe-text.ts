/**
 * Characters no name or identifier may hold, because they act on whatever displays them rather than
 * being displayed: C0 controls (ESC starts every terminal escape sequence, OSC 52 among them, which
 * writes the clipboard), DEL, C1 controls (U+009B alone is a CSI on many terminals), and the Unicode
 * bidi controls that reorder what a reader sees (embeddings and overrides U+202A-U+202E, isolates
 * U+2066-U+2069, the marks U+200E, U+200F and U+061C) plus the line and paragraph separators
 * U+2028/U+2029. They are the characters terminal-text.ts makes visible on output, taken from there;
 * here they are refused at the door: the model refuses them in every field it stores (so the CLI,
 * IPC and every importer refuse them alike), and importers remove them from the names they make up.
 * No `node:` import: the renderer's forms use this through the model.
 */
import { CONTROL_CHARACTER_CLASS } from './terminal-text';

const UNSAFE = new RegExp(CONTROL_CHARACTER_CLASS, 'g');

/** The first unsafe character of `text` other than those in `allowed` (a description keeps \n and \t), or undefined. */
export function firstUnsafeChar(text: string, allowed = ''): string | undefined {
  UNSAFE.lastIndex = 0;
  for (let m = UNSAFE.exec(text); m !== null; m = UNSAFE.exec(text)) {
    if (!allowed.includes(m[0])) return m[0];
  }
  return undefined;
}

/** U+001B: how a message names a character without printing it. */
export function codePointOf(char: string): string {
  return `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** "<what> must not contain control characters or bidirectional text controls (found U+001B)". */
export function unsafeCharMessage(what: string, char: string): string {
  return `${what} must not contain control characters or bidirectional text controls (found ${codePointOf(char)})`;
}

/** Every unsafe character replaced by `replacement`: for names and labels Keysmith makes up from file content. */
export function withoutUnsafeChars(text: string, replacement = ' '): string {
  return text.replace(UNSAFE, replacement);
}
