/**
 * Colour and bold for people: only when the stream is a terminal, never with NO_COLOR set to
 * anything (https://no-color.org) or TERM=dumb. Styling is applied to text that was already made
 * visible (terminal-text.ts), and written with writeStyled: writeLine would escape the ESC it adds.
 */
export interface Style {
  readonly enabled: boolean;
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
}

const sgr = (open: number, close: number) => (text: string) => (text === '' ? text : `\u001b[${open}m${text}\u001b[${close}m`);

const ON: Style = { enabled: true, bold: sgr(1, 22), dim: sgr(2, 22), red: sgr(31, 39), green: sgr(32, 39), yellow: sgr(33, 39) };
const same = (text: string) => text;
const OFF: Style = { enabled: false, bold: same, dim: same, red: same, green: same, yellow: same };

export function colourWanted(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  if (!stream.isTTY) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return env.TERM !== 'dumb';
}

export function styleFor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): Style {
  return colourWanted(stream, env) ? ON : OFF;
}

/** Writes text whose parts were made visible already, with the style's escape sequences intact. */
export function writeStyled(stream: NodeJS.WriteStream, text: string): void {
  stream.write(`${text}\n`);
}
