/** How raw terminal input becomes answers to hidden prompts (electron/cli/terminal.ts takeLine). */
import { describe, expect, it } from 'vitest';
import { takeLine } from '../../electron/cli/terminal';

describe('takeLine', () => {
  it('waits for Enter, then leaves what follows for the next prompt', () => {
    expect(takeLine('half')).toBeNull();
    expect(takeLine('first\rsecond\r')).toEqual({ kind: 'line', value: 'first', rest: 'second\r' });
    expect(takeLine('second\r')).toEqual({ kind: 'line', value: 'second', rest: '' });
  });

  it('takes CRLF (a paste from Windows) as one Enter, and LF or Ctrl-D as Enter too', () => {
    expect(takeLine('a\r\nb\r\n')).toEqual({ kind: 'line', value: 'a', rest: 'b\r\n' });
    expect(takeLine('a\nb')).toEqual({ kind: 'line', value: 'a', rest: 'b' });
    expect(takeLine('a\u0004')).toEqual({ kind: 'line', value: 'a', rest: '' });
  });

  it('edits with Backspace by whole characters, drops other control characters, and cancels on Ctrl-C', () => {
    expect(takeLine('pass\u007f\u007fsé😀\u007f\r')).toEqual({ kind: 'line', value: 'pasé', rest: '' });
    expect(takeLine('a\u0001b\u001bc\r')).toEqual({ kind: 'line', value: 'abc', rest: '' });
    expect(takeLine('secret\u0003more\r')).toEqual({ kind: 'cancel' });
  });
});
