/** Strict argument parsing on node:util, with usage errors (exit 2) that name the command's help. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { KeysmithError } from '../core/errors';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export function usageError(command: string, message: string): KeysmithError {
  return new KeysmithError('usage', `${message} (see \`keysmith help ${command}\`)`);
}

export function parseCommandArgs<O extends OptionSpec>(command: string, args: string[], options: O, positionals: { min: number; max: number; names: string }) {
  let parsed;
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (err) {
    const text = (err as Error).message.split('\n')[0]!.replace(/\. To specify a positional argument.*$/, '');
    throw usageError(command, text.replace(/'/g, '').replace(/\.$/, ''));
  }
  const count = parsed.positionals.length;
  if (count < positionals.min) throw usageError(command, `Missing ${positionals.names}`);
  if (count > positionals.max) throw usageError(command, `Unexpected argument "${parsed.positionals[positionals.max]}"`);
  return parsed;
}
