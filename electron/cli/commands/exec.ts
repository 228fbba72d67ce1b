import { spawn } from 'node:child_process';
import { withInheritedCoreDumpFilter } from '../../core/core-dumps';
import { KeysmithError } from '../../core/errors';
import { environment } from '../../core/tokens/token-formats';
import type { CliContext } from '../cli-context';
import { usageError } from '../parse-args';
import { ExitCode } from '../exit-code';
import { currentCredentials } from './token';

const FORWARDED_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * Runs a command with KEYSMITH_ACCESS_TOKEN, KEYSMITH_API_KEY and KEYSMITH_ORG_ID in its environment
 * (never in its argv, which `ps` shows), and exits with the command's own exit code.
 */
export async function exec(args: string[], ctx: CliContext): Promise<void> {
  const dash = args.indexOf('--');
  const own = dash < 0 ? args : args.slice(0, dash);
  const command = dash < 0 ? [] : args.slice(dash + 1);
  const force = own.includes('--force');
  const names = own.filter((a) => a !== '--force');
  if (names.some((a) => a.startsWith('-'))) throw usageError('exec', `Unknown option ${names.find((a) => a.startsWith('-'))}`);
  if (names.length !== 1) throw usageError('exec', 'Usage: keysmith exec <name> -- <command...>');
  if (command.length === 0) throw usageError('exec', 'Missing the command to run after --');

  const credentials = await currentCredentials(ctx, names[0]!, force);
  const env = { ...ctx.env, ...environment(credentials) };
  const child = withInheritedCoreDumpFilter(() => spawn(command[0]!, command.slice(1), { stdio: 'inherit', env }));
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  for (const s of FORWARDED_SIGNALS) process.on(s, forward);
  const code = await new Promise<number>((resolve, reject) => {
    child.on('error', (err: NodeJS.ErrnoException) =>
      reject(new KeysmithError(err.code === 'ENOENT' ? 'invalid_input' : 'io', err.code === 'ENOENT' ? `Command not found: ${command[0]}` : `Cannot run ${command[0]}: ${err.message}`)),
    );
    // A child killed by a signal exits, by shell convention, with 128 + the signal number.
    child.on('exit', (status, signal) => resolve(status ?? 128 + (signal ? osSignal(signal) : 1)));
  }).finally(() => {
    for (const s of FORWARDED_SIGNALS) process.off(s, forward);
  });
  throw new ExitCode(code);
}

function osSignal(signal: NodeJS.Signals): number {
  const numbers: Partial<Record<NodeJS.Signals, number>> = { SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15 };
  return numbers[signal] ?? 1;
}
