import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { KeysmithError } from '../../core/errors';
import { didYouMean, withHint } from '../../shared/did-you-mean';
import { visibleText } from '../../shared/terminal-text';
import { environment } from '../../core/tokens/token-formats';
import { withoutUnlockMaterial } from '../../core/unlock-env';
import type { CliContext } from '../cli-context';
import { usageError } from '../parse-args';
import { ExitCode } from '../exit-code';
import { writeLine } from '../terminal';
import { currentCredentials } from './token';

const COMMAND_NOT_FOUND = 127;
const COMMAND_NOT_EXECUTABLE = 126;
const FORWARDED_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
/**
 * A child killed by one of these kills Keysmith with it too, so a calling shell sees the same death
 * (bash stops a script's loop only when its command died of SIGINT). Signals that dump core are
 * reported as 128 + n instead: re-raising them would dump Keysmith's own memory.
 */
const RERAISED_SIGNALS = new Set<NodeJS.Signals>(['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGKILL']);

/**
 * Runs a command with KEYSMITH_ACCESS_TOKEN, KEYSMITH_API_KEY and KEYSMITH_ORG_ID in its environment
 * (never in its argv, which `ps` shows) and without the vault's unlock material (unlock-env.ts), and
 * ends as the command ended: its exit code, or its signal.
 */
export async function exec(args: string[], ctx: CliContext): Promise<void> {
  const dash = args.indexOf('--');
  const own = dash < 0 ? args : args.slice(0, dash);
  const command = dash < 0 ? [] : args.slice(dash + 1);
  const force = own.includes('--force');
  const names = own.filter((a) => a !== '--force');
  const unknown = names.find((a) => a.startsWith('-'));
  if (unknown !== undefined) throw usageError('exec', `Unknown option ${visibleText(unknown)}${withHint(didYouMean(unknown, ['--force'], (s) => s))}`);
  if (names.length !== 1) throw usageError('exec', 'Usage: keysmith exec <name> -- <command...>');
  if (command.length === 0) throw usageError('exec', 'Missing the command to run after --');

  const credentials = await currentCredentials(ctx, names[0]!, force);
  const env = { ...withoutUnlockMaterial(ctx.env), ...environment(credentials) };
  const child = spawn(command[0]!, command.slice(1), { stdio: 'inherit', env });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  for (const s of FORWARDED_SIGNALS) process.on(s, forward);
  const end = await new Promise<{ status: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.on('error', (err: NodeJS.ErrnoException) => {
      // As a shell ends: 127 when the command is not found, 126 when it cannot be run.
      const notFound = err.code === 'ENOENT';
      const cannotRun = err.code === 'EACCES' || err.code === 'ENOEXEC' || err.code === 'EISDIR';
      if (!notFound && !cannotRun) return reject(new KeysmithError('io', `Cannot run ${command[0]}: ${err.message}`));
      writeLine(ctx.io.stderr, `keysmith: ${notFound ? `command not found: ${command[0]}` : `cannot run ${command[0]}: permission denied or not an executable`}`);
      reject(new ExitCode(notFound ? COMMAND_NOT_FOUND : COMMAND_NOT_EXECUTABLE));
    });
    child.on('exit', (status, signal) => resolve({ status, signal }));
  }).finally(() => {
    for (const s of FORWARDED_SIGNALS) process.off(s, forward);
  });
  if (end.signal === null) throw new ExitCode(end.status ?? 1);
  // With no listener left, the signal's default action ends this process right here.
  if (RERAISED_SIGNALS.has(end.signal)) process.kill(process.pid, end.signal);
  // By shell convention, 128 + the signal number.
  throw new ExitCode(128 + (constants.signals[end.signal] ?? 0));
}
