/**
 * A reader that goes away (`keysmith list | head -1`) makes the next write to its pipe fail with
 * EPIPE, which Node reports as an 'error' event: unhandled, that is a stack trace on stderr. Here
 * it means "nobody wants the rest": later writes to that stream are dropped, the command finishes
 * what it was doing (a vault write is never cut short), and the exit status is 141 (128 + SIGPIPE),
 * what a shell with `pipefail` sees from any Unix tool stopped by a closed pipe. Any other failure
 * to write the output makes a command that otherwise succeeded exit 1, with a sentence if stderr
 * still works.
 */
import { userMessage } from '../core/errors';
import { visibleText } from '../shared/terminal-text';

export const CLOSED_PIPE_EXIT = 141;

const readerGone = (err: NodeJS.ErrnoException) => err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED';

/**
 * Watches the process's stdout and stderr; returns how to report the command's exit code. The code
 * is settled again when the process exits, because an EPIPE arrives after the write that caused it,
 * possibly after the command has returned.
 */
export function watchOutput(proc: NodeJS.Process): (code: number) => void {
  let closed = false;
  let failed: { stream: NodeJS.WritableStream; err: unknown } | null = null;
  for (const stream of [proc.stdout, proc.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (readerGone(err)) closed = true;
      else failed ??= { stream, err };
    });
  }
  let commandCode = 0;
  const settle = (): number => {
    if (commandCode !== 0) return commandCode;
    if (failed) {
      if (failed.stream !== proc.stderr) proc.stderr.write(`keysmith: could not write the output: ${visibleText(userMessage(failed.err))}\n`);
      failed = null; // said once
      return 1;
    }
    return closed ? CLOSED_PIPE_EXIT : 0;
  };
  // A command that ends itself with process.exit(n) (or dies of a re-raised signal) already said how
  // it ended: a non-zero code that did not come through the returned function is kept.
  proc.once('exit', (code: number | undefined) => {
    proc.exitCode = commandCode === 0 && typeof code === 'number' && code !== 0 ? code : settle();
  });
  return (code) => {
    commandCode = code;
    proc.exitCode = code;
  };
}
