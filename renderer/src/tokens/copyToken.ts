import type { TokenFormat } from '../../../electron/shared/formats';
import { call, type KeysmithApi, type ResponseOf } from '../bridge';
import { rememberedFormat, rememberFormat } from './formatMemory';
import type { IpcResult } from '../../../electron/shared/ipc/result';

export type TokenCopied = ResponseOf<'tokens:copy'>;

/** The formats offered, in the order the issue lists them, with the name shown for each. */
export const FORMAT_OPTIONS: [TokenFormat, string][] = [
  ['raw', 'Token'],
  ['header', 'Authorization header'],
  ['curl', 'curl command'],
  ['env', 'Environment variables'],
];

export function formatLabel(format: TokenFormat): string {
  return FORMAT_OPTIONS.find(([f]) => f === format)?.[1] ?? format;
}

/**
 * Copies an integration's token in the format given (remembered for next time) or, without one,
 * in the format last used for it. The one copy path of the list rows, the panel and the palette.
 */
export async function copyTokenOf(api: KeysmithApi, target: { id: string; name: string }, format?: TokenFormat): Promise<IpcResult<TokenCopied>> {
  const chosen = format ?? rememberedFormat(target.id);
  if (format) rememberFormat(target.id, format);
  return call(api.tokens.copy({ name: target.name, format: chosen }));
}
