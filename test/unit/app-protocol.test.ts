import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mimeTypeFor, resolveAppPath } from '../../electron/app/app-protocol';
import {
  CONTENT_SECURITY_POLICY,
  isAllowedExternalUrl,
  securityHeaders,
} from '../../electron/app/window-policy';

const ROOT = path.resolve('/srv/keysmith/dist/renderer');

function directive(policy: string, name: string): string | undefined {
  return policy
    .split(';')
    .map((part) => part.trim())
    .find((part) => part === name || part.startsWith(`${name} `));
}

describe('resolveAppPath', () => {
  it('serves index.html for the origin root', () => {
    for (const url of ['app://keysmith', 'app://keysmith/', 'app://keysmith/?x=1#top']) {
      const result = resolveAppPath(ROOT, url);
      expect(result).toEqual({
        ok: true,
        filePath: path.join(ROOT, 'index.html'),
        mimeType: 'text/html; charset=utf-8',
      });
    }
  });

  it('maps a nested asset inside the root and ignores query and fragment', () => {
    const result = resolveAppPath(ROOT, 'app://keysmith/assets/index-abc.js?v=2#x');
    expect(result).toEqual({
      ok: true,
      filePath: path.join(ROOT, 'assets', 'index-abc.js'),
      mimeType: 'text/javascript; charset=utf-8',
    });
  });

  it('decodes ordinary percent-escapes in file names', () => {
    const result = resolveAppPath(ROOT, 'app://keysmith/assets/my%20icon.svg');
    expect(result.ok && result.filePath).toBe(path.join(ROOT, 'assets', 'my icon.svg'));
  });

  it.each([
    'app://keysmith/../../etc/passwd',
    'app://keysmith/assets/../../../etc/passwd',
    'app://keysmith/%2e%2e/%2e%2e/etc/passwd',
    'app://keysmith/%2E%2E/etc/passwd',
    'app://keysmith/..%2f..%2fetc%2fpasswd',
    'app://keysmith/assets/..%5c..%5cwindows%5cwin.ini',
    'app://keysmith/.%2e/etc/passwd',
    'app://keysmith/./index.html',
    'app://keysmith/index.html%00.png',
    'app://keysmith/C:%5cWindows%5cwin.ini',
  ])('refuses traversal: %s', (url) => {
    const result = resolveAppPath(ROOT, url);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.status).toBe(403);
  });

  it('refuses malformed percent-encoding', () => {
    expect(resolveAppPath(ROOT, 'app://keysmith/%E0%A4%A.js')).toMatchObject({ ok: false, status: 400 });
  });

  it.each([
    'app://evil/index.html',
    'app://keysmith.evil/index.html',
    'https://keysmith/index.html',
    'file:///etc/passwd',
    'not a url',
  ])('refuses anything but the app origin: %s', (url) => {
    expect(resolveAppPath(ROOT, url).ok).toBe(false);
  });

  it('never resolves outside the root, whatever the input', () => {
    const probes = ['a/b/../../..', '%2e%2e', '....//', '..;/', '%252e%252e/x', '/\\/x'];
    for (const probe of probes) {
      const result = resolveAppPath(ROOT, `app://keysmith/${probe}`);
      if (result.ok) expect(result.filePath.startsWith(ROOT + path.sep)).toBe(true);
    }
  });
});

describe('mimeTypeFor', () => {
  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['assets/app.js', 'text/javascript; charset=utf-8'],
    ['chunk.MJS', 'text/javascript; charset=utf-8'],
    ['style.css', 'text/css; charset=utf-8'],
    ['icon.svg', 'image/svg+xml'],
    ['logo.png', 'image/png'],
    ['font.woff2', 'font/woff2'],
    ['data.json', 'application/json; charset=utf-8'],
    ['unknown.bin', 'application/octet-stream'],
    ['no-extension', 'application/octet-stream'],
  ])('%s -> %s', (file, expected) => {
    expect(mimeTypeFor(file)).toBe(expected);
  });
});

describe('content security policy', () => {
  it('allows scripts from the app itself only', () => {
    const scriptSrc = directive(CONTENT_SECURITY_POLICY, 'script-src');
    expect(scriptSrc).toBe("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline');
  });

  it('locks down objects, base URI and framing', () => {
    expect(directive(CONTENT_SECURITY_POLICY, 'default-src')).toBe("default-src 'self'");
    expect(directive(CONTENT_SECURITY_POLICY, 'object-src')).toBe("object-src 'none'");
    expect(directive(CONTENT_SECURITY_POLICY, 'base-uri')).toBe("base-uri 'none'");
    expect(directive(CONTENT_SECURITY_POLICY, 'frame-ancestors')).toBe("frame-ancestors 'none'");
  });

  it('comes in securityHeaders with nosniff and the content type', () => {
    const headers = securityHeaders('text/html; charset=utf-8');
    expect(headers['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(headers['X-Content-Type-Options']).toBe('nosniff');
    expect(headers['Content-Type']).toBe('text/html; charset=utf-8');
  });
});

describe('isAllowedExternalUrl', () => {
  it('allows https links to allowlisted docs hosts', () => {
    expect(isAllowedExternalUrl('https://developer.adobe.com/developer-console/docs/')).toBe(true);
    expect(isAllowedExternalUrl('https://datatracker.ietf.org/doc/html/rfc6749')).toBe(true);
  });

  it.each([
    'http://developer.adobe.com/',
    'https://evil.example/',
    'https://developer.adobe.com.evil.example/',
    'https://evil.developer.adobe.com/',
    'https://user:pw@developer.adobe.com/',
    'https://developer.adobe.com:8443/',
    'javascript:alert(1)',
    'file:///etc/passwd',
    'app://keysmith/index.html',
    'not a url',
  ])('refuses %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(false);
  });
});
