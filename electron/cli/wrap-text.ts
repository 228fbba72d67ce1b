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
 * `hanging` (a hanging indent shows they continue it). The spaces between two words on one line
 * are kept as written (a column gap stays a gap); where a line breaks they are dropped.
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
  let gap = ' ';
  const append = (piece: string, w: number) => {
    line += empty ? piece : `${gap}${piece}`;
    used += (empty ? 0 : gap.length) + w;
    empty = false;
  };
  const parts = text.trimStart().split(/( +)/);
  for (let p = 0; p < parts.length; p += 2) {
    const word = parts[p]!;
    gap = parts[p - 1] ?? ' ';
    if (word === '') continue;
    const w = displayWidth(word);
    if (used + (empty ? 0 : gap.length) + w <= width) {
      append(word, w);
      continue;
    }
    const full = Math.max(1, width - displayWidth(hanging));
    if (w <= full) {
      newLine();
      append(word, w);
      continue;
    }
    // Wider than a whole line (a long id, a URL, CJK text without spaces): cut between graphemes,
    // starting on this line when a few columns are left, nothing dropped.
    const left = width - used - (empty ? 0 : gap.length);
    if (left < 4 && !empty) newLine();
    const first = empty ? width - used : width - used - gap.length;
    splitWord(word, Math.max(1, first), full).forEach((piece, i) => {
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

/**
 * A record line (a health item, a claim, a field) for a person: folded to the terminal with a
 * hanging indent. Piped, it stays one line, so `grep` still finds a whole record on one line.
 * The hanging indent defaults to just past the line's first "label: " when that is short.
 */
export function foldRecord(ctx: CliContext, line: string, hanging?: string): string {
  const width = outputColumns(ctx);
  if (!ctx.io.stdout.isTTY || displayWidth(line) <= width) return line;
  const indent = /^ */.exec(line)![0];
  const label = /^ *[^ :]{1,24}: /.exec(line)?.[0];
  const after = hanging ?? ' '.repeat(label ? displayWidth(label) : indent.length + 4);
  return wrapText(line.slice(indent.length), width, indent, after).join('\n');
}
