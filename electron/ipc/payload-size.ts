/**
 * Whether a request is over the size cap, decided before it is parsed: a hostile renderer could send
 * a huge or deeply nested structure (structured clone carries typed arrays, Maps, even cycles) to
 * stall main in validation. The walk stops as soon as the budget is spent, so its own cost is
 * bounded by the cap, and it approximates the JSON size (strings count their UTF-16 length).
 */
const MAX_DEPTH = 32;

export function exceedsPayloadLimit(value: unknown, limitBytes: number): boolean {
  let budget = limitBytes;
  const spend = (n: number) => (budget -= n) < 0;

  const walk = (v: unknown, depth: number): boolean => {
    if (depth > MAX_DEPTH) return true;
    switch (typeof v) {
      case 'string':
        return spend(v.length + 2);
      case 'number':
      case 'bigint':
        return spend(8);
      case 'boolean':
      case 'undefined':
        return spend(4);
      case 'object':
        break;
      default:
        return spend(8);
    }
    if (v === null) return spend(4);
    if (ArrayBuffer.isView(v)) return spend(v.byteLength);
    if (v instanceof ArrayBuffer) return spend(v.byteLength);
    if (Array.isArray(v)) {
      // Length first: a sparse array of a billion holes is cheap to send and slow to walk.
      if (spend(2 + v.length)) return true;
      for (const item of v) if (walk(item, depth + 1)) return true;
      return false;
    }
    if (v instanceof Map) {
      if (spend(2 + v.size)) return true;
      for (const [k, item] of v) if (walk(k, depth + 1) || walk(item, depth + 1)) return true;
      return false;
    }
    if (v instanceof Set) {
      if (spend(2 + v.size)) return true;
      for (const item of v) if (walk(item, depth + 1)) return true;
      return false;
    }
    if (spend(2)) return true;
    for (const key of Object.keys(v)) {
      if (spend(key.length + 3) || walk((v as Record<string, unknown>)[key], depth + 1)) return true;
    }
    return false;
  };

  return walk(value, 0);
}
