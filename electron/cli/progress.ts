/**
 * Progress on slow steps, for a person only: on stderr, and only when stderr is a terminal (a pipe
 * or a log gets nothing, and stdout is never touched). A spinner redraws one line with CR; `done`
 * erases it, so the command's own output starts on a clean line.
 */
import { visibleText } from '../shared/terminal-text';
import type { CliContext } from './cli-context';

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

export function showsProgress(ctx: CliContext): boolean {
  return Boolean(ctx.io.stderr.isTTY);
}

export function spinner(ctx: CliContext, text: string, showAfterMs = SHOW_AFTER_MS): Progress {
  if (!showsProgress(ctx)) return NONE;
  const { stderr } = ctx.io;
  let label = visibleText(text);
  let frame = 0;
  let shown = false;
  const draw = () => {
    shown = true;
    stderr.write(`\r\u001b[2K${FRAMES[frame++ % FRAMES.length]} ${label}`);
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
      label = visibleText(next);
      if (shown) draw();
    },
    done() {
      clearTimeout(start);
      clearInterval(timer);
      if (shown) stderr.write('\r\u001b[2K');
    },
  };
}
