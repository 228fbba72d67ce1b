/**
 * The Developer Console's user sign-in credentials, imported as Adobe user sign-in integrations
 * (console-user-credential.ts): Web App (confidential), Single-Page App and Native App (public),
 * the older OAuth Web mapped to a Web App, and iOS/Android refused with the reason.
 */
import { describe, expect, it } from 'vitest';
import { parseImportFile } from '../../electron/core/interop/import/parse-import';

function consoleFile(credentials: unknown[]): string {
  return JSON.stringify({
    project: {
      id: '1', name: 'p', title: 'Project', org: { id: '2', name: 'Org', ims_org_id: '1A2B3C4D5E6F7A8B9C0D1E2F@AdobeOrg' },
      workspace: { id: '3', name: 'Stage', details: { credentials, services: [] } },
    },
  });
}

const cred = (type: string, oauth2: Record<string, unknown>) => ({ id: type, name: type, integration_type: type, oauth2 });

async function plan(credentials: unknown[]) {
  return parseImportFile(Buffer.from(consoleFile(credentials)));
}

describe('Console user sign-in credentials', () => {
  it('imports Web App, Single-Page App, Native App and the older OAuth Web', async () => {
    const result = await plan([
      cred('oauthwebapp', { client_id: 'web-id', client_secret: 'p8e-web-secret', redirect_uri: ['https://app.example/.*'], defaultRedirectUri: 'https://app.example/cb' }),
      cred('oauthsinglepageapp', { client_id: 'spa-id', redirect_uri: ['https://spa.example/.*'], defaultRedirectUri: 'https://spa.example/' }),
      cred('oauthnativeapp', { client_id: 'native-id', client_secret: 'ignored-secret', redirect_uri: ['adobe+native://cb'], defaultRedirectUri: 'adobe+native://cb' }),
      cred('oauthweb', { client_id: 'old-id', client_secret: 'p8e-old-secret', defaultRedirectUri: 'https://localhost:9080' }),
    ]);
    const fields = result.candidates.map((c) => c.fields as Record<string, unknown>);
    expect(fields.map((f) => [f.kind, f.appType, f.clientId, f.clientSecrets, f.redirectUri])).toEqual([
      ['oauthUser', 'web', 'web-id', ['p8e-web-secret'], 'https://app.example/cb'],
      ['oauthUser', 'singlePage', 'spa-id', [], 'https://spa.example/'],
      // A Native App signs in on Keysmith's loopback: a custom-scheme redirect and any secret are left out.
      ['oauthUser', 'native', 'native-id', [], undefined],
      ['oauthUser', 'web', 'old-id', ['p8e-old-secret'], 'https://localhost:9080'],
    ]);
    expect(result.candidates[3]!.warnings).toContain('An older "OAuth Web" credential: imported as a Web App (confidential, with its client secret)');
  });

  it('refuses the deprecated iOS and Android credentials with the reason and what to do', async () => {
    const result = await plan([
      cred('oauthios', { client_id: 'ios-id', defaultRedirectUri: 'com.example.app://cb' }),
      cred('oauthandroid', { client_id: 'and-id', defaultRedirectUri: 'com.example.app://cb' }),
      cred('oauthnativeapp', { client_id: 'native-id' }),
    ]);
    expect(result.candidates).toHaveLength(1);
    expect(result.warnings.join('\n')).toMatch(/credential "oauthios": it is Adobe's deprecated iOS credential, whose redirect opens a phone app, which a desktop program cannot receive: create an OAuth Native App credential/);
    expect(result.warnings.join('\n')).toMatch(/deprecated Android credential/);
  });

  it('skips a Web App whose file lacks the client secret or the redirect, saying which', async () => {
    const result = await plan([
      cred('oauthwebapp', { client_id: 'web-id', defaultRedirectUri: 'https://app.example/cb' }),
      cred('oauthsinglepageapp', { client_id: 'spa-id' }),
      cred('oauthnativeapp', { client_id: 'native-id' }),
    ]);
    expect(result.candidates.map((c) => (c.fields as { clientId: string }).clientId)).toEqual(['native-id']);
    expect(result.warnings.join('\n')).toContain('a Web App is a confidential client: it needs its client secret');
    expect(result.warnings.join('\n')).toContain('a Single-Page App or Web App needs the redirect URI registered in the Developer Console');
  });
});
