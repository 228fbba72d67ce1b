/**
 * A person's sign-in, from the authorization URL to the stored tokens: the authorization code grant
 * with PKCE S256, `state` and `nonce` through the system browser and a loopback redirect (RFC 8252),
 * or a pasted redirect when the browser is elsewhere, or the device code grant (RFC 8628). An ID
 * token that comes back is validated before anything is believed or stored; the identity shown is
 * the validated one, else the user info endpoint's.
 *
 * Core opens nothing itself: the front end hands in how to open a browser (xdg-open in the CLI,
 * shell.openExternal in the app) and how to read a pasted URL, and is told what to show.
 */
import { KeysmithError } from '../errors';
import { getIntegration } from '../integration-view';
import { signsInUser } from '../../shared/integration-kinds';
import { DEFAULT_SIGN_IN_TIMEOUT_SECONDS } from '../../shared/sign-in-limits';
import { stripControls } from '../tokens/server-text';
import { credentialHash } from '../tokens/token-cache';
import type { Vault } from '../vault';
import { deviceSignIn, type DeviceCode } from './device-flow';
import { getJson, stringField } from './get-json';
import { validateIdToken } from './id-token';
import { loopbackCertificate, type LoopbackCertificate } from './loopback-certificate';
import { listenForRedirect } from './loopback-listener';
import { newAuthorizationSecrets } from './pkce';
import { resolveEndpoints, type ProviderEndpoints, type UserIntegration } from './provider-endpoints';
import { interpretPasted } from './redirect-answer';
import { SessionStore, type SignedInIdentity, type SignInSession } from './session-store';
import { exchangeCode, type GrantOptions } from './user-grants';
import type { UserTokenAnswer } from './user-token-answer';

export type SignInMode = 'browser' | 'no-browser' | 'paste' | 'device';

export interface SignInOptions extends GrantOptions {
  mode: SignInMode;
  /** opens the system browser at a URL; throws when there is none */
  openBrowser: (url: string) => Promise<void>;
  /** the authorization URL, for the person to open (always told, so a failed opener is no dead end) */
  onAuthorizationUrl: (url: string, opened: boolean) => void;
  onDeviceCode: (code: DeviceCode) => void;
  /** reads what the person pasted (the URL the browser ended on, or the code); for `paste` */
  readPasted?: () => Promise<string>;
  /** how long to wait for the browser (or the pasted answer); `timeoutMs` is each HTTP request's */
  waitMs?: number;
  /** an https loopback redirect is served with this self-signed certificate: the browser will warn unless it is trusted */
  onLoopbackCertificate?: (cert: LoopbackCertificate, redirectUri: string) => void;
  /** the tokens are in hand and about to be stored: from here, stopping would no longer leave nothing stored */
  beforeStore?: () => void;
}

export interface SignInResult {
  integration: UserIntegration;
  identity: SignedInIdentity;
  expiresAt: number;
  refreshExpiresAt?: number;
  hasRefreshToken: boolean;
}

export function userIntegration(vault: Vault, name: string): UserIntegration {
  const integration = getIntegration(vault.document, name);
  if (!signsInUser(integration.kind)) {
    throw new KeysmithError('invalid_input', `"${integration.name}" is not a user sign-in integration: its tokens are minted for a machine, with no person to sign in`, { integration: integration.name });
  }
  return integration as UserIntegration;
}

export function scopeOf(integration: UserIntegration, endpoints: ProviderEndpoints): string {
  return integration.scopes.join(endpoints.scopeSeparator);
}

/**
 * A local redirect Keysmith can listen on (http, or https with its own certificate, which needs a
 * fixed port: the provider registered it); anything else (a registered https page) comes back by paste.
 */
function loopbackRedirect(integration: UserIntegration): string | undefined | null {
  if (!integration.redirectUri) return undefined;
  const url = new URL(integration.redirectUri);
  const loopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
  if (!loopback) return null;
  if (url.protocol === 'http:' || (url.protocol === 'https:' && url.port !== '')) return integration.redirectUri;
  return null;
}

export function authorizationUrl(
  integration: UserIntegration,
  endpoints: ProviderEndpoints,
  p: { redirectUri: string; state: string; codeChallenge: string; nonce: string },
): string {
  if (!endpoints.authorizeUrl) throw new KeysmithError('invalid_input', `"${integration.name}": the provider names no authorization endpoint`, { integration: integration.name, action: 'edit' });
  const url = new URL(endpoints.authorizeUrl);
  const openid = integration.scopes.includes('openid');
  const q = url.searchParams;
  q.set('response_type', 'code');
  q.set('client_id', integration.clientId);
  q.set('redirect_uri', p.redirectUri);
  if (integration.scopes.length > 0) q.set('scope', scopeOf(integration, endpoints));
  q.set('state', p.state);
  q.set('code_challenge', p.codeChallenge);
  q.set('code_challenge_method', 'S256');
  if (openid) q.set('nonce', p.nonce);
  // OIDC Core 11: offline_access is ignored unless consent is asked for. Adobe's prompt knows only none and login.
  if (openid && integration.scopes.includes('offline_access') && integration.kind === 'oauth2User') q.set('prompt', 'consent');
  if (integration.kind === 'oauth2User' && integration.audience) q.set('audience', integration.audience);
  return url.href;
}

