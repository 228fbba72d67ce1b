import path from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { isKeysmithError } from '../../electron/core/errors';
import { fieldErrors, fieldIssues, requiredFields } from '../../electron/shared/integration-validation';
import { validateFields } from '../../electron/core/integration-store';

const ORG = '1234567890ABCDEF12345678@AdobeOrg';
const TECH = 'ABCDEF0123456789@techacct.adobe.com';

function thrownBy(input: unknown): { field?: string; message: string } {
  try {
    validateFields(input);
  } catch (err) {
    if (isKeysmithError(err, 'invalid_input')) return { field: err.field, message: err.message };
    throw err;
  }
  throw new Error('expected a validation error');
}

describe('integration validation shared by main and the forms', () => {
  it('reports every field of an incomplete form at once, in the CLI words', () => {
    expect(fieldErrors({ kind: 'jwt', name: 'AEM', clientSecrets: [], metascopes: [], orgId: '12345' })).toEqual({
      clientId: 'Service Account (JWT) integrations need a client id',
      clientSecrets: 'a Service Account (JWT) integration needs a client secret',
      orgId: 'org id must look like 12345678ABCDEF0123456789@AdobeOrg (letters and digits, ending in @AdobeOrg)',
      technicalAccountId: 'Service Account (JWT) integrations need a technical account id (…@techacct.adobe.com)',
      metascopes: 'metascopes must list at least one metascope (e.g. ent_cloudmgr_sdk)',
    });
  });

  it('is empty for a valid integration', () => {
    expect(fieldErrors({ kind: 'jwt', name: 'AEM', clientId: 'c', clientSecrets: ['s'], orgId: ORG, technicalAccountId: TECH, metascopes: ['m'] })).toEqual({});
  });

  it('gives validateFields its first issue, so the CLI and the form say the same thing', () => {
    const inputs: unknown[] = [
      { kind: 'oauthS2S', name: 'x', clientId: 'a b', clientSecrets: [], scopes: [] },
      { kind: 'oauth2', name: 'o', clientId: 'c', tokenUrl: 'http://example.com/t', clientSecrets: ['s'] },
      { kind: 'apiKey', clientId: 'c' },
      { kind: 'nope' },
    ];
    for (const input of inputs) expect(thrownBy(input)).toEqual(fieldIssues(input)[0]);
  });

  it('drops array indexes from the field, as the CLI maps fields to flags', () => {
    expect(fieldErrors({ kind: 'oauthS2S', name: 'x', clientId: 'c', clientSecrets: ['s'], scopes: ['ok', 'not ok'] })).toEqual({
      scopes: 'a scope must not contain spaces or commas',
    });
  });

  it('knows which fields each kind requires', () => {
    expect(requiredFields('apiKey')).toEqual(['name', 'clientId']);
    expect(requiredFields('oauthS2S').sort()).toEqual(['clientId', 'clientSecrets', 'name', 'scopes']);
    expect(requiredFields('jwt').sort()).toEqual(['clientId', 'clientSecrets', 'metascopes', 'name', 'orgId', 'technicalAccountId']);
    expect(requiredFields('oauth2').sort()).toEqual(['clientId', 'name', 'tokenUrl']);
  });

  it('bundles for a browser: no Node built-in anywhere in what it imports', async () => {
    const entry = path.resolve(__dirname, '../../electron/shared/integration-validation.ts');
    const result = await build({ entryPoints: [entry], bundle: true, write: false, platform: 'browser', format: 'esm', logLevel: 'silent', metafile: true });
    const inputs = Object.keys(result.metafile.inputs).filter((p) => !p.includes('node_modules'));
    expect(inputs.filter((p) => !p.startsWith('electron/shared/'))).toEqual([]);
    expect(inputs).not.toContain('electron/core/integration-store.ts');
  });
});
