/**
 * oidc-provider (a certified OpenID provider nobody here wrote) configured for a person's sign-in:
 * the authorization code grant with PKCE (required for public clients), the device authorization
 * grant (RFC 8628), refresh tokens (issued with offline_access, rotated for public clients),
 * revocation (RFC 7009), user info and discovery, on loopback http. Its own development login and
 * consent pages (`devInteractions`) are what a real browser fills: any login name, any password.
 *
 * Native clients may redirect to http://127.0.0.1 on any port (oidc-provider strips loopback ports
 * for application_type native, RFC 8252 7.3).
 */
import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { loadProvider, quietly } from './oidc-server';

export interface UserClientSpec {
  clientId: string;
  /** absent: a public native client (PKCE, no secret) */
  clientSecret?: string;
  redirectUris?: string[];
}

export interface Account {
  name?: string;
  email?: string;
}

export interface OidcUserServer {
  issuer: string;
  /** requests to each path, for "how many token requests" checks */
  readonly hits: Record<string, number>;
  readonly grantErrors: { error: string; detail?: string }[];
  close(): Promise<void>;
}

export async function startOidcUserServer(clients: UserClientSpec[], accounts: Record<string, Account> = {}, opts: { accessTokenTtl?: number } = {}): Promise<OidcUserServer> {
  const { default: Provider } = await loadProvider();
  const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
  const sockets = new Set<Socket>();
  const route: { handler?: (req: IncomingMessage, res: ServerResponse) => void } = {};
  const hits: Record<string, number> = {};
  const server: Server = createServer((req, res) => {
    const p = new URL(req.url ?? '/', 'http://x').pathname;
    hits[p] = (hits[p] ?? 0) + 1;
    if (route.handler) route.handler(req, res);
    else res.writeHead(503).end();
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const grantErrors: { error: string; detail?: string }[] = [];

  const configuration: Record<string, unknown> = {
    clients: clients.map((c) => ({
      client_id: c.clientId,
      application_type: 'native',
      grant_types: ['authorization_code', 'refresh_token', 'urn:ietf:params:oauth:grant-type:device_code'],
      response_types: ['code'],
      redirect_uris: c.redirectUris ?? ['http://127.0.0.1/callback'],
      ...(c.clientSecret ? { client_secret: c.clientSecret, token_endpoint_auth_method: 'client_secret_basic' } : { token_endpoint_auth_method: 'none' }),
    })),
    scopes: ['openid', 'offline_access', 'profile', 'email'],
    claims: { openid: ['sub'], profile: ['name'], email: ['email'] },
    findAccount: async (_ctx: unknown, id: string) => ({
      accountId: id,
      claims: async () => ({ sub: id, name: accounts[id]?.name ?? id, email: accounts[id]?.email ?? `${id}@example.test` }),
    }),
    jwks: { keys: [{ ...signingKey, kid: randomUUID(), alg: 'RS256', use: 'sig' }] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    ttl: { AccessToken: opts.accessTokenTtl ?? 3600, IdToken: 3600, RefreshToken: 86_400, DeviceCode: 600, Interaction: 600, Session: 3600, Grant: 86_400, AuthorizationCode: 60 },
    features: {
      devInteractions: { enabled: true },
      deviceFlow: { enabled: true },
      revocation: { enabled: true },
      userinfo: { enabled: true },
    },
  };

  const provider = await quietly(() => new Provider(issuer, configuration));
  provider.on('grant.error', (_ctx, err) => grantErrors.push({ error: err.error ?? 'error', detail: err.error_detail }));
  provider.on('server_error', (_ctx, err) => console.error('oidc-provider server_error:', err));
  route.handler = provider.callback();

  return {
    issuer,
    hits,
    grantErrors,
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}
