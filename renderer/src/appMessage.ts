import type { IpcError } from '../../electron/shared/ipc/result';

/**
 * Core's messages are shared with the CLI and sometimes end with what to type there ("use
 * `keysmith use-key`", "--passphrase-stdin"). In the app those hints point nowhere, so the known
 * ones are replaced by the app's own action, a CLI command in parentheses is dropped, and any other
 * CLI hint is cut off at its clause. bridge.ts's call() applies this to every error from main.
 */
const REPLACEMENTS: [RegExp, string][] = [
  [/give its passphrase with --passphrase-stdin/, 'enter its passphrase below, then choose the file again'],
  [/make another key active with `keysmith use-key` first/, 'make another key active first ("Make active"), then remove this one'],
];

const CLI_PARENTHESIS = /\s*\(`keysmith\b[^)]*\)/g;
const CLI_CLAUSE = /:\s[^:]*(`keysmith\b|--[a-z])[^]*$/;

export function appMessage(error: IpcError): string {
  let message = error.message;
  for (const [pattern, replacement] of REPLACEMENTS) message = message.replace(pattern, replacement);
  return message.replace(CLI_PARENTHESIS, '').replace(CLI_CLAUSE, '');
}
