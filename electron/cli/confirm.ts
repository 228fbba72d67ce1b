/**
 * "Remove these? [y/N]" on a terminal. Only y or yes goes ahead; Enter alone, anything else or a
 * closed terminal is no; Ctrl-C cancels with 130. Where nobody can answer (stdin not a terminal)
 * the command must say --yes instead: a script never hangs on a question and never deletes by default.
 */
import { createInterface } from 'node:readline';
import { ExitCode } from './exit-code';
import { CANCELLED_EXIT, type Io } from './terminal';

export function canAsk(io: Io): boolean {
  return Boolean(io.stdin.isTTY);
}

export function confirm(io: Io, question: string): Promise<boolean> {
  const rl = createInterface({ input: io.stdin, output: io.stderr, terminal: true });
  return new Promise<boolean>((resolve, reject) => {
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      rl.close();
      fn();
    };
    rl.on('SIGINT', () =>
      settle(() => {
        io.stderr.write('\nkeysmith: cancelled; nothing was changed\n');
        reject(new ExitCode(CANCELLED_EXIT));
      }),
    );
    rl.on('close', () => settle(() => resolve(false)));
    rl.question(`${question} [y/N] `, (answer) => settle(() => resolve(/^(y|yes)$/i.test(answer.trim()))));
  });
}
