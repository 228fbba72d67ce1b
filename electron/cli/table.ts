/** Plain aligned columns for terminal output; no colours, so output pipes cleanly. */
import { visibleText } from '../shared/terminal-text';

/**
 * Each cell is made visible (a line break or an escape sequence in a name cannot start a row or
 * recolour the table). Widths are found with a loop: spreading 150,000 rows into Math.max
 * overflows the call stack.
 */
export function formatTable(headers: string[], rows: string[][]): string {
  const cells = rows.map((r) => headers.map((_, i) => visibleText(r[i] ?? '')));
  const widths = headers.map((h) => h.length);
  for (const row of cells) {
    row.forEach((c, i) => {
      if (c.length > widths[i]!) widths[i] = c.length;
    });
  }
  const line = (row: string[]) =>
    row
      .map((c, i) => (i === row.length - 1 ? c : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(headers), ...cells.map(line)].join('\n');
}
