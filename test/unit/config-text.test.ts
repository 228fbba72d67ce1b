/**
 * Parser errors from aio config text become one printable line: js-yaml and hjson quote the file
 * in their reasons, and the file is a credentials file that can hold secrets and terminal escapes.
 */
import { describe, expect, it } from 'vitest';
import { parseHjsonText, parserReason, yamlError } from '../../electron/core/interop/import/config-text';
import { firstUnsafeChar } from '../../electron/shared/unsafe-text';

describe('aio config parser errors', () => {
  it('drops quoted file text from a YAML reason and keeps line and column (fuzz seed 1401788506)', () => {
    // The counterexample CI found: an alias named by a vertical tab.
    const error = yamlError('*\u000b\n', 'the file');
    expect(error?.message).toBe('the file is not valid YAML (the aio CLI\'s other format): unidentified alias, at line 1, column 3');
    expect(firstUnsafeChar(error!.message)).toBeUndefined();
  });

  it('never echoes a secret named in a YAML alias', () => {
    const secret = 'p8e-THIS-IS-A-CLIENT-SECRET';
    const error = yamlError(`ims:\n  contexts:\n    a: *${secret}\n`, 'the file');
    expect(error?.message).toMatch(/^the file is not valid YAML .*: unidentified alias, at line 3, column \d+$/);
    expect(error?.message).not.toContain(secret);
  });

  it('keeps hjson\'s one quoted character but not a control character', () => {
    expect(parserReason("Expected ':' instead of 'x'")).toBe("Expected ':' instead of 'x'");
    expect(parserReason("Expected ':' instead of '\u001b'")).toBe("Expected ':' instead of ' '");
    expect(() => parseHjsonText('{ a \u001b }', 'the file')).toThrow(/^the file is neither JSON nor HJSON/);
    try {
      parseHjsonText('{ a \u001b }', 'the file');
    } catch (err) {
      expect(firstUnsafeChar((err as Error).message)).toBeUndefined();
    }
  });

  it('says "a syntax error" when nothing of the reason is left', () => {
    expect(parserReason('"only quoted text"')).toBe('');
  });
});
