/**
 * A real OAuth 2.0 authorization server for integration tests: `oidc-provider` (a certified
 * OpenID provider) configured for the `client_credentials` grant, listening on loopback http.
 *
 * Behaviour worth knowing (oidc-provider 9.13):
 * - Every client authentication failure answers 401 with the same body,
 *   `{"error":"invalid_client","error_description":"client authentication failed"}`; the reason
 *   (wrong secret, replayed `jti`, bad `aud`, ...) is only in the error's `error_detail`, which
 *   this harness records in `tokenErrors`.
 * - A private_key_jwt assertion's `aud` may be the issuer (`http://127.0.0.1:PORT`, no trailing
 *   slash) or the token endpoint URL as the request reached it (`http://127.0.0.1:PORT/token`);
 *   an array containing either also passes.
 * - A scope the provider knows but the client was not registered with is rejected
 *   (400 `invalid_scope`); a scope the provider does not know at all is silently dropped.
 * - `client_secret_basic` and `client_secret_post` clients may use either method.
 * - client_id and client_secret must be printable ASCII (RFC 6749 VSCHAR); startOidcServer throws
 *   otherwise, since oidc-provider itself would only fail the client's first request.
 * - Assertion `jti`s are remembered (replay detection) in the default in-memory adapter, a
 *   per-provider LRU of about 1000-2000 entries shared with issued tokens.
 */
