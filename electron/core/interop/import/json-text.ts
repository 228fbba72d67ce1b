/**
 * JSON.parse with a one-line error that says where and why. V8's own message may quote the text
 * around the mistake, which in a credentials file can be a secret, and for some mistakes it gives no
 * position at all; so on failure a small scanner walks the text again to find the first error.
 * The scanner is iterative: a file of a million '[' must not overflow the stack.
 */
import { KeysmithError } from '../../errors';

interface JsonError {
  at: number;
  reason: string;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** The first syntax error in `t`, or null if it is valid JSON. */
export function locateJsonError(t: string): JsonError | null {
  const n = t.length;
  let i = 0;
  const stack: string[] = [];
  const ws = () => {
    while (i < n && (t[i] === ' ' || t[i] === '\t' || t[i] === '\n' || t[i] === '\r')) i++;
  };
  const fail = (reason: string): JsonError => ({ at: i, reason: i >= n ? 'the file ends early' : reason });
  const string = (): JsonError | null => {
    i++; // the opening quote
    while (i < n) {
      const c = t.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return null;
      }
      if (c < 0x20) return fail('a line break or control character inside a string (a missing closing quote?)');
      if (c === 0x5c) {
        const e = t[i + 1];
        if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(t.slice(i + 2, i + 6))) i += 6;
        else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else return fail('a bad escape sequence in a string (write \\\\ for a backslash)');
      } else i++;
    }
    return fail('a string that is never closed');
  };
  const key = (): JsonError | null => {
    ws();
    if (t[i] !== '"') return fail(t[i] === '}' ? 'a comma before "}" (trailing commas are not allowed)' : 'a property name in double quotes was expected');
    const err = string();
    if (err) return err;
    ws();
    if (t[i] !== ':') return fail('":" was expected after a property name');
    i++;
    return null;
  };

  let expectValue = true;
  for (;;) {
    ws();
    if (expectValue) {
      const c = t[i];
      if (c === '{') {
        i++;
        ws();
        if (t[i] === '}') {
          i++;
          expectValue = false;
          continue;
        }
        stack.push('}');
        const err = key();
        if (err) return err;
        continue;
      }
      if (c === '[') {
        i++;
        ws();
        if (t[i] === ']') {
          i++;
          expectValue = false;
          continue;
        }
        stack.push(']');
        continue;
      }
      if (c === '"') {
        const err = string();
        if (err) return err;
      } else if (t.startsWith('true', i)) i += 4;
      else if (t.startsWith('false', i)) i += 5;
      else if (t.startsWith('null', i)) i += 4;
      else {
        NUMBER.lastIndex = i;
        if (!NUMBER.test(t)) {
          return fail(c === ']' ? 'a comma before "]" (trailing commas are not allowed)' : 'a value was expected (strings need double quotes)');
        }
        i = NUMBER.lastIndex;
      }
      expectValue = false;
      continue;
    }
    const close = stack[stack.length - 1];
    if (close === undefined) return i < n ? fail('more text after the end of the JSON value') : null;
    if (t[i] === close) {
      i++;
      stack.pop();
      continue;
    }
    if (t[i] === ',') {
      i++;
      if (close === '}') {
        const err = key();
        if (err) return err;
      }
      expectValue = true;
      continue;
    }
    return fail(`"," or "${close}" was expected (a missing comma?)`);
  }
}

function lineColumn(text: string, position: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < position && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: position - lineStart + 1 };
}

export function parseJsonText(text: string, label: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const found = locateJsonError(text);
    const where = found ? (({ line, column }) => `: ${found.reason}, at line ${line}, column ${column}`)(lineColumn(text, found.at)) : '';
    throw new KeysmithError('invalid_input', `${label} is not valid JSON${where}`, { field: 'file', cause: err });
  }
}
