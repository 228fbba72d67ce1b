/**
 * Token endpoints carry client secrets, so they must be https; plain http is allowed only for
 * loopback hosts (local emulators and tests), where nothing crosses a network.
 */
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || /^127(\.\d{1,3}){3}$/.test(hostname);
}

export type EndpointCheck = { ok: true; url: string } | { ok: false; reason: string };

/**
 * Normalises and checks an endpoint. `bareHostAllowed` accepts `ims-na1.adobelogin.com` as AEM's
 * service credentials write it; `originOnly` refuses a path (an IMS endpoint is a host, the token
 * paths are appended by the token clients).
 */
export function checkEndpoint(
  input: string,
  opts: { bareHostAllowed: boolean; originOnly: boolean },
): EndpointCheck {
  let text = input.trim();
  if (opts.bareHostAllowed && !/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) text = `https://${text}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, reason: `"${input}" is not a URL (expected e.g. https://ims-na1.adobelogin.com)` };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, reason: `"${input}" must be an https URL` };
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return { ok: false, reason: `"${input}" must use https (plain http is allowed only for localhost/127.0.0.1)` };
  }
  if (url.username || url.password) {
    return { ok: false, reason: `"${input}" must not contain a user name or password` };
  }
  if (url.search || url.hash) {
    return { ok: false, reason: `"${input}" must not contain a query string or fragment` };
  }
  if (opts.originOnly) {
    if (url.pathname !== '/' && url.pathname !== '') {
      return { ok: false, reason: `"${input}" must be a host only, without a path (e.g. https://ims-na1.adobelogin.com)` };
    }
    return { ok: true, url: url.origin };
  }
  return { ok: true, url: url.href };
}
