/**
 * Progress on slow steps, for a person only: on stderr, and only when stderr is a terminal (a pipe
 * or a log gets nothing, and stdout is never touched). A spinner redraws one line with CR; `done`
 * erases it, so the command's own output starts on a clean line.
 */
import { visibleText } from '../shared/terminal-text';
import type { CliContext } from './cli-context';
import { truncateToWidth } from './display-width';

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const FRAME_MS = 100;
/** A step shorter than this shows nothing: no flicker for a fast 2048-bit keygen. */
const SHOW_AFTER_MS = 250;

export interface Progress {
  /** Replace the line's text (e.g. a countdown). */
  update(text: string): void;
  /** Erase the line. */
  done(): void;
}

const NONE: Progress = { update: () => undefined, done: () => undefined };

/**
 * A terminal that draws: NO_COLOR does not matter (a spinner is not colour, and its text is the
 * same), but TERM=dumb does: such a terminal prints the line-erase sequence instead of acting on it.
 */
export function showsProgress(ctx: CliContext): boolean {
  return Boolean(ctx.io.stderr.isTTY) && ctx.env.TERM !== 'dumb';
}

/** "4 m 59 s", "59 s", "1 h 5 m": a countdown that reads at a glance, rounded up so it never says 0 early. */
export function timeLeft(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} m ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} m`;
}

/** `text` may be a function: read at every frame, for a line that counts down. */
export function spinner(ctx: CliContext, text: string | (() => string), showAfterMs = SHOW_AFTER_MS): Progress {
  if (!showsProgress(ctx)) return NONE;
  const { stderr } = ctx.io;
  const read = typeof text === 'function' ? text : () => text;
  let label = '';
  let frame = 0;
  let shown = false;
  const draw = () => {
    shown = true;
    // Cut to the terminal: a line that wraps would leave its first rows behind when erased.
    const columns = (stderr as { columns?: number }).columns || 80;
    stderr.write(`\r\u001b[2K${truncateToWidth(`${FRAMES[frame++ % FRAMES.length]} ${visibleText(label || read())}`, columns - 1)}`);
  };
  let timer: NodeJS.Timeout | undefined;
  const start = setTimeout(() => {
    draw();
    timer = setInterval(draw, FRAME_MS);
    timer.unref();
  }, showAfterMs);
  start.unref();
  return {
    update(next) {
      label = next;
      if (shown) draw();
    },
    done() {
      clearTimeout(start);
      clearInterval(timer);
      if (shown) stderr.write('\r\u001b[2K');
    },
  };
}
