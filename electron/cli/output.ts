/**
 * How a command reports to people and to programs: tables sized to the terminal (tab-separated when
 * piped), `--json` on stdout, and next-step hints on stderr only when a person is watching it.
 */
import { visibleText } from '../shared/terminal-text';
import type { CliContext } from './cli-context';
import { styleFor, writeStyled, type Style } from './style';
import { formatTable } from './table';
import { writeLine } from './terminal';

export function stdoutStyle(ctx: CliContext): Style {
  return styleFor(ctx.io.stdout, ctx.env);
}

export function stderrStyle(ctx: CliContext): Style {
  return styleFor(ctx.io.stderr, ctx.env);
}

/** A table on stdout: fitted and aligned on a terminal, tab-separated without a header in a pipe. */
export function writeTable(ctx: CliContext, headers: string[], rows: string[][], keep?: readonly number[]): void {
  const { stdout } = ctx.io;
  const tty = Boolean(stdout.isTTY);
  writeStyled(stdout, formatTable(headers, rows, { tty, ...(tty && { columns: stdout.columns || 80, style: stdoutStyle(ctx) }), ...(keep && { keep }) }));
}

/** The machine answer of `--json`: exact values, with control characters escaped (still valid JSON). */
export function writeJson(ctx: CliContext, value: unknown): void {
  writeLine(ctx.io.stdout, JSON.stringify(value, null, 2));
}

/**
 * "next: keysmith keygen NAME" after a command that leaves a step to do. Only for a person: on a
 * terminal's stderr, so a script's stdout and its logs stay as they were.
 */
export function writeHint(ctx: CliContext, ...steps: string[]): void {
  if (!ctx.io.stderr.isTTY || steps.length === 0) return;
  const style = stderrStyle(ctx);
  writeStyled(ctx.io.stderr, steps.map((s) => style.dim(`next: ${visibleText(s)}`)).join('\n'));
}

/** A name as a shell argument in a hint: quoted when it has anything but safe characters. */
export function shellWord(text: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}
