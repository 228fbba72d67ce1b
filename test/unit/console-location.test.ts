/** Where a credential lives in the Developer Console: the pasted URL, the ids and the API base, as the model takes them. */
import { describe, expect, it } from 'vitest';
import { OAuthS2SFields } from '../../electron/shared/integration';
import { parseConsoleUrl } from '../../electron/shared/secret-rotation';

const base = { kind: 'oauthS2S', name: 'x', clientId: 'c', clientSecrets: ['s3cret'], scopes: ['openid'] };

describe('Console URL', () => {
  it('reads the org and credential ids from the URLs the Console shows', () => {
    expect(parseConsoleUrl('https://developer.adobe.com/console/projects/1187321/4566206088344794932/credentials/56890123/details/oauthservertoserver')).toEqual({
      consoleOrgId: '1187321',
      projectId: '4566206088344794932',
      credentialId: '56890123',
    });
    expect(parseConsoleUrl('  https://developer.adobe.com/console/projects/1/2/credentials/3  ')?.credentialId).toBe('3');
  });

  it('refuses what is not one', () => {
    for (const text of [
      'http://developer.adobe.com/console/projects/1/2/credentials/3/details',
      'https://developer.adobe.com/console/projects/1/2/credentials/abc/details',
      'https://developer.adobe.com/console/projects/1/2/workspaces/3',
      'https://developer.adobe.com/console/projects/1\u001b[2J/2/credentials/3',
      'not a url',
      '',
    ]) {
      expect(parseConsoleUrl(text), text).toBeNull();
    }
  });
});

describe('the model', () => {
  it('takes numeric ids and an https (or loopback http) I/O Management API origin', () => {
    const parsed = OAuthS2SFields.parse({ ...base, consoleOrgId: ' 1187321 ', credentialId: '56890123', consoleApi: 'https://api-stage.adobe.io/' });
    expect(parsed).toMatchObject({ consoleOrgId: '1187321', credentialId: '56890123', consoleApi: 'https://api-stage.adobe.io' });
    expect(OAuthS2SFields.parse({ ...base, consoleApi: 'http://127.0.0.1:8080' }).consoleApi).toBe('http://127.0.0.1:8080');
  });

  it('refuses ids with letters or escape sequences, and an API over plain http, with a path or with credentials', () => {
    for (const bad of [{ consoleOrgId: '1187321@AdobeOrg' }, { credentialId: '5689\u001b[31m0123' }, { credentialId: '../secrets' }, { consoleApi: 'http://api.adobe.io' }, { consoleApi: 'https://api.adobe.io/console' }, { consoleApi: 'https://u:p@api.adobe.io' }]) {
      expect(OAuthS2SFields.safeParse({ ...base, ...bad }).success, JSON.stringify(bad)).toBe(false);
    }
  });
});
