/** Reading secrets without echo or argv, and writing to the terminal. */
import { KeysmithError } from '../core/errors';
import { visibleLines } from '../core/terminal-text';

export interface Io {
  stdin: NodeJS.ReadStream;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
}

const MAX_STDIN_BYTES = 1024 * 1024;

/** All of stdin, minus one trailing line break (what `echo` and `printf '%s\n'` add). */
export async function readStdin(io: Io, what: string): Promise<string> {
  if (io.stdin.isTTY) {
    throw new KeysmithError('usage', `Expected the ${what} on standard input: pipe it in, e.g. \`printf '%s' "$SECRET" | keysmith ...\``);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of io.stdin) {
    size += (chunk as Buffer).length;
    if (size > MAX_STDIN_BYTES) throw new KeysmithError('invalid_input', `The ${what} on standard input is larger than 1 MiB`);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
  if (text.length === 0) throw new KeysmithError('invalid_input', `The ${what} on standard input was empty`);
  return text;
}

/** Asks on the terminal with nothing echoed. Only for interactive use: scripts use stdin or env. */
export function promptHidden(io: Io, question: string): Promise<string> {
  const { stdin, stderr } = io;
  if (!stdin.isTTY || typeof stdin.setRawMode !== 'function') {
    return Promise.reject(new KeysmithError('usage', 'Cannot ask for a secret: standard input is not a terminal'));
  }
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = (err?: KeysmithError) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      stderr.write('\n');
      if (err) reject(err);
      else resolve(value);
    };
    const onData = (data: Buffer) => {
      for (const ch of data.toString('utf8')) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return finish();
        if (ch === '\u0003') return finish(new KeysmithError('usage', 'Cancelled'));
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else if (ch >= ' ') value += ch;
      }
    };
    stdin.setRawMode(true);
    // Only once echo is off: an answer typed the moment the question shows must not be echoed.
    stderr.write(question);
    stdin.resume();
    stdin.on('data', onData);
  });
}

/**
 * Output for people (and `--json`, which stays valid JSON with the same values): no character a
 * terminal would act on gets through, whatever a field, a file or a server put in the text.
 */
export function writeLine(stream: NodeJS.WriteStream, text = ''): void {
  stream.write(`${visibleLines(text)}\n`);
}

/** Output for programs that must get the value byte for byte (a token, `--format env`). */
export function writeExact(stream: NodeJS.WriteStream, text: string): void {
  stream.write(`${text}\n`);
}
