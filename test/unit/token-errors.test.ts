import { describe, expect, it } from 'vitest';
import { safeExcerpt, tokenEndpointError } from '../../electron/core/tokens/token-errors';

const ctx = { integrationName: 'CM', endpoint: 'https://ims-na1.adobelogin.com/ims/exchange/jwt', fingerprint: 'AB:CD' };

describe('token endpoint errors', () => {
  it.each([
    [400, { error: 'invalid_signature' }, /IMS has no certificate matching this key: upload the certificate with fingerprint AB:CD/],
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
