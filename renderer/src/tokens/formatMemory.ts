import { TOKEN_FORMATS, type TokenFormat } from '../../../electron/shared/formats';

/**
 * The token format last chosen for each integration, by its id (so a rename keeps it). Kept in the
 * page's local storage: a format is no secret, and it is a preference of this window, not vault data.
 */
const KEY = 'keysmith.copyFormats';
/** bounded, so thousands of integrations tried once do not grow it for ever */
const MAX_REMEMBERED = 500;

type Memory = Record<string, TokenFormat>;

function read(): Memory {
  try {
    const parsed: unknown = JSON.parse(globalThis.localStorage?.getItem(KEY) ?? '{}');
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
    const out: Memory = Object.create(null) as Memory;
    for (const [id, format] of Object.entries(parsed)) {
      if ((TOKEN_FORMATS as readonly unknown[]).includes(format)) out[id] = format as TokenFormat;
    }
    return out;
  } catch {
    return {};
  }
}

export function rememberedFormat(id: string): TokenFormat {
  return Object.hasOwn(read(), id) ? read()[id]! : 'raw';
}

export function rememberFormat(id: string, format: TokenFormat): void {
  const memory = read();
  delete memory[id];
  memory[id] = format;
  const ids = Object.keys(memory);
  for (const old of ids.slice(0, Math.max(0, ids.length - MAX_REMEMBERED))) delete memory[old];
  try {
    globalThis.localStorage?.setItem(KEY, JSON.stringify(memory));
  } catch {
    // storage full or disabled: the choice holds for this copy only
  }
}
