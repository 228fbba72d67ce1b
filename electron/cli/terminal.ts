/** Reading secrets without echo or argv, and writing to the terminal. */
import { StringDecoder } from 'node:string_decoder';
import { KeysmithError } from '../core/errors';
import { ExitCode } from './exit-code';
import { visibleLines } from '../shared/terminal-text';

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

/**
 * Input read with echo off but not yet answered: a paste or `expect` script may send the answer to
 * the next prompt along with this one. Kept for the next hidden prompt of this process (the kernel
 * has already taken it off the terminal, unechoed), never shown.
 */
let typedAhead = '';

type LineResult = { kind: 'line'; value: string; rest: string } | { kind: 'cancel' } | null;

/** One answer out of raw terminal input: Enter ends it (CR, LF, CRLF or Ctrl-D), Backspace edits, Ctrl-C cancels; null until complete. */
export function takeLine(input: string): LineResult {
  let value = '';
  const chars = [...input];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (ch === '\r' || ch === '\n' || ch === '\u0004') {
      const skipLf = ch === '\r' && chars[i + 1] === '\n';
      return { kind: 'line', value, rest: chars.slice(i + (skipLf ? 2 : 1)).join('') };
    }
    if (ch === '\u0003') return { kind: 'cancel' };
    if (ch === '\u007f' || ch === '\b') value = [...value].slice(0, -1).join('');
    else if (ch >= ' ') value += ch;
  }
  return null;
}

/** What a shell reports for a command stopped with Ctrl-C (128 + SIGINT). */
export const CANCELLED_EXIT = 130;

export type AskHidden = (question: string) => Promise<string>;

/**
 * Asks on the terminal with nothing echoed, as many questions as `use` asks (a passphrase and its
 * repeat). Echo goes off BEFORE the first question is written and stays off until the last answer,
 * so input that arrives as soon as a prompt appears (a paste, a password manager, `expect`) is never
 * shown, not even between two prompts. Only for interactive use: scripts use stdin or env.
 */
export async function withHiddenInput<T>(io: Io, use: (ask: AskHidden) => Promise<T>): Promise<T> {
  const { stdin, stderr } = io;
  if (!stdin.isTTY || typeof stdin.setRawMode !== 'function') {
    throw new KeysmithError('usage', 'Cannot ask for a secret: standard input is not a terminal');
  }
  stdin.setRawMode(true);
  const decoder = new StringDecoder('utf8');
  let arrived: (() => void) | null = null;
  let ended = false;
  const onData = (data: Buffer) => {
    typedAhead += decoder.write(data);
    arrived?.();
  };
  const onEnd = () => {
    ended = true;
    arrived?.();
  };
  stdin.on('data', onData);
  stdin.on('end', onEnd);
  stdin.resume();
  const ask: AskHidden = async (question) => {
    stderr.write(question);
    for (;;) {
      const result = takeLine(typedAhead);
      if (result?.kind === 'cancel') {
        typedAhead = '';
        stderr.write('\nkeysmith: cancelled; nothing was changed\n');
        throw new ExitCode(CANCELLED_EXIT);
      }
      if (result) {
        typedAhead = result.rest;
        stderr.write('\n');
        // Enter alone is a slip, never an answer (no prompt here takes an empty secret): ask again.
        if (result.value === '') {
          stderr.write(`Nothing was typed: type it and press Enter, or press Ctrl-C to cancel.\n${question}`);
          continue;
        }
        return result.value;
      }
      if (ended) {
        stderr.write('\n');
        throw new KeysmithError('usage', 'The terminal closed before an answer was given');
      }
      await new Promise<void>((resolve) => (arrived = resolve));
      arrived = null;
    }
  };
  try {
    return await use(ask);
  } finally {
    stdin.off('data', onData);
    stdin.off('end', onEnd);
    stdin.pause();
    stdin.setRawMode(false);
  }
}

export function promptHidden(io: Io, question: string): Promise<string> {
  return withHiddenInput(io, (ask) => ask(question));
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
