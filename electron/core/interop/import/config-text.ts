/**
 * aio's configuration text, read the way @adobe/aio-lib-core-config reads it (src/util.js loadFile):
 * text starting with `{` is HJSON (`hjson.parse`; aio saves with `hjson.stringify`, so unquoted keys,
 * comments, `'''` multi-line strings and optional commas are normal), anything else is YAML
 * (`js-yaml`, `json: true`). Both parsers are given only JSON's types (js-yaml's JSON_SCHEMA: no
 * timestamps, no custom tags) and what they return is checked before anyone reads it:
 * - a `__proto__` key is refused: hjson assigns it with `obj[key] = value`, which swaps the object's
 *   prototype and lets a file smuggle fields a reader would then inherit;
 * - the tree is walked with a node budget, so YAML aliases that multiply a small file into a huge
 *   tree ("billion laughs") stop here, not in whoever walks it next;
 * - parser errors give a line and the parser's reason, never the text around the mistake (hjson
 *   quotes it, and in a credentials file that text can be a secret); a stack overflow on deep
 *   nesting is an error like any other.
 */
import hjson from 'hjson';
import yaml from 'js-yaml';
import { KeysmithError } from '../../errors';
import { withoutUnsafeChars } from '../../../shared/unsafe-text';

/** Far above any real aio config (a few hundred nodes), far below what hurts. */
export const MAX_CONFIG_NODES = 100_000;

function invalid(message: string, cause?: unknown): KeysmithError {
  return new KeysmithError('invalid_input', message, { field: 'file', ...(cause !== undefined && { cause }) });
}

/**
 * A parser's reason, safe to print: js-yaml quotes file text in some reasons (`unidentified alias
 * "<anything>"`), and that text can be a secret or a terminal escape, so quoted parts go, but
 * for hjson's one single-quoted character ("instead of 'x'"); what is left is the parser's
 * own words, with any control character it still holds made a space.
 */
export function parserReason(reason: string): string {
  const unquoted = reason.replace(/"[^"]*"|'[^']*'/g, (quoted) => (quoted.startsWith("'") && quoted.length <= 3 ? quoted : '')).replace(/\s+/g, ' ').trim();
  return withoutUnsafeChars(unquoted).slice(0, 120);
}

function tooDeep(err: unknown): boolean {
  return err instanceof RangeError;
}

/** hjson's own message up to its position, e.g. "Found '}' where a key name was expected … at line 2,9". */
function hjsonReason(err: unknown): string {
  const message = err instanceof Error ? err.message : '';
  const at = /^(.*?) at line (\d+),(\d+)/s.exec(message);
  if (!at) return '';
  // The reason quotes at most one character of the file ("instead of 'x'"); keep the sentence short.
  const reason = parserReason(at[1]!.replace(/\s*\(check your syntax[^)]*\)/, ''));
  return `: ${reason}, at line ${at[2]}, column ${at[3]}`;
}

/** Checks a parsed tree: plain objects and arrays only, no `__proto__` key, at most MAX_CONFIG_NODES nodes. */
export function checkConfigTree(root: unknown, label: string): void {
  const stack: unknown[] = [root];
  let nodes = 0;
  while (stack.length > 0) {
    const value = stack.pop();
    if (++nodes > MAX_CONFIG_NODES) {
      throw invalid(`${label} expands to more than ${MAX_CONFIG_NODES} values (YAML aliases?): a credentials file is a few KB of plain values`);
    }
    if (typeof value !== 'object' || value === null) continue;
    if (Array.isArray(value)) {
      for (const item of value) stack.push(item);
      continue;
    }
    const proto = Object.getPrototypeOf(value) as unknown;
    if ((proto !== Object.prototype && proto !== null) || Object.hasOwn(value, '__proto__')) {
      throw invalid(`${label} has a "__proto__" key, which no aio config has: it was not read`);
    }
    for (const key of Object.keys(value)) stack.push((value as Record<string, unknown>)[key]);
  }
}

/** HJSON text (it starts with `{`); throws with a line and reason if it is not HJSON either. */
export function parseHjsonText(text: string, label: string): unknown {
  let value: unknown;
  try {
    value = hjson.parse(text);
  } catch (err) {
    if (tooDeep(err)) throw invalid(`${label} is nested too deeply to be a credentials file`, err);
    throw invalid(`${label} is neither JSON nor HJSON (the aio CLI's format)${hjsonReason(err)}`, err);
  }
  checkConfigTree(value, label);
  return value;
}

/** YAML text as aio reads it; undefined when the text is not YAML at all (the caller then says what it expected). */
export function parseYamlText(text: string, label: string): unknown {
  let value: unknown;
  try {
    value = yaml.load(text, { schema: yaml.JSON_SCHEMA, json: true });
  } catch (err) {
    if (tooDeep(err)) throw invalid(`${label} is nested too deeply to be a credentials file`, err);
    return undefined;
  }
  checkConfigTree(value, label);
  return value;
}

/** A YAML error as a sentence, for text that is meant to be YAML (it has aio's `ims:` key). */
export function yamlError(text: string, label: string): KeysmithError | undefined {
  try {
    yaml.load(text, { schema: yaml.JSON_SCHEMA, json: true });
    return undefined;
  } catch (err) {
    const mark = (err as { mark?: { line?: number; column?: number } }).mark;
    const given = (err as { reason?: string }).reason;
    const reason = given !== undefined && parserReason(given) !== '' ? parserReason(given) : 'a syntax error';
    const where = mark?.line !== undefined ? `: ${reason}, at line ${mark.line + 1}, column ${(mark.column ?? 0) + 1}` : '';
    return invalid(`${label} is not valid YAML (the aio CLI's other format)${where}`, err);
  }
}
