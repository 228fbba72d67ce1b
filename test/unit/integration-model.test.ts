import { describe, expect, it } from 'vitest';
import { checkEndpoint } from '../../electron/shared/endpoint-url';
import { validateFields, addIntegration, updateIntegration } from '../../electron/core/integration-store';
import { emptyDocument } from '../../electron/core/vault-document';
import { maskSecret } from '../../electron/core/secret-mask';
import { maskIntegration } from '../../electron/core/integration-view';
import { isKeysmithError } from '../../electron/core/errors';

const ORG = '1234567890ABCDEF12345678@AdobeOrg';
const TECH = 'ABCDEF0123456789@techacct.adobe.com';
const jwt = { kind: 'jwt', name: 'j', clientId: 'c', clientSecrets: ['s'], orgId: ORG, technicalAccountId: TECH, metascopes: ['ent_cloudmgr_sdk'] };

function invalid(input: unknown): { field: string | undefined; message: string } {
  try {
    validateFields(input);
  } catch (err) {
    if (isKeysmithError(err, 'invalid_input')) return { field: err.field, message: err.message };
    throw err;
  }
  throw new Error('expected a validation error');
}

describe('integration model', () => {
  it('fills defaults: IMS endpoint, description, oauth2 auth method', () => {
    expect(validateFields(jwt)).toMatchObject({ imsEndpoint: 'https://ims-na1.adobelogin.com', description: '' });
    expect(validateFields({ kind: 'oauth2', name: 'o', clientId: 'c', clientSecrets: ['s'], tokenUrl: 'https://a.example/t' })).toMatchObject({
      authMethod: 'client_secret_basic',
      scopes: [],
    });
  });

  it('keeps each scope once, in first-seen order, and still needs one', () => {
    expect(validateFields({ ...jwt, metascopes: ['b', 'a', 'b', 'a'] })).toMatchObject({ metascopes: ['b', 'a'] });
    expect(validateFields({ kind: 'oauth2', name: 'o', clientId: 'c', clientSecrets: ['s'], tokenUrl: 'https://a.example/t', scopes: ['x', 'x'] })).toMatchObject({ scopes: ['x'] });
    expect(invalid({ ...jwt, metascopes: [] })).toEqual({ field: 'metascopes', message: expect.stringContaining('at least one metascope') });
  });

  it('says what an org id and a technical account id look like', () => {
    expect(invalid({ ...jwt, orgId: '12345' })).toEqual({ field: 'orgId', message: expect.stringMatching(/ending in @AdobeOrg/) });
    expect(invalid({ ...jwt, technicalAccountId: 'x@adobe.com' })).toEqual({ field: 'technicalAccountId', message: expect.stringMatching(/@techacct\.adobe\.com/) });
  });

  it('names the missing field in words', () => {
    expect(invalid({ ...jwt, metascopes: undefined })).toEqual({ field: 'metascopes', message: 'Service Account (JWT) integrations need metascopes (e.g. ent_cloudmgr_sdk)' });
    expect(invalid({ kind: 'oauth2', name: 'o', clientId: 'c', tokenUrl: 'https://a.example/t' }).message).toMatch(/client secret is required unless the auth method is private_key_jwt/);
  });

  it('answers hostile shapes with a validation error, never a TypeError', () => {
    for (const input of [null, 42, [], { kind: Object.create(null) }, { kind: '__proto__' }, { kind: 'toString' }]) {
      expect(() => validateFields(input)).toThrow(expect.objectContaining({ code: 'invalid_input' }));
    }
  });

  it('accepts private_key_jwt without a secret', () => {
    expect(validateFields({ kind: 'oauth2', name: 'o', clientId: 'c', tokenUrl: 'https://a.example/t', authMethod: 'private_key_jwt' }).kind).toBe('oauth2');
  });

  it('turns an AEM-style bare IMS host into an https origin, and keeps loopback http for emulators', () => {
    expect(validateFields({ ...jwt, imsEndpoint: 'ims-na1-stg1.adobelogin.com' })).toHaveProperty('imsEndpoint', 'https://ims-na1-stg1.adobelogin.com');
    expect(validateFields({ ...jwt, imsEndpoint: 'http://127.0.0.1:8080/' })).toHaveProperty('imsEndpoint', 'http://127.0.0.1:8080');
  });

  it.each([
    ['http://ims.example.com', /must use https/],
    ['ftp://ims.example.com', /must be an https URL/],
    ['https://user:pw@ims.example.com', /user name or password/],
    ['https://ims.example.com/?a=1', /query string/],
    ['https://ims.example.com/path', /host only/],
    ['https://', /is not a URL/],
  ])('refuses the IMS endpoint %s', (endpoint, reason) => {
    expect(invalid({ ...jwt, imsEndpoint: endpoint }).message).toMatch(reason);
  });

  it('allows http only on loopback for token URLs', () => {
    expect(checkEndpoint('http://localhost:3000/token', { bareHostAllowed: false, originOnly: false })).toEqual({ ok: true, url: 'http://localhost:3000/token' });
    expect(checkEndpoint('http://127.5.6.7/token', { bareHostAllowed: false, originOnly: false }).ok).toBe(true);
    expect(checkEndpoint('http://[::1]:9/token', { bareHostAllowed: false, originOnly: false }).ok).toBe(true);
    expect(checkEndpoint('http://10.0.0.1/token', { bareHostAllowed: false, originOnly: false }).ok).toBe(false);
    expect(checkEndpoint('http://localhost.evil.com/token', { bareHostAllowed: false, originOnly: false }).ok).toBe(false);
  });

  it('refuses names that clash regardless of case, and a change of kind', () => {
    const doc = emptyDocument();
    addIntegration(doc, jwt);
    expect(() => addIntegration(doc, { ...jwt, name: ' J ' })).toThrow(/already exists/);
    expect(() => updateIntegration(doc, 'j', { kind: 'apiKey' })).toThrow(/kind of an integration cannot change/);
    expect(doc.integrations).toHaveLength(1);
  });

  it('masks secrets, revealing the last 4 characters only of long ones', () => {
    expect(maskSecret('short-secret')).toBe('••••');
    expect(maskSecret('p8e-0123456789abcdef3f9a')).toBe('••••3f9a');
    const doc = emptyDocument();
    const added = addIntegration(doc, { ...jwt, clientSecrets: ['p8e-0123456789abcdef3f9a', 'old-secret-0123456789'] });
    expect(maskIntegration(added)).toMatchObject({ clientSecrets: ['••••3f9a', '••••6789'] });
    expect(JSON.stringify(maskIntegration(added))).not.toContain('p8e-');
  });
});
