/** Strict argument parsing on node:util, with usage errors (exit 2) that name the command's help. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { KeysmithError } from '../core/errors';
import { didYouMean, withHint } from '../shared/did-you-mean';
import { visibleText } from '../shared/terminal-text';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export function usageError(command: string, message: string): KeysmithError {
  return new KeysmithError('usage', `${message} (see \`keysmith help ${command}\`)`);
}

/** `--nmae` → ` Did you mean --name?`, from the command's own flags. */
function flagSuggestion(message: string, options: OptionSpec): string {
  const unknown = /^Unknown option '(--?[^']+)'/.exec(message)?.[1];
  if (!unknown?.startsWith('--')) return '';
  const flags = Object.keys(options).map((f) => `--${f}`);
  return didYouMean(unknown.split('=')[0]!, flags, (s) => s);
}

export function parseCommandArgs<O extends OptionSpec>(command: string, args: string[], options: O, positionals: { min: number; max: number; names: string }) {
  let parsed;
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (err) {
    const first = (err as Error).message.split('\n')[0]!;
    const text = first.replace(/\. To specify a positional argument.*$/, '');
    const hint = flagSuggestion(first, options);
    throw usageError(command, `${visibleText(text.replace(/'/g, '').replace(/\.$/, ''))}${withHint(hint)}`);
  }
  const count = parsed.positionals.length;
  if (count < positionals.min) throw usageError(command, `Missing ${positionals.names}`);
  if (count > positionals.max) throw usageError(command, `Unexpected argument "${visibleText(parsed.positionals[positionals.max]!)}"`);
  return parsed;
}
