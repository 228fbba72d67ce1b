import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { formatRecoveryKey, parseRecoveryKey } from '../../electron/core/crypto-primitives';

describe('recovery key text', () => {
  it('round-trips 256 bits through 13 groups of 4 Crockford base32 characters', () => {
    for (let i = 0; i < 200; i++) {
      const key = randomBytes(32);
      const text = formatRecoveryKey(key);
      expect(text).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){12}[0-9A-HJKMNP-TV-Z]{4}$/);
      expect(parseRecoveryKey(text)).toEqual(key);
    }
  });

  it('forgives case, spacing and the letters people confuse with digits', () => {
    const key = Buffer.alloc(32, 0);
    const text = formatRecoveryKey(key); // all zeros
    expect(parseRecoveryKey(text.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o'))).toEqual(key);
  });

  it('refuses text that is not a recovery key', () => {
    expect(parseRecoveryKey('')).toBeNull();
    expect(parseRecoveryKey('ABCD-EFGH')).toBeNull();
    expect(parseRecoveryKey(`${formatRecoveryKey(randomBytes(32))}-ABCD`)).toBeNull();
    expect(parseRecoveryKey(formatRecoveryKey(randomBytes(32)).replace(/^./, 'U'))).toBeNull();
  });
});