import { createPublicKey, generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { ProviderContext, ProviderError } from 'oidc-provider';

type ProviderModule = typeof import('oidc-provider');

export interface OidcClientSpec {
  clientId: string;
  authMethod: 'client_secret_basic' | 'client_secret_post' | 'private_key_jwt';
  /** for the secret methods */
  clientSecret?: string;
  /** for private_key_jwt: the client's RSA public key (SPKI PEM), registered as a JWKS with alg RS256 */
  publicKeyPem?: string;
  /** allowed scopes, e.g. ['api.read', 'api.write'] */
  scopes?: string[];
}

export interface OidcTokenError {
  /** the `error` sent to the client, e.g. 'invalid_client' */
  error: string;
  error_description?: string;
  /** oidc-provider's internal reason, never sent to the client (e.g. 'invalid secret provided') */
  error_detail?: string;
  status?: number;
  clientId?: string;
}

export interface OidcServer {
  /** 'http://127.0.0.1:PORT' */
  issuer: string;
  /** the token endpoint URL, as discovered (`${issuer}/token`) */
  tokenUrl: string;
  /** the provider's JWKS URL, to verify JWT access tokens */
  jwksUrl: string;
  /** number of token requests received (POST to the token endpoint, successful or not) */
  readonly tokenRequests: number;
  /** every failed token request, oldest first, with oidc-provider's internal `error_detail` */
  readonly tokenErrors: readonly OidcTokenError[];
  close(): Promise<void>;
}

export interface OidcServerOptions {
  /**
   * Enables RFC 8707 resource indicators: a token request with `resource=<audience>` gets a JWT
   * access token (RS256, `aud` = audience) carrying the requested scopes among `scopes`.
   * Without this option resource indicators are disabled and every access token is opaque.
   */
  resourceIndicators?: { audience: string; scopes: string[] };
}

/** Lifetime of issued access tokens, in seconds (oidc-provider's own default for this grant). */
const ACCESS_TOKEN_TTL = 600;

// Development-only notices that are expected in this harness and would repeat on every run.
// Everything else the provider prints (and every error) goes through unchanged.
const EXPECTED_NOTICES = [
  // Node 20 (the project's engines floor) is below the provider's supported Node 22; it works.
  'oidc-provider WARNING: Unsupported runtime',
  // The default in-memory adapter is what we want: it also holds the assertion replay cache.
  'oidc-provider WARNING: a quick start development-only in-memory adapter is used',
];

export async function quietly<T>(fn: () => Promise<T> | T): Promise<T> {
  const { warn } = console;
  console.warn = (...args: unknown[]) => {
    const text = typeof args[0] === 'string' ? args[0] : '';
    if (EXPECTED_NOTICES.some((notice) => text.includes(notice))) return;
    warn.apply(console, args);
  };
  try {
    return await fn();
  } finally {
    console.warn = warn;
  }
}

let providerModule: Promise<ProviderModule> | undefined;
export function loadProvider(): Promise<ProviderModule> {
  providerModule ??= quietly(() => import('oidc-provider'));
  return providerModule;
}

function clientMetadata(spec: OidcClientSpec): Record<string, unknown> {
  const metadata: Record<string, unknown> = {
    client_id: spec.clientId,
    grant_types: ['client_credentials'],
    response_types: [],
    redirect_uris: [],
    token_endpoint_auth_method: spec.authMethod,
  };
  if (spec.scopes) metadata.scope = spec.scopes.join(' ');
  if (spec.authMethod === 'private_key_jwt') {
    if (!spec.publicKeyPem) throw new Error(`client ${spec.clientId}: private_key_jwt needs publicKeyPem`);
    const jwk = createPublicKey(spec.publicKeyPem).export({ format: 'jwk' });
    if (jwk.kty !== 'RSA') throw new Error(`client ${spec.clientId}: publicKeyPem must be an RSA key`);
    metadata.jwks = { keys: [{ ...jwk, alg: 'RS256', use: 'sig' }] };
    metadata.token_endpoint_auth_signing_alg = 'RS256';
  } else {
    if (!spec.clientSecret) throw new Error(`client ${spec.clientId}: ${spec.authMethod} needs clientSecret`);
    metadata.client_secret = spec.clientSecret;
  }
  return metadata;
}

export async function startOidcServer(
  clients: OidcClientSpec[],
  opts: OidcServerOptions = {},
): Promise<OidcServer> {
  const clientMetadataList = clients.map(clientMetadata);
  const { default: Provider, errors } = await loadProvider();

  const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
  const scopes = [...new Set(clients.flatMap((client) => client.scopes ?? []))];
  const resource = opts.resourceIndicators;

  const configuration: Record<string, unknown> = {
    clients: clientMetadataList,
    scopes,
    jwks: { keys: [{ ...signingKey, kid: randomUUID(), alg: 'RS256', use: 'sig' }] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    ttl: { ClientCredentials: ACCESS_TOKEN_TTL },
    features: {
      clientCredentials: { enabled: true },
      devInteractions: { enabled: false },
      resourceIndicators: resource
        ? {
            enabled: true,
            // Only an explicit `resource` selects the resource server; without one the token is opaque.
            defaultResource: async (_ctx: unknown, _client: unknown, oneOf?: string | string[]) => oneOf,
            getResourceServerInfo: async (_ctx: unknown, indicator: string) => {
              if (indicator !== resource.audience) throw new errors.InvalidTarget();
              return {
                scope: resource.scopes.join(' '),
                audience: resource.audience,
                accessTokenTTL: ACCESS_TOKEN_TTL,
                accessTokenFormat: 'jwt',
                jwt: { sign: { alg: 'RS256' } },
              };
            },
          }
        : { enabled: false },
    },
  };

  // The issuer must be known before the provider exists, so take a port first.
  const sockets = new Set<Socket>();
  let handler: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
  const server: Server = createServer((req, res) => {
    if (handler) handler(req, res);
    else res.writeHead(503).end();
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const issuer = `http://127.0.0.1:${port}`;

  const close = async (): Promise<void> => {
    if (!server.listening) return;
    const closed = new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    for (const socket of sockets) socket.destroy();
    await closed;
  };

  try {
    const provider = await quietly(() => new Provider(issuer, configuration));

    // oidc-provider validates static clients lazily, on their first request, and a bad one then
    // fails that request; validate them all now so a misconfigured test fails here instead.
    for (const { clientId } of clients) {
      try {
        await provider.Client.find(clientId);
      } catch (err) {
        const { message, error_description: description } = err as ProviderError;
        throw new Error(`oidc-provider refused client ${JSON.stringify(clientId)}: ${description ?? message}`, { cause: err });
      }
    }

    let tokenRequests = 0;
    const tokenErrors: OidcTokenError[] = [];
    const tokenPath = provider.pathFor('token');
    provider.use(async (ctx, next) => {
      if (ctx.method === 'POST' && ctx.path === tokenPath) tokenRequests += 1;
      await next();
    });
    const record = (ctx: ProviderContext, err: ProviderError) => {
      tokenErrors.push({
        error: err.error ?? 'server_error',
        error_description: err.error_description,
        error_detail: err.error_detail,
        status: err.statusCode ?? err.status,
        clientId: ctx.oidc?.client?.clientId,
      });
    };
    provider.on('grant.error', record);
    provider.on('server_error', (ctx, err) => {
      if (ctx.path === tokenPath) record(ctx, err);
      // The client only sees "oops! something went wrong"; show the cause in the test output.
      console.error('oidc-provider server_error:', err);
    });

    handler = provider.callback();

    const discovery = await fetch(`${issuer}/.well-known/openid-configuration`);
    if (!discovery.ok) throw new Error(`oidc-provider discovery failed: HTTP ${discovery.status}`);
    const metadata = (await discovery.json()) as { token_endpoint?: string; jwks_uri?: string; issuer?: string };
    if (metadata.issuer !== issuer || !metadata.token_endpoint || !metadata.jwks_uri) {
      throw new Error(`unexpected oidc-provider discovery document: ${JSON.stringify(metadata)}`);
    }

    return {
      issuer,
      tokenUrl: metadata.token_endpoint,
      jwksUrl: metadata.jwks_uri,
      get tokenRequests() {
        return tokenRequests;
      },
      get tokenErrors() {
        return tokenErrors;
      },
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}
