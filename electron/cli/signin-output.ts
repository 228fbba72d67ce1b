/** How the sign-in commands word an identity and an expiry, once. */
import type { SignedInIdentity } from '../core/signin/session-store';
import type { GrantOptions } from '../core/signin/user-grants';
import { visibleText } from '../shared/terminal-text';
import type { CliContext } from './cli-context';

/** Global fetch, as for minted tokens (token-context.ts). */
export function grantOptions(ctx: CliContext): GrantOptions {
  const timeout = Number(ctx.env.KEYSMITH_HTTP_TIMEOUT_MS);
  return { fetch: (url, init) => fetch(url, init), ...(Number.isFinite(timeout) && timeout > 0 && { timeoutMs: timeout }) };
}

/** " as Ada Lovelace <ada@example.com>": provider text, so through visibleText. */
export function describeIdentity(identity: SignedInIdentity | undefined): string {
  if (!identity || identity.source === 'none') return '';
  const name = identity.name ? visibleText(identity.name) : undefined;
  const email = identity.email ? visibleText(identity.email) : undefined;
  const who = name && email ? `${name} <${email}>` : (name ?? email ?? (identity.sub ? visibleText(identity.sub) : undefined));
  return who ? ` as ${who}` : '';
}

function when(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** `refreshExpiresAt`: undefined without a refresh token, null when its lifetime is unknown. */
export function describeExpiry(accessExpiresAt: number, refreshExpiresAt: number | null | undefined): string {
  const access = `Access token valid until ${when(accessExpiresAt)}`;
  if (refreshExpiresAt === undefined) return `${access}; no refresh token, so sign in again after that`;
  if (refreshExpiresAt === null) return `${access}; renewed with the refresh token after that`;
  return `${access}; renewed with the refresh token until ${when(refreshExpiresAt)}`;
}
