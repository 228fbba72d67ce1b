/**
 * A loopback Adobe IMS for tests: CI cannot reach ims-na1.adobelogin.com, so token minting is
 * tested against this instead. It follows /work/shared/adobe-ims.md, not guesses about Adobe.
 *
 * Emulated:
 * - `POST /ims/exchange/jwt` (and `/ims/exchange/jwt/`): client id/secret, then the JWT's RS256
 *   signature against every certificate registered for the client, `exp`, `iss`, `sub`, `aud` and
 *   the metascope claims, with Adobe's status codes and error bodies; `expires_in` in MILLISECONDS.
 * - `POST /ims/token/v3` (and aio-lib-ims's `/ims/token/v2` with `org_id`): client_credentials with
 *   comma-separated scopes; `expires_in` in SECONDS. Bodies urlencoded, or multipart/form-data as
 *   aio-lib-ims sends them.
 * - Access tokens that are RS256 JWTs shaped like Adobe's (`created_at`/`expires_in` as strings of
 *   milliseconds), signed by a key generated per emulator, so clients can decode them.
 * - Injected faults (throttling, 5xx, malformed bodies, slow answers, dropped connections).
 * - The I/O Management API's client secrets (adobe-ims.md, "Rotating client secrets"):
 *   `GET|POST /console/organizations/{orgId}/credentials/{credentialId}/secrets` and
 *   `DELETE .../secrets/{uuid}`, with `Authorization: Bearer` (a token this emulator minted, unexpired)
 *   and `x-api-key` (that token's client id); GET needs the scopes adobeio_api and
 *   read_client_secret, POST and DELETE adobeio_api and manage_client_secrets (403 otherwise). At
 *   most 2 secrets; the value only in the POST answer; times as strings of ms; every token mint
 *   updates the secret's `secret_usages`. A credential is registered with `consoleOrgId` and
 *   `credentialId` on its client. `intercept` answers, holds or drops one chosen future request,
 *   before or after its effect (a secret added whose answer never arrives).
 *
 * - The user sign-in endpoints (authorize v2, token v3 authorization_code/refresh_token, userinfo
 *   v2, revoke, keys, discovery): see ims-user-endpoints.ts.
 *
 * Not emulated: token validation endpoints, certificate validity dates (an expired certificate still verifies: adobe-ims.md is
 * silent), throttling by itself (inject a 429), `iat`/`nbf` checks, an upper bound on `exp`, and
 * Adobe's exact error_description wording. Plain http on 127.0.0.1 only.
 */
import { createHash, generateKeyPairSync, randomBytes, randomUUID, sign, verify, X509Certificate, type KeyObject } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { imsUserEndpoints, type ImsUserApi } from './ims-user-endpoints';

export interface EmulatedClient {
  clientId: string;
  /** Any one is accepted. */
  clientSecrets: string[];
  /** '...@AdobeOrg' */
  orgId: string;
  /** '...@techacct.adobe.com'; a stable made-up one is used when absent. */
  technicalAccountId?: string;
  /** Granted for the JWT exchange, e.g. ['ent_cloudmgr_sdk']. */
  metascopes?: string[];
  /** Granted for Server-to-Server, e.g. ['openid', 'AdobeID', 'read_organizations']. */
  scopes?: string[];
  /** Uploaded certificates; a JWT verifies if ANY of them matches. */
  certificatesPem?: string[];
  /** Default: true when certificatesPem is given. */
  jwtExchange?: boolean;
  /** Default: true when scopes is given. */
  s2s?: boolean;
  /** The Developer Console's numeric org id and credential id: where its secrets API lives. */
  consoleOrgId?: string;
  credentialId?: string;
}

/** A client secret as the emulator keeps it; `lastUsedAt` is the latest of its usages (ms), or null. */
export interface EmulatedSecret {
  uuid: string;
  value: string;
  createdAt: number;
  lastUsedAt: number | null;
}

/**
 * What `intercept` does to the request it catches: the Fault's answer (or `hold`: never answer
 * while the emulator runs). With `afterEffect` the request is first handled as usual (a secret is
 * added, a token minted and counted as a use), and only its answer is replaced.
 */
