/** The table's fitting rule, on its own: every width budget is met when it can be, and cells are cut with "…". */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitWidths, formatTable, truncate } from '../../electron/cli/table';

describe('terminal tables', () => {
  it('fit any budget the minimums allow, never below a minimum', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 6 }), fc.integer({ min: 20, max: 200 }), (natural, total) => {
        const minimums = natural.map((n) => Math.min(n, 8));
        const widths = fitWidths(natural, minimums, total);
        widths.forEach((w, i) => {
          expect(w).toBeGreaterThanOrEqual(minimums[i]!);
          expect(w).toBeLessThanOrEqual(natural[i]!);
        });
        const used = widths.reduce((a, b) => a + b, 0) + 2 * (widths.length - 1);
        const floor = minimums.reduce((a, b) => a + b, 0) + 2 * (widths.length - 1);
        expect(used).toBeLessThanOrEqual(Math.max(total, floor));
      }),
    );
  });

  it('cuts long cells with an ellipsis and pipes rows as tab-separated cells', () => {
    expect(truncate('Cloud Manager', 8)).toBe('Cloud M…');
    expect(truncate('short', 8)).toBe('short');
    const rows = [['a'.repeat(100), 'b'.repeat(100)]];
    for (const line of formatTable(['ONE', 'TWO'], rows, { tty: true, columns: 80 }).split('\n')) expect(line.length).toBeLessThanOrEqual(80);
    expect(formatTable(['ONE', 'TWO'], [['x\ty', 'z']], { tty: false })).toBe('x\\ty\tz');
  });
});
