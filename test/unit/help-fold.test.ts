/**
 * Help folded to a narrow terminal keeps every word, in order, and every line fits; text that
 * already fits is left exactly as written.
 */
import { describe, expect, it } from 'vitest';
import { displayWidth } from '../../electron/cli/display-width';
import { foldHelp } from '../../electron/cli/help-fold';
import { COMMAND_HELP, generalHelp } from '../../electron/cli/help';

const words = (text: string) => text.split(/\s+/).filter(Boolean);
const topics = [['(general)', generalHelp('1.2.3')], ...Object.entries(COMMAND_HELP)] as [string, string][];

describe('foldHelp', () => {
  it.each([60, 80])('at %i columns: every line fits, no character lost or reordered', (width) => {
    for (const [topic, text] of topics) {
      const folded = foldHelp(text, width);
      for (const line of folded.split('\n')) expect(displayWidth(line), `${topic}: ${line}`).toBeLessThanOrEqual(width);
      expect(folded.replace(/\s+/g, ''), topic).toBe(text.replace(/\s+/g, ''));
    }
  });

  it('at 80 columns no word is split: every one fits on a line', () => {
    for (const [topic, text] of topics) expect(words(foldHelp(text, 80)), topic).toEqual(words(text));
  });

  it('leaves help that fits alone, line breaks and column gaps included', () => {
    for (const [, text] of topics) expect(foldHelp(text, 200)).toBe(text);
  });

  it('wraps a two-column line under its description column', () => {
    const folded = foldHelp('  import          import Console, AEM, aio, Postman, PDF Services or .env credentials', 60);
    expect(folded.split('\n')).toEqual(['  import          import Console, AEM, aio, Postman, PDF', '                  Services or .env credentials']);
  });
});
