/**
 * .env syntax, as the dotenv package (which aio-lib-core-config uses) reads it, with one deliberate
 * difference noted below:
 * - `KEY=value`, optional `export ` prefix, spaces around `=`; blank lines and `#` comments;
 * - single-quoted and backtick values are literal and may span lines;
 * - double-quoted values may span lines and expand \n, \r, \t, \" and \\;
 * - an unquoted value ends at a `#` preceded by whitespace (dotenv ends it at any `#`, which would cut
 *   a secret containing one; a comment needs the space here, as in a shell) and is trimmed.
 * One pass over the text, so an unclosed quote at the top of a large file costs no more than reading it.
 * Errors name the line and the variable, never a value.
 */
import { KeysmithError } from '../../errors';

export interface DotenvEntry {
  key: string;
  value: string;
  line: number;
}

export interface DotenvText {
  entries: DotenvEntry[];
  /** Lines that are neither blank, comments nor assignments. */
  otherLines: number[];
}

// Letters beyond ASCII: `aio app use` writes context names as they are (AIO_ims_contexts_Zürich_…).
// `$` too: aio-lib-core-config patches dotenv to read it, and `aio app use` writes the older
// `$ims` contexts as AIO_$ims_<name>_<key>.
const ASSIGNMENT = /^[ \t]*(?:export[ \t]+)?([\p{L}_$][\p{L}\p{N}_.$-]*)[ \t]*=[ \t]*/u;

const DOUBLE_QUOTE_ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };

/** Whether the first line that is neither blank nor a comment is an assignment: how a .env file is recognised. */
export function looksLikeDotenv(text: string): boolean {
  for (const line of text.split(/\r\n|\n|\r/, 200)) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    return ASSIGNMENT.test(line);
  }
  return false;
}

export function parseDotenv(text: string, label: string): DotenvText {
  const entries: DotenvEntry[] = [];
  const otherLines: number[] = [];
  let pos = 0;
  let line = 1;
  const n = text.length;
  const endOfLine = (from: number) => {
    const i = text.indexOf('\n', from);
    return i === -1 ? n : i;
  };
  while (pos < n) {
    let eol = endOfLine(pos);
    const lineText = text.slice(pos, eol).replace(/\r$/, '');
    const trimmed = lineText.trim();
    const m = trimmed === '' || trimmed.startsWith('#') ? null : ASSIGNMENT.exec(lineText);
    if (trimmed !== '' && !trimmed.startsWith('#') && !m) otherLines.push(line);
    if (m) {
      const key = m[1]!;
      const valueStart = pos + m[0].length;
      const quote = text[valueStart];
      const startLine = line;
      let value: string;
      if (quote === '"' || quote === "'" || quote === '`') {
        let i = valueStart + 1;
        let out = '';
        for (;;) {
          if (i >= n) throw new KeysmithError('invalid_input', `${label}, line ${startLine}: the quoted value of ${key} is never closed`, { field: 'file' });
          const c = text[i]!;
          if (c === quote) break;
          if (c === '\n') line++;
          if (quote === '"' && c === '\\' && i + 1 < n) {
            const e = text[i + 1]!;
            out += DOUBLE_QUOTE_ESCAPES[e] ?? `\\${e}`;
            if (e === '\n') line++;
            i += 2;
            continue;
          }
          out += c;
          i++;
        }
        value = out.replace(/\r\n/g, '\n');
        eol = endOfLine(i + 1);
        const rest = text.slice(i + 1, eol).trim();
        if (rest !== '' && !rest.startsWith('#')) otherLines.push(line);
      } else {
        value = text.slice(valueStart, eol).replace(/\r$/, '');
        const comment = /(^|[ \t])#/.exec(value);
        if (comment) value = value.slice(0, comment.index);
        value = value.trim();
      }
      entries.push({ key, value, line: startLine });
    }
    pos = eol + 1;
    line++;
  }
  return { entries, otherLines };
}
