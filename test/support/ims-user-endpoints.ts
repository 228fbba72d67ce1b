/**
 * Adobe IMS's user sign-in endpoints for the IMS emulator (adobe-ims.md, "User sign-in"), as the
 * Developer Console's OAuth Native App, Single-Page App and Web App credentials use them:
 * - `GET /ims/authorize/v2`: client_id, redirect_uri (exact, or for a Native App any port on
 *   127.0.0.1), scope (comma or space separated), state, nonce, `code_challenge_method` S256 or
 *   `plain` (the default), code_challenge required of public clients. The person is "already
 *   signed in": the answer is the 302 back with `code` and `state` (or the error queued by denyNext).
 * - `POST /ims/token/v3` `authorization_code` and `refresh_token`: confidential clients by Basic
 *   (or client_secret in the body), public ones by client_id (query or body) and code_verifier.
 *   Codes are single use; refresh tokens only with offline_access and rotated on every use (the
 *   spent one is refused); `expires_in` in SECONDS; `sub` and an RS256 `id_token` (with nonce).
 * - `GET /ims/userinfo/v2` (bearer), `POST /ims/revoke` (token, client auth as above), `GET
 *   /ims/keys` (JWKS), `GET /ims/.well-known/openid-configuration`.
 */
import { createHash, randomBytes, sign, type KeyObject } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export interface EmulatedUserClient {
  clientId: string;
  appType: 'native' | 'singlePage' | 'web';
  /** Web App only */
  clientSecret?: string;
  /** registered redirects; a Native App also accepts http://127.0.0.1:<any port>/<path> for each */
  redirectUris: string[];
}

export interface EmulatedUser {
  sub: string;
  email: string;
  name: string;
}

export interface ImsUserApi {
  registerUserClient(c: EmulatedUserClient): void;
  /** who is signed in at the "IMS login page" for the next authorizations */
  setUser(u: EmulatedUser): void;
  /** the next authorization answers with this error instead of a code */
  denyNext(error: string, description?: string): void;
  /** access token lifetime in seconds (default 86399, as Adobe) */
  setUserTokenSeconds(seconds: number): void;
  /** refresh tokens ever accepted (rotation: each once) */
  readonly refreshUses: number;
  readonly revoked: readonly string[];
  /** every refresh token ever issued, oldest first */
  readonly issuedRefreshTokens: readonly string[];
  /** whether a refresh token would be accepted now */
  refreshTokenValid(token: string): boolean;
}

export interface UserReply {
  status: number;
  body?: unknown;
  location?: string;
}

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
const rand = () => randomBytes(24).toString('base64url');
const err = (status: number, error: string, description: string): UserReply => ({ status, body: { error, error_description: description } });

