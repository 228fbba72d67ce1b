/**
 * Last line of defence on the way out: no response may carry a PEM block (a private key, or a
 * certificate the UI has no use for). Responses are built from masked views by construction; this
 * catches a future handler that forgets. It redacts rather than fails, so text a user typed that
 * happens to look like PEM (a name, a description) cannot make a channel unusable.
 */
const PEM_BLOCK = /-----BEGIN [A-Z0-9 ]{1,40}-----[\s\S]*?-----END [A-Z0-9 ]{1,40}-----/g;
export const PEM_WITHHELD = '[PEM withheld]';
const MAX_DEPTH = 32;

function scrub(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return value.includes('-----BEGIN ') ? value.replace(PEM_BLOCK, PEM_WITHHELD) : value;
  if (typeof value !== 'object' || value === null || depth > MAX_DEPTH) return value;
  if (Array.isArray(value)) {
    let items: unknown[] | null = null;
    for (let i = 0; i < value.length; i++) {
      const clean = scrub(value[i], depth + 1);
      if (clean !== value[i]) (items ??= [...value])[i] = clean;
    }
    return items ?? value;
  }
  // for…in rather than Object.entries: a 5,000-item list would otherwise allocate an array per
  // object just to be read (this walk runs on every response).
  const source = value as Record<string, unknown>;
  let copy: Record<string, unknown> | null = null;
  for (const key in source) {
    if (!Object.hasOwn(source, key)) continue;
    const v = source[key];
    const clean = scrub(v, depth + 1);
    if (clean !== v) (copy ??= { ...source })[key] = clean;
  }
  return copy ?? value;
}

/** The value itself when it holds no PEM block (no copy made), else a copy with every block withheld. */
export function withholdPem<T>(value: T): { value: T; withheld: boolean } {
  const clean = scrub(value, 0) as T;
  return { value: clean, withheld: clean !== value };
}
