import { describe, expect, it } from 'vitest';
import { Redactor, stripControls } from '../../electron/core/tokens/server-text';
import { safeExcerpt, tokenEndpointError } from '../../electron/core/tokens/token-errors';

const ctx = { integrationName: 'CM', endpoint: 'https://ims-na1.adobelogin.com/ims/exchange/jwt', fingerprint: 'AB:CD' };

describe('token endpoint errors', () => {
  it.each([
    [400, { error: 'invalid_signature' }, /IMS has no certificate matching this key: the credential needs the certificate with fingerprint AB:CD/],
    // Adobe's live IMS words it this way (AdobeDocs/adobeio-auth#67).
    [400, { error: 'invalid_token', error_description: 'Could not match JWT signature to any of the bindings' }, /IMS has no certificate matching this key/],
    [400, { error: 'invalid_token', error_description: 'JWT expired' }, /signed JWT was refused .* clock/],
    [401, { error: 'invalid_client' }, /client id and client secret do not match/],
    [400, { error: 'invalid_client', error_description: 'invalid client_secret parameter' }, /client id and client secret do not match/],
    [400, { error: 'invalid_client', error_description: 'invalid client_id parameter' }, /client id is unknown .* IMS endpoint/],
    [400, { error: 'invalid_scope' }, /scope or metascope is missing, unknown or not granted/],
    [400, { error: 'bad_request' }, /org id .* technical account id/],
    [418, { error: 'teapot' }, /answered HTTP 418 teapot/],
    [400, 'not json', /answered HTTP 400/],
  ])('HTTP %i %j reads as a plain sentence', (status, body, pattern) => {
    const err = tokenEndpointError(status, body, ctx);
    expect(err.code).toBe('token_refused');
    expect(err.message).toMatch(/^"CM": /);
    expect(err.message).toMatch(pattern);
  });

  it('quotes the server briefly and never a token-like run of characters', () => {
    const secretish = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJl';
    expect(safeExcerpt(`bad token ${secretish} here`)).toBe('bad token … here');
    expect(safeExcerpt('x'.repeat(500).replace(/x/g, 'ab '))).toHaveLength(120);
  });
});

describe('server text', () => {
  const secret = 'p@ss/w0rd+with:punct&more';

  it('redacts a secret in every encoding a request carries, and any long piece of it', () => {
    const redactor = new Redactor([secret]);
    const b64 = (s: string) => Buffer.from(s).toString('base64');
    for (const echoed of [
      secret,
      encodeURIComponent(secret),
      encodeURIComponent(secret).toLowerCase(),
      new URLSearchParams({ s: secret }).toString().slice(2),
      b64(secret),
      b64(`x${secret}`),
      b64(`xy${secret}`),
      Buffer.from(`client:${secret}`).toString('base64url'),
      secret.slice(3, 14),
    ]) {
      const quoted = safeExcerpt(`before ${echoed} after`, redactor);
      expect(quoted, echoed).toMatch(/^before .*\[redacted\].* after$/);
      expect(quoted).not.toContain(secret.slice(3, 11));
    }
    expect(safeExcerpt('nothing secret here', redactor)).toBe('nothing secret here');
  });

  it('removes escape sequences, C1 controls, bidi and zero-width characters', () => {
    expect(stripControls('a\u001b[1;31mb\u001b[0m c\u001b]8;;http://x\u0007d\u001b]8;;\u001b\\ e\u009b2Jf \u202eg\u202c \u2066h\u2069 i\u200bj\u0000k\u007f')).toBe('ab cd ef g h ijk');
    expect(stripControls('line\r\nbreak\u2028sep')).toBe('line break sep');
  });

  it('reads an unknown code without consulting Object.prototype', () => {
    for (const error of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      expect(tokenEndpointError(400, { error }, ctx).message).toMatch(new RegExp(`answered HTTP 400 ${error}`));
    }
  });
});
