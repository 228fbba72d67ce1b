/** The table's fitting rule, on its own: every width budget is met when it can be, and cells are cut with "…". */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { displayWidth } from '../../electron/cli/display-width';
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

/** Half of a pair left alone: what a cut inside a surrogate pair leaves. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('terminal columns, not code points', () => {
  const graphemes = (s: string) => [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(s)].map((g) => g.segment);

  it('counts wide characters as two columns and marks and joiners as none', () => {
    expect(displayWidth('Cloud Manager')).toBe(13);
    expect(displayWidth('日本語')).toBe(6);
    expect(displayWidth('한국어')).toBe(6);
    expect(displayWidth('ＡＢ')).toBe(4);
    expect(displayWidth('e\u0301')).toBe(1);
    expect(displayWidth('👩‍💻')).toBe(2);
    expect(displayWidth('🇫🇷')).toBe(2);
    expect(displayWidth('❤️')).toBe(2);
    expect(displayWidth('a\u200db')).toBe(2);
    expect(displayWidth('\u{20000}')).toBe(2);
  });

  it('cuts at a column boundary without splitting a pair, an accent or an emoji sequence', () => {
    expect(truncate('日本語の名前', 6)).toBe('日本…');
    expect(truncate('日本語の名前', 5)).toBe('日本…');
    expect(truncate('e\u0301e\u0301e\u0301e\u0301', 3)).toBe('e\u0301e\u0301…');
    expect(truncate('👩‍💻👩‍💻👩‍💻', 4)).toBe('👩‍💻…');
    expect(truncate('\u{20000}\u{20000}', 2)).toBe('…');
    // A combining mark inside a wide block (the kana voicing mark) stays with its letter.
    expect(displayWidth('か\u3099')).toBe(2);
    expect(truncate('か\u3099か\u3099', 3)).toBe('か\u3099…');
  });

  it('keeps every printed line of any unicode table within the terminal', () => {
    const name = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 60 }), fc.string({ unit: 'binary', maxLength: 60 }), fc.constantFrom('日本語の統合名'.repeat(8), '👩‍💻'.repeat(40), 'e\u0301'.repeat(90)));
    fc.assert(
      fc.property(fc.array(fc.tuple(name, name, name), { minLength: 1, maxLength: 8 }), fc.integer({ min: 40, max: 160 }), (rows, columns) => {
        const table = formatTable(['NAME', 'KIND', 'ORG'], rows, { tty: true, columns });
        for (const line of table.split('\n')) {
          expect(displayWidth(line)).toBeLessThanOrEqual(columns);
          expect(line).not.toMatch(LONE_SURROGATE);
        }
      }),
    );
  });

  it('cuts any text to a grapheme prefix and an ellipsis within the width', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' })), fc.integer({ min: 1, max: 30 }), (text, width) => {
        const cut = truncate(text, width);
        expect(displayWidth(cut)).toBeLessThanOrEqual(width);
        if (cut === text) return;
        expect(cut.endsWith('…')).toBe(true);
        const kept = graphemes(cut.slice(0, -1));
        expect(graphemes(text).slice(0, kept.length)).toEqual(kept);
      }),
    );
  });
});
