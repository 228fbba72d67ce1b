/**
 * Tables for people and for pipes. On a terminal: aligned columns that fit its width (80 when it
 * does not say), the widest columns cut with "…", a bold header when colour is allowed. Piped: one
 * row per line, cells separated by tabs, no header, nothing cut, so `cut -f1` and `awk -F'\t'` work.
 */
import { visibleText } from '../shared/terminal-text';
import { displayWidth, truncateToWidth } from './display-width';
import type { Style } from './style';

export interface TableOptions {
  /** a terminal: aligned and fitted; otherwise tab-separated */
  tty: boolean;
  /** the terminal's width */
  columns?: number;
  style?: Pick<Style, 'bold'>;
  /** Columns never cut (an id the user copies): the others give up the room. */
  keep?: readonly number[];
}

const GAP = 2;
/** No column is cut below this: "Cloud M…" still says which row it is. */
const MIN_WIDTH = 8;

/** Cuts to `width` terminal columns, the last one an ellipsis (display-width.ts says what a column is). */
export const truncate = truncateToWidth;

const length = displayWidth;

/**
 * Widths that fit `total`: every column wider than a common cap T is cut to T (never below its
 * minimum), with T as large as the budget allows, so long columns share the cut evenly; what
 * rounding leaves over goes back to the cut columns, left first.
 */
export function fitWidths(natural: number[], minimums: number[], total: number): number[] {
  const gaps = GAP * (natural.length - 1);
  const at = (cap: number) => natural.map((n, i) => Math.max(minimums[i]!, Math.min(n, cap)));
  const sum = (ws: number[]) => ws.reduce((a, b) => a + b, 0) + gaps;
  if (sum(natural) <= total) return [...natural];
  let low = 0;
  let high = Math.max(...natural);
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (sum(at(mid)) <= total) low = mid;
    else high = mid - 1;
  }
  const widths = at(low);
  let spare = total - sum(widths);
  for (let i = 0; i < widths.length && spare > 0; i++) {
    if (widths[i]! < natural[i]!) {
      widths[i]!++;
      spare--;
    }
  }
  return widths;
}

/**
 * Each cell is made visible (a line break, a tab or an escape sequence in a name cannot start a row,
 * split a cell or recolour the table). Widths are found with a loop: spreading 150,000 rows into
 * Math.max overflows the call stack.
 */
export function formatTable(headers: string[], rows: string[][], opts: TableOptions = { tty: true, columns: Number.POSITIVE_INFINITY }): string {
  const cells = rows.map((r) => headers.map((_, i) => visibleText(r[i] ?? '')));
  if (!opts.tty) return cells.map((row) => row.join('\t')).join('\n');
  const natural = headers.map((h) => length(h));
  for (const row of cells) {
    row.forEach((c, i) => {
      const n = length(c);
      if (n > natural[i]!) natural[i] = n;
    });
  }
  const minimums = headers.map((h, i) => (opts.keep?.includes(i) ? natural[i]! : Math.max(length(h), MIN_WIDTH)));
  const widths = fitWidths(natural, minimums.map((m, i) => Math.min(m, natural[i]!)), opts.columns && opts.columns > 0 ? opts.columns : 80);
  const line = (row: string[]) =>
    row
      .map((c, i) => {
        const cut = truncate(c, widths[i]!);
        return i === row.length - 1 ? cut : cut + ' '.repeat(Math.max(0, widths[i]! - length(cut)));
      })
      .join(' '.repeat(GAP))
      .trimEnd();
  const bold = opts.style?.bold ?? ((s: string) => s);
  return [bold(line(headers)), ...cells.map(line)].join('\n');
}