export type Interception = Fault & { hold?: boolean; afterEffect?: boolean };

/**
 * One injected answer to a token request. Defaults: status 500, empty body, JSON content type,
 * no delay. `destroy` drops the socket (after `delayMs`) without answering.
 */
export interface Fault {
  status?: number;
  body?: string;
  headers?: Record<string, string>;
  delayMs?: number;
  destroy?: boolean;
}

export interface RecordedRequest {
  method: string;
  /** As sent on the request line: path plus any query string. */
  path: string;
  /** The urlencoded body; empty when the body was not a form or was too large. */
  form: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
}

export interface ImsEmulator {
  /** 'http://127.0.0.1:PORT': origin, no trailing slash. Also the "IMS host" in aud/metascopes. */
  url: string;
  /** Registers a client, replacing any earlier one with the same id. */
  registerClient(c: EmulatedClient): void;
  /** Every request received, in arrival order. */
  readonly requests: RecordedRequest[];
  /** Queue faults: each answers one future POST to a token path instead of the normal logic. */
  failNext(...faults: Fault[]): void;
  /** Access-token lifetimes the emulator reports; defaults as Adobe: JWT 86399999 ms, S2S 86399 s. */
  setLifetimes(l: { jwtMs?: number; s2sSeconds?: number }): void;
  /** Queue faults for the secrets API: each answers one future request to it instead of the normal logic. */
  failNextConsole(...faults: Fault[]): void;
  /**
   * The first future request `match` accepts is treated as `how` says; resolves when it arrives
   * (after its effect, with `afterEffect`), so a test can kill the client at exactly that point.
   */
  intercept(match: (r: RecordedRequest) => boolean, how: Interception): Promise<RecordedRequest>;
  /** A client's secrets as they stand, oldest first. */
  secretsOf(clientId: string): EmulatedSecret[];
  /** The emulator's own public key (PEM, SPKI) that signs the access tokens it issues. */
  readonly tokenSigningPublicKeyPem: string;
  /** Stops listening, drops open connections (keep-alive, pending faults) and resolves when closed. */
  close(): Promise<void>;
  /** The user sign-in endpoints (ims-user-endpoints.ts): clients, the signed-in person, denials. */
  readonly users: ImsUserApi;
}

const MAX_BODY_BYTES = 64 * 1024;
const JWT_PATHS = new Set(['/ims/exchange/jwt', '/ims/exchange/jwt/']);
const S2S_PATHS = new Set(['/ims/token/v3', '/ims/token/v2']);

interface StoredSecret {
  uuid: string;
  value: string;
  createdAt: number;
  usages: Map<string, number>;
}

interface RegisteredClient {
  clientId: string;
  secrets: StoredSecret[];
  consoleOrgId?: string;
  credentialId?: string;
  orgId: string;
  technicalAccountId: string;
  metascopes: Set<string>;
  scopes: Set<string>;
  publicKeys: KeyObject[];
  jwtExchange: boolean;
  s2s: boolean;
}

interface Reply {
  status: number;
  body: unknown;
}

/** A refusal carried as a value, so each check reads as one line. */
class ImsError {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string,
  ) {}
}

const fail = (status: number, error: string, description: string): never => {
  throw new ImsError(status, error, description);
};

function errorReply(e: ImsError): Reply {
  return { status: e.status, body: { error: e.error, error_description: e.description } };
}

function register(c: EmulatedClient): RegisteredClient {
  // Parse certificates now, so a bad fixture fails where it is written, not as a 400 later.
  const publicKeys = (c.certificatesPem ?? []).map((pem) => new X509Certificate(pem).publicKey);
  return {
    clientId: c.clientId,
    secrets: c.clientSecrets.map((value) => newSecret(value)),
    ...(c.consoleOrgId !== undefined && { consoleOrgId: c.consoleOrgId }),
    ...(c.credentialId !== undefined && { credentialId: c.credentialId }),
    orgId: c.orgId,
    // Adobe gives S2S credentials a technical account too; a stable one keeps user_id comparable.
    technicalAccountId:
      c.technicalAccountId ??
      `${createHash('sha256').update(c.clientId).digest('hex').slice(0, 24).toUpperCase()}@techacct.adobe.com`,
    metascopes: new Set(c.metascopes ?? []),
    scopes: new Set(c.scopes ?? []),
    publicKeys,
    jwtExchange: c.jwtExchange ?? c.certificatesPem !== undefined,
    s2s: c.s2s ?? c.scopes !== undefined,
  };
}

