/** "Did you mean": typos find their word, unrelated words find nothing, and huge input stays cheap. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { closest, didYouMean, editDistance } from '../../electron/shared/did-you-mean';

describe('did you mean', () => {
  it('finds the word behind a typo: a swap, a missing, an extra or a wrong letter, any case', () => {
    const words = ['list', 'show', 'token', 'restore-backup', 'Cloud Manager'];
    expect(closest('lsit', words)).toBe('list');
    expect(closest('tokn', words)).toBe('token');
    expect(closest('shoow', words)).toBe('show');
    expect(closest('CLOUD MANGER', words)).toBe('Cloud Manager');
    expect(closest('restore', words)).toBe('restore-backup');
    expect(closest('zzz', words)).toBeNull();
    expect(closest('', words)).toBeNull();
    expect(didYouMean('x', words)).toBe('');
  });

  it('an exact word (ignoring case) is always its own match, and the distance is a metric on swaps', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 20 }), fc.array(fc.string({ maxLength: 20 }), { maxLength: 10 }), (word, others) => {
        expect(closest(word, [...others, word])?.toLowerCase()).toBe(word.toLowerCase());
        expect(editDistance(word, word)).toBe(0);
      }),
    );
    expect(editDistance('ab', 'ba')).toBe(1);
  });

  it('compares at most 64 characters, so a megabyte of input is no work', () => {
    const huge = 'a'.repeat(1_000_000);
    expect(closest(huge, ['a'.repeat(64), 'b'])).toBe('a'.repeat(64));
  });
});
