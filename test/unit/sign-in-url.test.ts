/** What the app hands the OS browser for a person's sign-in, and what it refuses. */
import { describe, expect, it } from 'vitest';
import { isAuthorizationUrl } from '../../electron/app/sign-in-url';

describe('isAuthorizationUrl', () => {
  it('opens https authorization URLs and loopback http ones, with their query', () => {
    expect(isAuthorizationUrl('https://ims-na1.adobelogin.com/ims/authorize/v2?client_id=x&state=y')).toBe(true);
    expect(isAuthorizationUrl('http://127.0.0.1:8080/authorize?x=1')).toBe(true);
  });
  it('refuses other schemes, plain http off this machine, and embedded credentials', () => {
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'ms-settings:', 'http://evil.example/authorize', 'https://user:pw@idp.example/auth', 'not a url']) {
      expect(isAuthorizationUrl(url), url).toBe(false);
    }
  });
});
