import type { IpcError } from '../bridge';

/**
 * Core's messages are shared with the CLI and sometimes end with what to type there ("use
 * `keysmith use-key`", "--passphrase-stdin"). In the app those hints point nowhere, so the known
 * ones are replaced by the app's own action, and any other CLI hint is cut off at its clause.
 */
const REPLACEMENTS: [RegExp, string][] = [
  [/give its passphrase with --passphrase-stdin/, 'enter its passphrase below, then choose the file again'],
  [/make another key active with `keysmith use-key` first/, 'make another key active first ("Make active"), then remove this one'],
];

const CLI_CLAUSE = /:\s[^:]*(`keysmith\b|--[a-z])[^]*$/;

export function appMessage(error: IpcError): string {
  let message = error.message;
  for (const [pattern, replacement] of REPLACEMENTS) message = message.replace(pattern, replacement);
  return message.replace(CLI_CLAUSE, '');
}
