import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { KeysmithError } from '../../core/errors';
import { environment } from '../../core/tokens/token-formats';
import { withoutUnlockMaterial } from '../../core/unlock-env';
import type { CliContext } from '../cli-context';
import { usageError } from '../parse-args';
import { ExitCode } from '../exit-code';
import { currentCredentials } from './token';

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
  if (names.some((a) => a.startsWith('-'))) throw usageError('exec', `Unknown option ${names.find((a) => a.startsWith('-'))}`);
  if (names.length !== 1) throw usageError('exec', 'Usage: keysmith exec <name> -- <command...>');
  if (command.length === 0) throw usageError('exec', 'Missing the command to run after --');

  const credentials = await currentCredentials(ctx, names[0]!, force);
  const env = { ...withoutUnlockMaterial(ctx.env), ...environment(credentials) };
  const child = spawn(command[0]!, command.slice(1), { stdio: 'inherit', env });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  for (const s of FORWARDED_SIGNALS) process.on(s, forward);
  const end = await new Promise<{ status: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.on('error', (err: NodeJS.ErrnoException) =>
      reject(new KeysmithError(err.code === 'ENOENT' ? 'invalid_input' : 'io', err.code === 'ENOENT' ? `Command not found: ${command[0]}` : `Cannot run ${command[0]}: ${err.message}`)),
    );
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
