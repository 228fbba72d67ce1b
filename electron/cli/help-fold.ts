/**
 * Help is written for a wide terminal; on a narrower one (or piped: 80 columns) only the lines that
 * do not fit are folded. A prose paragraph (lines of one indent, no column gap) is refilled as a
 * whole, so no ragged half-lines are left; a two-column line (a command or flag and what it does)
 * wraps under its description column, or under its own indent plus two when that column is far right.
 */
import { displayWidth } from './display-width';
import { wrapText } from './wrap-text';

const indentOf = (line: string) => /^ */.exec(line)![0];
/** A line with an inner run of two spaces is laid out in columns: its line breaks are the author's. */
const isColumns = (line: string) => / {2}\S/.test(line.trimStart());

/** Where a two-column line's second column starts, if it leaves enough room to wrap into. */
function descriptionColumn(line: string, width: number): string | undefined {
  // One word, then a gap: a name and its description ("--token-url URL  --auth-method" is a list of flags).
  const match = /^( *\S+ {2,})\S/.exec(line);
  const at = match ? displayWidth(match[1]!) : 0;
  return match && width - at >= 30 ? ' '.repeat(at) : undefined;
}

export function foldHelp(text: string, width: number): string {
  const lines = text.split('\n');
  if (lines.every((line) => displayWidth(line) <= width)) return text;
  const out: string[] = [];
  for (let i = 0; i < lines.length; ) {
    const line = lines[i]!;
    const indent = indentOf(line);
    if (line.trim() === '' || isColumns(line)) {
      out.push(...(displayWidth(line) <= width ? [line] : wrapText(line.slice(indent.length), width, indent, descriptionColumn(line, width) ?? `${indent}  `)));
      i++;
      continue;
    }
    // A paragraph: this line and the following ones of the same indent that are prose too.
    let end = i + 1;
    // A line after one that ends a sentence or introduces a list starts anew: the author broke there.
    while (end < lines.length && lines[end]!.trim() !== '' && indentOf(lines[end]!) === indent && !isColumns(lines[end]!) && !/[.:]$/.test(lines[end - 1]!)) end++;
    const paragraph = lines.slice(i, end);
    if (paragraph.every((l) => displayWidth(l) <= width)) out.push(...paragraph);
    // A lone unindented line is a synopsis: its continuation is indented to tell it from the text below.
    else out.push(...wrapText(paragraph.map((l) => l.trim()).join(' '), width, indent, indent === '' && paragraph.length === 1 ? '    ' : indent));
    i = end;
  }
  return out.join('\n');
}
