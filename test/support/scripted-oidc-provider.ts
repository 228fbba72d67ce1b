/**
 * A tiny OpenID provider under the test's control, for what a certified one will never do: ID
 * tokens signed by the wrong key, for another audience, with another nonce, expired or unsigned;
 * redirects with a wrong state or no code; token and device endpoints that answer as the test says.
 * Discovery, JWKS and authorize behave; the rest is scripted per test.
 */
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface AuthorizeRequest {
  redirectUri: string;
  state: string;
  nonce: string | null;
  clientId: string;
}

export interface ScriptedProvider {
  issuer: string;
  /** the last authorization request */
  authorize: AuthorizeRequest | null;
  /** how /authorize answers: default redirects back with code=the-code and the same state */
  onAuthorize: (a: AuthorizeRequest) => { location: string } | { status: number; body: string };
  /** how /token (and /device) answer; default: a good token answer with a valid ID token */
  onToken: (form: Record<string, string>, req: IncomingMessage, res: ServerResponse) => void;
  onDevice: (form: Record<string, string>, res: ServerResponse) => void;
  readonly tokenForms: Record<string, string>[];
  /** an ID token: `claims` override the good ones; `key` another signer; `header` another header */
  idToken(claims?: Record<string, unknown>, opts?: { key?: KeyObject; header?: Record<string, unknown> }): string;
  goodAnswer(extra?: Record<string, unknown>): Record<string, unknown>;
  close(): Promise<void>;
}

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

export function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export async function startScriptedProvider(clientId: string): Promise<ScriptedProvider> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const sockets = new Set<Socket>();
  const tokenForms: Record<string, string>[] = [];
  let issuer = '';
  const p: ScriptedProvider = {
    issuer: '',
    authorize: null,
    tokenForms,
    onAuthorize: (a) => {
      const back = new URL(a.redirectUri);
      back.searchParams.set('code', 'the-code');
      back.searchParams.set('state', a.state);
      return { location: back.href };
    },
    onToken: (_form, _req, res) => json(res, 200, p.goodAnswer()),
    onDevice: (_form, res) => json(res, 404, { error: 'not_found' }),
    idToken(claims = {}, opts = {}) {
      const now = Math.floor(Date.now() / 1000);
      const payload = { iss: issuer, aud: clientId, sub: 'user-1', name: 'Test User', nonce: p.authorize?.nonce ?? undefined, iat: now, exp: now + 600, ...claims };
      const input = `${b64(opts.header ?? { alg: 'RS256', kid: 'k1' })}.${b64(payload)}`;
      return `${input}.${sign('sha256', Buffer.from(input), opts.key ?? privateKey).toString('base64url')}`;
    },
    goodAnswer(extra = {}) {
      return { access_token: 'access-1', token_type: 'Bearer', expires_in: 600, refresh_token: 'refresh-1', id_token: p.idToken(), ...extra };
    },
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const s of sockets) s.destroy();
      await closed;
    },
  };
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const form = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
      switch (url.pathname) {
        case '/.well-known/openid-configuration':
          return json(res, 200, {
            issuer,
            authorization_endpoint: `${issuer}/authorize`,
            token_endpoint: `${issuer}/token`,
            device_authorization_endpoint: `${issuer}/device`,
            jwks_uri: `${issuer}/jwks`,
          });
        case '/jwks':
          return json(res, 200, { keys: [{ ...publicKey.export({ format: 'jwk' }), kid: 'k1', alg: 'RS256', use: 'sig' }] });
        case '/authorize': {
          const a = { redirectUri: url.searchParams.get('redirect_uri') ?? '', state: url.searchParams.get('state') ?? '', nonce: url.searchParams.get('nonce'), clientId: url.searchParams.get('client_id') ?? '' };
          p.authorize = a;
          const answer = p.onAuthorize(a);
          if ('location' in answer) {
            res.writeHead(302, { location: answer.location });
            return res.end();
          }
          res.writeHead(answer.status, { 'content-type': 'text/html' });
          return res.end(answer.body);
        }
        case '/token':
          tokenForms.push(form);
          return p.onToken(form, req, res);
        case '/device':
          return p.onDevice(form, res);
        default:
          return json(res, 404, { error: 'not_found' });
      }
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  p.issuer = issuer;
  return p;
}
