/**
 * Folding for people: no line wider than asked (in display columns, so CJK and emoji count two),
 * nothing dropped, hanging indents kept; commands fold only between arguments, with " \".
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { displayWidth } from '../../electron/cli/display-width';
import { wrapCommand, wrapText } from '../../electron/cli/wrap-text';

const words = (lines: string[], first: string, hanging: string) =>
  lines.map((l, i) => l.slice((i === 0 ? first : hanging).length)).join('');

describe('wrapText', () => {
  it('breaks between words with a hanging indent', () => {
    expect(wrapText('one two three four five', 12, '  ', '    ')).toEqual(['  one two', '    three', '    four', '    five']);
  });

  it('counts a CJK letter and an emoji as two columns', () => {
    const lines = wrapText('設定 ファイル 🔑🔑 鍵の説明文', 10, '', '  ');
    for (const line of lines) expect(displayWidth(line), line).toBeLessThanOrEqual(10);
    // "鍵の説明文" (10 columns) does not fit after the indent: it is split, not dropped.
    expect(lines.join('').replace(/ +/g, '')).toBe('設定ファイル🔑🔑鍵の説明文');
  });

  it('splits a word wider than a line between graphemes, dropping nothing', () => {
    const family = '👨‍👩‍👧';
    const lines = wrapText(`id ${'漢'.repeat(9)}${family}x`, 8, '', '  ');
    for (const line of lines) expect(displayWidth(line), line).toBeLessThanOrEqual(8);
    expect(lines.join('')).toContain(family);
    expect(lines.join('').replace(/ /g, '')).toBe(`id${'漢'.repeat(9)}${family}x`);
    // The long word starts on the line that has room for some of it.
    expect(lines[0]).toMatch(/^id 漢/);
  });

  it('never exceeds the width nor loses a character (property)', () => {
    const word = fc.stringMatching(/^[a-z漢🔑é]{1,30}$/u);
    fc.assert(
      fc.property(fc.array(word, { maxLength: 20 }), fc.integer({ min: 8, max: 100 }), (ws, width) => {
        const lines = wrapText(ws.join(' '), width, '  ', '    ');
        for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(width);
        expect(words(lines, '  ', '    ').replace(/ /g, '')).toBe(ws.join(''));
      }),
    );
  });
});

describe('wrapCommand', () => {
  it('breaks between arguments, never inside a quoted one, and continues with " \\"', () => {
    const lines = wrapCommand('keysmith export "AEM prod environment" --format postman --with-token --out aem.postman_environment.json', 40, '  e.g. ', '         ');
    expect(lines).toEqual([
      '  e.g. keysmith export \\',
      '         "AEM prod environment" \\',
      '         --format postman --with-token \\',
      '         --out \\',
      '         aem.postman_environment.json',
    ]);
    for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(40);
  });

  it('leaves a command that fits alone', () => {
    expect(wrapCommand('keysmith import project.json', 80, '  e.g. ')).toEqual(['  e.g. keysmith import project.json']);
  });
});
