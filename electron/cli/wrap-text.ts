/**
 * Text folded to a terminal's width for people to read, measured in display columns (a CJK letter
 * or an emoji is two: display-width.ts). Nothing is cut: a line breaks between words, and only a
 * word wider than a whole line is split, between graphemes, so every character is still shown.
 */
import type { CliContext } from './cli-context';
import { displayWidth } from './display-width';

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** The width to fold stdout to: the terminal's, or 80 when it is not one (a pipe, a file, a log). */
export function outputColumns(ctx: CliContext): number {
  const { stdout } = ctx.io;
  return (stdout.isTTY && stdout.columns) || 80;
}

/** A word cut into pieces: the first at most `firstWidth` columns, the others `width` (each at least one grapheme, so this ends). */
function splitWord(word: string, firstWidth: number, width: number): string[] {
  const pieces: string[] = [];
  let piece = '';
  let used = 0;
  for (const { segment } of segmenter.segment(word)) {
    const w = displayWidth(segment);
    if (piece !== '' && used + w > (pieces.length === 0 ? firstWidth : width)) {
      pieces.push(piece);
      piece = '';
      used = 0;
    }
    piece += segment;
    used += w;
  }
  if (piece !== '') pieces.push(piece);
  return pieces;
}

/**
 * `text` on lines of at most `width` columns: the first starts with `first`, the others with
 * `hanging` (a hanging indent shows they continue it). Runs of spaces between words become one.
 */
export function wrapText(text: string, width: number, first = '', hanging = first): string[] {
  const lines: string[] = [];
  let line = first;
  let used = displayWidth(first);
  let empty = true;
  const newLine = () => {
    lines.push(line);
    line = hanging;
    used = displayWidth(hanging);
    empty = true;
  };
  const append = (piece: string, w: number) => {
    line += empty ? piece : ` ${piece}`;
    used += (empty ? 0 : 1) + w;
    empty = false;
  };
  for (const word of text.split(/ +/).filter((w) => w !== '')) {
    const w = displayWidth(word);
    if (used + (empty ? 0 : 1) + w <= width) {
      append(word, w);
      continue;
    }
    if (!empty) newLine();
    if (used + w <= width) {
      append(word, w);
      continue;
    }
    // Wider than a whole line (a long id, a URL): cut between graphemes, nothing dropped.
    splitWord(word, Math.max(1, width - used), Math.max(1, width - displayWidth(hanging))).forEach((piece, i) => {
      if (i > 0) newLine();
      append(piece, displayWidth(piece));
    });
  }
  lines.push(line);
  return lines;
}

/**
 * A shell command folded like wrapText, but copyable: lines break only between arguments (never
 * inside a quoted one) and end in " \", so the folded lines pasted into a shell are still one command.
 */
export function wrapCommand(command: string, width: number, first = '', hanging = first): string[] {
  const args = command.match(/(?:"[^"]*"|'[^']*'|[^\s"'])+/g) ?? [];
  const lines: string[] = [];
  let line = first;
  let empty = true;
  args.forEach((arg, i) => {
    // Room for " \" at the end of this line, unless nothing follows.
    const end = i === args.length - 1 ? '' : ' \\';
    if (!empty && displayWidth(`${line} ${arg}${end}`) > width) {
      lines.push(`${line} \\`);
      line = hanging;
      empty = true;
    }
    line += empty ? arg : ` ${arg}`;
    empty = false;
  });
  lines.push(line);
  return lines;
}
