/**
 * Which URLs a person's sign-in may hand to the OS browser: the authorization (or verification)
 * URL Keysmith built from the integration's endpoints, which the model already holds to https, or
 * http on loopback (a local provider). Nothing else: no other scheme (a `file:` or custom handler),
 * no embedded credentials.
 */
import { checkEndpoint } from '../shared/endpoint-url';

export function isAuthorizationUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  const base = `${parsed.origin}${parsed.pathname}`;
  return (parsed.protocol === 'https:' || parsed.protocol === 'http:') && checkEndpoint(base, { bareHostAllowed: false, originOnly: false }).ok && parsed.username === '' && parsed.password === '';
}