function newSecret(value = `p8e-${randomBytes(24).toString('base64url')}`): StoredSecret {
  return { uuid: randomUUID(), value, createdAt: Date.now(), usages: new Map() };
}

function lastUsed(secret: StoredSecret): number | null {
  return secret.usages.size === 0 ? null : Math.max(...secret.usages.values());
}

/** Adobe's listing of one secret: times as strings of ms, never the value. */
function listed(secret: StoredSecret): Record<string, unknown> {
  const usages = [...secret.usages].map(([grant, at]) => ({ last_used_at: String(at), grant_type: grant }));
  return {
    uuid: secret.uuid,
    created_at: String(secret.createdAt),
    created_at_str: new Date(secret.createdAt).toISOString(),
    expires_at: 'PERMANENT',
    expires_at_str: 'PERMANENT',
    secret_usages: usages.length === 0 ? null : usages,
  };
}

const SECRETS_PATH = /^\/console\/organizations\/([^/]+)\/credentials\/([^/]+)\/secrets(?:\/([^/]+))?$/;
const SCOPES_FOR: Record<string, string[]> = {
  GET: ['adobeio_api', 'read_client_secret'],
  POST: ['adobeio_api', 'manage_client_secrets'],
  DELETE: ['adobeio_api', 'manage_client_secrets'],
};

/** The I/O gateway's refusal, carried as a value like ImsError. */
class GatewayError {
  constructor(
    readonly status: number,
    readonly message: string,
  ) {}
}

function b64urlJson(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const BASE64URL = /^[A-Za-z0-9_-]*$/;

function decodeJwt(token: string): { header: Record<string, unknown>; payload: Record<string, unknown>; signingInput: string; signature: Buffer } {
  const parts = token.split('.');
  const [h, p, s] = parts;
  if (parts.length !== 3 || h === undefined || p === undefined || s === undefined || ![h, p, s].every((x) => BASE64URL.test(x))) {
    return fail(400, 'invalid_token', 'jwt_token is not a JWT (three base64url parts)');
  }
  let header: unknown;
  let payload: unknown;
  try {
    header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8'));
    payload = JSON.parse(Buffer.from(p, 'base64url').toString('utf8'));
  } catch {
    return fail(400, 'invalid_token', 'jwt_token header or payload is not JSON');
  }
  if (!isPlainObject(header) || !isPlainObject(payload)) {
    return fail(400, 'invalid_token', 'jwt_token header and payload must be JSON objects');
  }
  return { header, payload, signingInput: `${h}.${p}`, signature: Buffer.from(s, 'base64url') };
}

function parseForm(body: string): Record<string, string> {
  const form: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    // RFC 6749 3.2: parameters must not repeat. Keep the first for the record; the check is separate.
    if (!(key in form)) form[key] = value;
  }
  return form;
}

function hasRepeatedField(body: string): boolean {
  const keys = [...new URLSearchParams(body).keys()];
  return new Set(keys).size !== keys.length;
}

function isFormContentType(value: string | undefined): boolean {
  return value?.split(';')[0]?.trim().toLowerCase() === 'application/x-www-form-urlencoded';
}

/**
 * aio-lib-ims posts its token requests as multipart/form-data (the form-data package), and IMS
 * accepts them: such a body becomes the urlencoded text of the same fields, or null if malformed.
 */