async function authorizationCode(integration: UserIntegration, endpoints: ProviderEndpoints, opts: SignInOptions, secrets: ReturnType<typeof newAuthorizationSecrets>, dataDir: string) {
  const timeoutMs = opts.waitMs ?? DEFAULT_SIGN_IN_TIMEOUT_SECONDS * 1000;
  const local = loopbackRedirect(integration);
  const paste = opts.mode === 'paste' || local === null;
  if (paste && !opts.readPasted) throw new KeysmithError('invalid_input', `"${integration.name}" comes back to ${integration.redirectUri}, not to this machine, and nothing here can read where the browser ended`, { integration: integration.name });
  const tls = local && new URL(local).protocol === 'https:' ? await loopbackCertificate(dataDir, (opts.now ?? (() => new Date()))()) : undefined;
  const listener =
    local === null ? null : await listenForRedirect({ state: secrets.state, integrationName: integration.name, timeoutMs, ...(local && { redirectUri: local }), ...(tls && { tls: { cert: tls.certPem, key: tls.keyPem } }) });
  if (tls && listener) opts.onLoopbackCertificate?.(tls, listener.redirectUri);
  try {
    const redirectUri = listener?.redirectUri ?? integration.redirectUri!;
    const url = authorizationUrl(integration, endpoints, { redirectUri, ...secrets });
    let opened = false;
    if (opts.mode === 'browser') {
      try {
        await opts.openBrowser(url);
        opened = true;
      } catch {
        opened = false;
      }
    }
    opts.onAuthorizationUrl(url, opened);
    const fromPaste = paste
      ? opts.readPasted!().then((text) => {
          const answer = interpretPasted(text, secrets.state, integration.name);
          if (answer.kind === 'code') return answer.code;
          throw answer.kind === 'error' ? answer.error : new KeysmithError('invalid_input', 'unreachable');
        })
      : null;
    const waits: Promise<string>[] = [];
    if (listener) waits.push(listener.code);
    if (fromPaste) waits.push(fromPaste);
    const code = await Promise.race(waits);
    listener?.close();
    return { code, redirectUri };
  } finally {
    listener?.close();
  }
}

/** Who signed in: the validated ID token, else the user info endpoint; what a server wrote is cleaned before it is kept. */
async function identify(integration: UserIntegration, endpoints: ProviderEndpoints, tokens: UserTokenAnswer, nonce: string | undefined, opts: GrantOptions): Promise<SignedInIdentity> {
  const clean = (v: string | undefined) => (v === undefined ? undefined : stripControls(v).slice(0, 320));
  let identity: SignedInIdentity = { source: 'none' };
  const now = (opts.now ?? (() => new Date()))().getTime();
  if (tokens.idToken && endpoints.jwksUrl && endpoints.issuer) {
    const claims = await validateIdToken(tokens.idToken, { issuer: endpoints.issuer, clientId: integration.clientId, nonce, jwksUrl: endpoints.jwksUrl, now, integrationName: integration.name }, opts);
    identity = { source: 'id_token', sub: clean(claims.sub), name: clean(claims.name), email: clean(claims.email ?? claims.preferred_username) };
  }
  if (endpoints.userinfoUrl) {
    try {
      const info = await getJson(endpoints.userinfoUrl, 'user info', opts, { authorization: `Bearer ${tokens.accessToken}` });
      const sub = stringField(info.json, 'sub');
      if (info.status === 200 && sub !== undefined) {
        // OIDC Core 5.3.2: user info about someone else than the ID token's subject is not used.
        if (identity.source === 'id_token' && identity.sub !== clean(sub)) return identity;
        identity = {
          source: identity.source === 'id_token' ? 'id_token' : 'userinfo',
          sub: clean(sub),
          name: identity.name ?? clean(stringField(info.json, 'name')),
          email: identity.email ?? clean(stringField(info.json, 'email') ?? stringField(info.json, 'preferred_username')),
        };
      }
    } catch {
      // The tokens are good without it; the identity is only what is shown.
    }
  }
  for (const k of ['sub', 'name', 'email'] as const) if (identity[k] === undefined) delete identity[k];
  return identity;
}

export async function signIn(vault: Vault, name: string, opts: SignInOptions): Promise<SignInResult> {
  const integration = userIntegration(vault, name);
  const endpoints = await resolveEndpoints(integration, opts);
  const secrets = newAuthorizationSecrets();
  const device = opts.mode === 'device' || (integration.kind === 'oauth2User' && integration.grant === 'device_code');
  let tokens: UserTokenAnswer;
  if (device) {
    tokens = await deviceSignIn(integration, endpoints, scopeOf(integration, endpoints), { ...opts, onCode: opts.onDeviceCode });
  } else {
    const { code, redirectUri } = await authorizationCode(integration, endpoints, opts, secrets, vault.paths.dir);
    tokens = await exchangeCode(integration, endpoints, { code, codeVerifier: secrets.codeVerifier, redirectUri }, opts);
  }
  // No nonce goes with a device code, so none may come back.
  const identity = await identify(integration, endpoints, tokens, device ? undefined : secrets.nonce, opts);
  const now = (opts.now ?? (() => new Date()))().getTime();
  const { idToken: _ignored, ...kept } = tokens;
  const session: SignInSession = { ...kept, credentialHash: credentialHash(integration), identity, signedInAt: now };
  opts.beforeStore?.();
  await new SessionStore(vault).put(integration.id, session);
  return {
    integration,
    identity,
    expiresAt: session.expiresAt,
    hasRefreshToken: session.refreshToken !== undefined,
    ...(session.refreshExpiresAt !== undefined && { refreshExpiresAt: session.refreshExpiresAt }),
  };
}