export function imsUserEndpoints(parts: { url: () => string; privateKey: KeyObject; publicKey: KeyObject }) {
  const clients = new Map<string, EmulatedUserClient>();
  let user: EmulatedUser = { sub: 'A1B2C3D4E5F6@AdobeID', email: 'ada@example.test', name: 'Ada Lovelace' };
  let denial: { error: string; description?: string } | null = null;
  let tokenSeconds = 86_399;
  const codes = new Map<string, { clientId: string; redirectUri: string; scopes: string[]; nonce?: string; challenge?: string; method: string; user: EmulatedUser }>();
  const refreshTokens = new Map<string, { clientId: string; scopes: string[]; user: EmulatedUser }>();
  const accessTokens = new Map<string, EmulatedUser>();
  const revoked: string[] = [];
  const issued: string[] = [];
  let refreshUses = 0;

  function redirectAllowed(c: EmulatedUserClient, uri: string): boolean {
    if (c.redirectUris.includes(uri)) return true;
    if (c.appType !== 'native') return false;
    try {
      const u = new URL(uri);
      return u.protocol === 'http:' && u.hostname === '127.0.0.1' && c.redirectUris.some((r) => new URL(r).hostname === '127.0.0.1' && new URL(r).pathname === u.pathname);
    } catch {
      return false;
    }
  }

  function idToken(clientId: string, u: EmulatedUser, nonce: string | undefined): string {
    const now = Math.floor(Date.now() / 1000);
    const input = `${b64({ alg: 'RS256', kid: 'ims-user-key', typ: 'JWT' })}.${b64({ iss: parts.url(), aud: clientId, sub: u.sub, email: u.email, name: u.name, iat: now, exp: now + 86_399, ...(nonce && { nonce }) })}`;
    return `${input}.${sign('sha256', Buffer.from(input), parts.privateKey).toString('base64url')}`;
  }

  /** Confidential: Basic or client_secret in the body; public: client_id in the query or the body. */
  function authenticate(req: IncomingMessage, form: Record<string, string>): EmulatedUserClient | UserReply {
    const query = new URL(req.url ?? '/', 'http://x').searchParams;
    let id = form.client_id ?? query.get('client_id') ?? undefined;
    let secret = form.client_secret;
    const basic = req.headers.authorization?.match(/^Basic (.+)$/i)?.[1];
    if (basic) {
      const [i, s] = Buffer.from(basic, 'base64').toString('utf8').split(':').map(decodeURIComponent);
      id = i;
      secret = s;
    }
    const c = id === undefined ? undefined : clients.get(id);
    if (!c) return err(400, 'invalid_client', 'invalid client_id parameter');
    if (c.appType === 'web' && secret !== c.clientSecret) return err(401, 'invalid_client', 'invalid client_secret parameter');
    return c;
  }

  function tokenAnswer(c: EmulatedUserClient, scopes: string[], u: EmulatedUser, nonce: string | undefined): UserReply {
    const access = `ims-user-at-${rand()}`;
    accessTokens.set(access, u);
    const body: Record<string, unknown> = { access_token: access, token_type: 'bearer', expires_in: tokenSeconds, sub: u.sub };
    if (scopes.includes('offline_access')) {
      const refresh = `ims-user-rt-${rand()}`;
      refreshTokens.set(refresh, { clientId: c.clientId, scopes, user: u });
      issued.push(refresh);
      body.refresh_token = refresh;
    }
    if (scopes.includes('openid')) body.id_token = idToken(c.clientId, u, nonce);
    return { status: 200, body };
  }

  const api: ImsUserApi = {
    registerUserClient: (c) => void clients.set(c.clientId, c),
    setUser: (u) => void (user = u),
    denyNext: (error, description) => void (denial = { error, ...(description && { description }) }),
    setUserTokenSeconds: (s) => void (tokenSeconds = s),
    get refreshUses() {
      return refreshUses;
    },
    revoked,
    issuedRefreshTokens: issued,
    refreshTokenValid: (token) => refreshTokens.has(token),
  };

  const PATHS = new Set(['/ims/authorize/v2', '/ims/userinfo/v2', '/ims/revoke', '/ims/keys', '/ims/.well-known/openid-configuration']);

  /** Whether this request is the user endpoints' (token/v3 only for the user grants). */
  function owns(pathname: string, form: Record<string, string>): boolean {
    return PATHS.has(pathname) || (pathname === '/ims/token/v3' && (form.grant_type === 'authorization_code' || form.grant_type === 'refresh_token'));
  }

  function handle(req: IncomingMessage, pathname: string, form: Record<string, string>): UserReply {
    const query = new URL(req.url ?? '/', 'http://x').searchParams;
    switch (pathname) {
      case '/ims/.well-known/openid-configuration': {
        const u = parts.url();
        return {
          status: 200,
          body: {
            issuer: u,
            authorization_endpoint: `${u}/ims/authorize/v2`,
            token_endpoint: `${u}/ims/token/v3`,
            userinfo_endpoint: `${u}/ims/userinfo/v2`,
            revocation_endpoint: `${u}/ims/revoke`,
            jwks_uri: `${u}/ims/keys`,
            id_token_signing_alg_values_supported: ['RS256'],
            grant_types_supported: ['authorization_code', 'refresh_token'],
          },
        };
      }
      case '/ims/keys':
        return { status: 200, body: { keys: [{ ...parts.publicKey.export({ format: 'jwk' }), kid: 'ims-user-key', alg: 'RS256', use: 'sig' }] } };
      case '/ims/authorize/v2': {
        const c = clients.get(query.get('client_id') ?? '');
        const redirectUri = query.get('redirect_uri') ?? '';
        if (!c || !redirectAllowed(c, redirectUri)) return err(400, 'invalid_request', 'unknown client_id or redirect_uri not allowed');
        const back = new URL(redirectUri);
        const state = query.get('state');
        if (state !== null) back.searchParams.set('state', state);
        const method = query.get('code_challenge_method') ?? 'plain';
        const challenge = query.get('code_challenge') ?? undefined;
        if (denial) {
          back.searchParams.set('error', denial.error);
          if (denial.description) back.searchParams.set('error_description', denial.description);
          denial = null;
          return { status: 302, location: back.href };
        }
        if ((c.appType !== 'web' && !challenge) || !['S256', 'plain'].includes(method)) {
          back.searchParams.set('error', 'invalid_request');
          back.searchParams.set('error_description', 'code_challenge required for public clients');
          return { status: 302, location: back.href };
        }
        const code = `ims-code-${rand()}`;
        const scopes = (query.get('scope') ?? '').split(/[\s,]+/).filter(Boolean);
        codes.set(code, { clientId: c.clientId, redirectUri, scopes, nonce: query.get('nonce') ?? undefined, challenge, method, user });
        back.searchParams.set('code', code);
        return { status: 302, location: back.href };
      }
      case '/ims/token/v3': {
        const c = authenticate(req, form);
        if (!('clientId' in c)) return c;
        if (form.grant_type === 'authorization_code') {
          const grant = codes.get(form.code ?? '');
          codes.delete(form.code ?? '');
          if (!grant || grant.clientId !== c.clientId) return err(400, 'invalid_grant', 'invalid or used authorization code');
          if (form.redirect_uri !== grant.redirectUri) return err(400, 'invalid_grant', 'redirect_uri does not match');
          if (grant.challenge !== undefined) {
            const verifier = form.code_verifier ?? '';
            const computed = grant.method === 'S256' ? createHash('sha256').update(verifier).digest('base64url') : verifier;
            if (computed !== grant.challenge) return err(400, 'invalid_grant', 'code_verifier does not match');
          }
          return tokenAnswer(c, grant.scopes, grant.user, grant.nonce);
        }
        const held = refreshTokens.get(form.refresh_token ?? '');
        if (!held || held.clientId !== c.clientId) return err(400, 'invalid_grant', 'invalid refresh token');
        refreshTokens.delete(form.refresh_token!);
        refreshUses += 1;
        return tokenAnswer(c, held.scopes, held.user, undefined);
      }
      case '/ims/userinfo/v2': {
        const bearer = req.headers.authorization?.match(/^Bearer (.+)$/i)?.[1];
        const u = bearer === undefined ? undefined : accessTokens.get(bearer);
        if (!u) return err(401, 'invalid_token', 'invalid access token');
        return { status: 200, body: { sub: u.sub, email: u.email, name: u.name, email_verified: true } };
      }
      case '/ims/revoke': {
        const c = authenticate(req, form);
        if (!('clientId' in c)) return c;
        const token = form.token ?? '';
        if (refreshTokens.delete(token) || accessTokens.delete(token)) revoked.push(token);
        return { status: 200, body: {} };
      }
    }
    return err(404, 'not_found', 'no such endpoint');
  }

  return { api, owns, handle };
}