function multipartAsUrlencoded(contentType: string | undefined, body: string): string | null {
  const [type, ...params] = (contentType ?? '').split(';');
  if (type?.trim().toLowerCase() !== 'multipart/form-data') return null;
  const boundary = params.map((p) => /^\s*boundary="?([^";]+)"?\s*$/i.exec(p)?.[1]).find(Boolean);
  if (!boundary) return null;
  const form = new URLSearchParams();
  for (const part of body.split(`--${boundary}`).slice(1)) {
    if (part.startsWith('--')) break;
    const split = part.indexOf('\r\n\r\n');
    if (split === -1) return null;
    const name = /name="([^"]*)"/i.exec(part.slice(0, split))?.[1];
    if (name === undefined) return null;
    form.append(name, part.slice(split + 4).replace(/\r\n$/, ''));
  }
  return form.toString();
}

export async function startImsEmulator(): Promise<ImsEmulator> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const tokenSigningPublicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const clients = new Map<string, RegisteredClient>();
  const requests: RecordedRequest[] = [];
  const faults: Fault[] = [];
  const consoleFaults: Fault[] = [];
  const interceptions: { match: (r: RecordedRequest) => boolean; how: Interception; caught: (r: RecordedRequest) => void }[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const lifetimes = { jwtMs: 86_399_999, s2sSeconds: 86_399 };
  let url = '';
  const userEndpoints = imsUserEndpoints({ url: () => url, privateKey, publicKey });

  function mintAccessToken(client: RegisteredClient, scope: string[], expiresInMs: number): string {
    const header = { alg: 'RS256', x5u: 'ims_na1-key-at-1.cer', kid: 'ims_na1-key-at-1', itt: 'at' };
    const payload = {
      // Adobe's ids are '<ms>_<uuid>_<region>'; the uuid is what makes every token distinct.
      id: `${Date.now()}_${randomUUID()}_ue1`,
      type: 'access_token',
      client_id: client.clientId,
      user_id: client.technicalAccountId,
      as: 'ims-na1',
      org: client.orgId,
      created_at: String(Date.now()),
      expires_in: String(expiresInMs),
      scope: scope.join(','),
    };
    const signingInput = `${b64urlJson(header)}.${b64urlJson(payload)}`;
    return `${signingInput}.${sign('sha256', Buffer.from(signingInput), privateKey).toString('base64url')}`;
  }

  /** Checks the pair; the secret's use is counted only once the token is granted (`use`). */
  function authenticate(form: Record<string, string>): RegisteredClient & { use: (grant: string) => void } {
    const client = form.client_id === undefined ? undefined : clients.get(form.client_id);
    if (!client) return fail(400, 'invalid_client', 'invalid client_id parameter');
    const secret = client.secrets.find((s) => s.value === form.client_secret);
    if (form.client_secret === undefined || !secret) {
      return fail(401, 'invalid_client', 'invalid client_secret parameter');
    }
    return Object.assign(Object.create(client) as RegisteredClient, { use: (grant: string) => void secret.usages.set(grant, Date.now()) });
  }

  function bearerClaims(req: IncomingMessage): Record<string, unknown> {
    const match = /^Bearer ([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/.exec(req.headers.authorization ?? '');
    if (!match) throw new GatewayError(401, 'Oauth token is not valid');
    const [, h, p, sig] = match;
    if (!verify('sha256', Buffer.from(`${h}.${p}`), publicKey, Buffer.from(sig!, 'base64url'))) throw new GatewayError(401, 'Oauth token is not valid');
    const claims = JSON.parse(Buffer.from(p!, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (Number(claims.created_at) + Number(claims.expires_in) <= Date.now()) throw new GatewayError(401, 'Oauth token is expired');
    return claims;
  }

  function secretsApi(req: IncomingMessage, match: RegExpExecArray): Reply {
    const [, orgId, credentialId, uuid] = match;
    const method = req.method ?? '';
    const allowed = uuid === undefined ? ['GET', 'POST'] : ['DELETE'];
    if (!allowed.includes(method)) throw new GatewayError(405, `use ${allowed.join(' or ')}`);
    const claims = bearerClaims(req);
    const apiKey = req.headers['x-api-key'];
    if (typeof apiKey !== 'string' || apiKey === '') throw new GatewayError(403, 'Api Key is required');
    if (apiKey !== claims.client_id) throw new GatewayError(403, 'Api Key is invalid for this token');
    const granted = new Set(String(claims.scope ?? '').split(','));
    const missing = SCOPES_FOR[method]!.filter((s) => !granted.has(s));
    if (missing.length > 0) throw new GatewayError(403, `the token lacks the scopes ${missing.join(', ')}`);
    const client = [...clients.values()].find((c) => c.consoleOrgId === orgId && c.credentialId === credentialId);
    if (!client) throw new GatewayError(404, 'credential not found in this organization');
    if (claims.org !== client.orgId) throw new GatewayError(403, 'the token belongs to another organization');
    if (method === 'GET') return { status: 200, body: { client_id: client.clientId, client_secrets: client.secrets.map(listed) } };
    if (method === 'POST') {
      if (client.secrets.length >= 2) throw new GatewayError(400, 'A credential can have at most 2 client secrets: delete one first');
      const secret = newSecret();
      client.secrets.push(secret);
      return { status: 201, body: { client_secret: secret.value, ...listed(secret) } };
    }
    const index = client.secrets.findIndex((s) => s.uuid === uuid);
    if (index < 0) throw new GatewayError(404, 'client secret not found');
    client.secrets.splice(index, 1);
    return { status: 204, body: undefined };
  }

  function exchangeJwt(form: Record<string, string>): Reply {
    const client = authenticate(form);
    if (!client.jwtExchange) return fail(401, 'invalid_client', 'this client may not exchange JWTs');
    if (!form.jwt_token) return fail(400, 'invalid_token', 'missing jwt_token parameter');
    const { header, payload, signingInput, signature } = decodeJwt(form.jwt_token);

    if (header.alg !== 'RS256') return fail(400, 'invalid_signature', `JWT algorithm must be RS256, got ${String(header.alg)}`);
    const verifies = client.publicKeys.some((key) => {
      try {
        return verify('sha256', Buffer.from(signingInput), key, signature);
      } catch {
        return false; // e.g. a non-RSA certificate: it simply does not match
      }
    });
    if (!verifies) return fail(400, 'invalid_signature', 'Could not match JWT signature to any of the bindings');

    const { exp, jti, iss, sub, aud } = payload;
    if (typeof exp !== 'number' || !Number.isInteger(exp)) return fail(400, 'invalid_token', 'exp must be an integer number of seconds');
    if (exp * 1000 <= Date.now()) return fail(400, 'invalid_token', 'JWT token is expired');
    if (jti !== undefined && typeof jti !== 'string' && typeof jti !== 'number') return fail(400, 'invalid_token', 'jti must be a string or a number');

    if (typeof iss !== 'string' || !iss.endsWith('@AdobeOrg')) return fail(400, 'bad_request', 'iss must be an org id (...@AdobeOrg)');
    if (iss !== client.orgId) return fail(400, 'bad_request', "iss is not this client's org id");
    if (typeof sub !== 'string' || !sub.endsWith('@techacct.adobe.com')) return fail(400, 'bad_request', 'sub must be a technical account id (...@techacct.adobe.com)');
    if (sub !== client.technicalAccountId) return fail(400, 'bad_request', "sub is not this client's technical account id");
    if (aud !== `${url}/c/${client.clientId}`) return fail(400, 'invalid_client', 'aud names another client or IMS environment');

    const prefix = `${url}/s/`;
    const requested: string[] = [];
    for (const [claim, value] of Object.entries(payload)) {
      if (!claim.startsWith(prefix)) continue;
      const metascope = claim.slice(prefix.length);
      if (value !== true) return fail(400, 'invalid_scope', `metascope claim ${metascope} must be true`);
      if (!client.metascopes.has(metascope)) return fail(400, 'invalid_scope', `metascope ${metascope} is not granted to this client`);
      requested.push(metascope);
    }
    if (requested.length === 0) return fail(400, 'invalid_scope', 'no metascope claim for this IMS');

    client.use('urn:ietf:params:oauth:grant-type:jwt-bearer');
    return {
      status: 200,
      body: { token_type: 'bearer', access_token: mintAccessToken(client, requested, lifetimes.jwtMs), expires_in: lifetimes.jwtMs },
    };
  }

  function clientCredentials(path: string, form: Record<string, string>): Reply {
    if (form.grant_type !== 'client_credentials') return fail(400, 'unsupported_grant_type', 'grant_type must be client_credentials');
    const client = authenticate(form);
    if (!client.s2s) return fail(401, 'invalid_client', 'this client may not use client_credentials');
    // aio-lib-ims sends org_id to v2; a wrong one is a caller bug worth surfacing.
    if (path === '/ims/token/v2' && form.org_id !== undefined && form.org_id !== client.orgId) {
      return fail(400, 'bad_request', "org_id is not this client's org id");
    }
    const requested = (form.scope ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
    if (requested.length === 0) return fail(400, 'invalid_scope', 'missing scope parameter');
    const ungranted = requested.filter((s) => !client.scopes.has(s));
    if (ungranted.length > 0) return fail(400, 'invalid_scope', `scope not granted to this client: ${ungranted.join(',')}`);
    const seconds = lifetimes.s2sSeconds;
    client.use('client_credentials');
    return {
      status: 200,
      body: { access_token: mintAccessToken(client, requested, seconds * 1000), token_type: 'bearer', expires_in: seconds },
    };
  }

  function send(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
    if (res.destroyed || res.writableEnded) return;
    const hasType = Object.keys(headers).some((k) => k.toLowerCase() === 'content-type');
    res.writeHead(status, {
      ...(hasType ? {} : { 'Content-Type': 'application/json;charset=utf-8' }),
      'Cache-Control': 'no-store',
      ...headers,
    });
    res.end(body);
  }

  function sendReply(res: ServerResponse, reply: Reply, headers?: Record<string, string>): void {
    send(res, reply.status, JSON.stringify(reply.body), headers);
  }

  function later(ms: number, fn: () => void): void {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
  }

  function answerFault(req: IncomingMessage, res: ServerResponse, fault: Fault): void {
    const act = () => {
      if (fault.destroy) req.socket.destroy();
      else send(res, fault.status ?? 500, fault.body ?? '', fault.headers);
    };
    if (fault.delayMs) later(fault.delayMs, act);
    else act();
  }

  function handle(req: IncomingMessage, res: ServerResponse, body: Buffer, tooLarge: boolean, record: RecordedRequest): void {
    const pathname = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (isFormContentType(req.headers['content-type']) && !tooLarge) record.form = parseForm(body.toString('utf8'));
    const at = interceptions.findIndex((i) => i.match(record));
    if (at < 0) return route(req, res, body, tooLarge, record, pathname);
    const [{ how, caught }] = interceptions.splice(at, 1) as [(typeof interceptions)[number]];
    const act = () => {
      caught(record);
      if (!how.hold) answerFault(req, res, how);
    };
    if (!how.afterEffect) return act();
    // The request takes effect; its answer is dropped, and the interception answers instead.
    const sink = new Proxy(res, { get: (target, key) => (key === 'writeHead' || key === 'end' ? () => sink : Reflect.get(target, key, target)) });
    route(req, sink, body, tooLarge, record, pathname);
    act();
  }

  function route(req: IncomingMessage, res: ServerResponse, body: Buffer, tooLarge: boolean, record: RecordedRequest, pathname: string): void {
    // Adobe's user sign-in endpoints (authorize v2, token v3 for codes and refresh, userinfo, revoke).
    if (userEndpoints.owns(pathname, record.form)) {
      const fault = pathname === '/ims/token/v3' ? faults.shift() : undefined;
      if (fault) return answerFault(req, res, fault);
      const reply = userEndpoints.handle(req, pathname, record.form);
      if (reply.location) return send(res, reply.status, '', { Location: reply.location });
      return sendReply(res, { status: reply.status, body: reply.body });
    }
    const secrets = SECRETS_PATH.exec(pathname);
    if (secrets) {
      const fault = consoleFaults.shift();
      if (fault) return answerFault(req, res, fault);
      try {
        const reply = secretsApi(req, secrets);
        if (reply.status === 204) return send(res, 204, '');
        return sendReply(res, reply);
      } catch (e) {
        if (!(e instanceof GatewayError)) throw e;
        return sendReply(res, { status: e.status, body: { error_code: `${e.status}003`, message: e.message } });
      }
    }
    const isJwt = JWT_PATHS.has(pathname);
    if (!isJwt && !S2S_PATHS.has(pathname)) {
      return sendReply(res, { status: 404, body: { error: 'not_found', error_description: `no such endpoint: ${req.method} ${pathname}` } });
    }
    if (req.method !== 'POST') {
      return sendReply(res, { status: 405, body: { error: 'method_not_allowed', error_description: 'use POST' } }, { Allow: 'POST' });
    }
    const multipart = multipartAsUrlencoded(req.headers['content-type'], body.toString('utf8'));
    const isForm = multipart !== null || isFormContentType(req.headers['content-type']);
    const text = multipart ?? body.toString('utf8');
    if (isForm && !tooLarge) record.form = parseForm(text);

    const fault = faults.shift();
    if (fault) return answerFault(req, res, fault);

    if (tooLarge) return sendReply(res, { status: 413, body: { error: 'request_too_large', error_description: `body over ${MAX_BODY_BYTES} bytes` } });
    if (!isForm) return sendReply(res, errorReply(new ImsError(400, 'invalid_request', 'Content-Type must be application/x-www-form-urlencoded')));
    if (hasRepeatedField(text)) return sendReply(res, errorReply(new ImsError(400, 'invalid_request', 'a parameter is repeated')));
    try {
      sendReply(res, isJwt ? exchangeJwt(record.form) : clientCredentials(pathname, record.form));
    } catch (e) {
      if (!(e instanceof ImsError)) throw e;
      sendReply(res, errorReply(e));
    }
  }

  const server = createServer((req, res) => {
    const record: RecordedRequest = { method: req.method ?? '', path: req.url ?? '', form: {}, headers: { ...req.headers } as IncomingHttpHeaders };
    requests.push(record);
    const chunks: Buffer[] = [];
    let size = 0;
    // Drain an oversized body rather than answer mid-upload: an early answer races the client's
    // write and surfaces as ECONNRESET instead of the 413 a test wants to see.
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => {
      try {
        handle(req, res, Buffer.concat(chunks), size > MAX_BODY_BYTES, record);
      } catch (e) {
        sendReply(res, { status: 500, body: { error: 'internal_error', error_description: `emulator bug: ${(e as Error).message}` } });
      }
    });
    req.on('error', () => res.destroy());
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  let closing: Promise<void> | undefined;
  return {
    url,
    requests,
    tokenSigningPublicKeyPem,
    users: userEndpoints.api,
    registerClient(c) {
      clients.set(c.clientId, register(c));
    },
    failNext(...more) {
      faults.push(...more);
    },
    failNextConsole(...more) {
      consoleFaults.push(...more);
    },
    intercept(match, how) {
      return new Promise<RecordedRequest>((caught) => interceptions.push({ match, how, caught }));
    },
    secretsOf(clientId) {
      const client = clients.get(clientId);
      if (!client) throw new Error(`no client ${clientId}`);
      return client.secrets.map((s) => ({ uuid: s.uuid, value: s.value, createdAt: s.createdAt, lastUsedAt: lastUsed(s) }));
    },
    setLifetimes(l) {
      for (const value of [l.jwtMs, l.s2sSeconds]) {
        if (value !== undefined && !(Number.isInteger(value) && value >= 0)) throw new Error(`lifetime must be a non-negative integer, got ${value}`);
      }
      if (l.jwtMs !== undefined) lifetimes.jwtMs = l.jwtMs;
      if (l.s2sSeconds !== undefined) lifetimes.s2sSeconds = l.s2sSeconds;
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close(() => resolve());
        // server.close() alone waits for idle keep-alive sockets and for delayed faults.
        for (const socket of sockets) socket.destroy();
      });
      return closing;
    },
  };
}
