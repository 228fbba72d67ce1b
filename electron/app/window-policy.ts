// Pure window/navigation policy: no `electron` import, so it is unit tested in plain Node.

/** Sent on every app:// response; the renderer has no inline scripts or eval to allow. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers for every app:// response. */
export function securityHeaders(mimeType: string): Record<string, string> {
  return {
    'Content-Type': mimeType,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Referrer-Policy': 'no-referrer',
  };
}

/** Documentation hosts a link in the UI may open in the user's browser. Exact host match only. */
export const EXTERNAL_LINK_HOSTS: ReadonlySet<string> = new Set([
  'developer.adobe.com',
  'experienceleague.adobe.com',
  'helpx.adobe.com',
  'datatracker.ietf.org',
  'www.rfc-editor.org',
]);

/**
 * Whether a URL the renderer tried to open may be handed to the OS browser.
 * https only, default port, no embedded credentials: anything else could smuggle a
 * non-web handler or a lookalike target past the host check.
 */
export function isAllowedExternalUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === 'https:' &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === '' &&
    EXTERNAL_LINK_HOSTS.has(parsed.hostname)
  );
}
