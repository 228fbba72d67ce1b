/**
 * The I/O Management API's client-secrets endpoints (adobe-ims.md, "Rotating client secrets"), as a
 * client that trusts nothing it is sent: answers are read up to a size cap, ids must be plain
 * (SecretUuidSchema) before they go into a URL or a message, times are numbers or nothing, and
 * server text is quoted only through quoteServer. Never followed through redirects (the bearer
 * token and the new secret would go with it). GET and DELETE are retried on 5xx and network
 * failures; POST never is: a second add could create a secret nobody receives.
 */
import { KeysmithError } from '../errors';
import { checkEndpoint } from '../../shared/endpoint-url';
import { DEFAULT_CONSOLE_API, SecretUuidSchema } from '../../shared/secret-rotation';
import type { Integration } from '../../shared/integration';
import { readBoundedBody } from '../tokens/bounded-body';
import { quoteServer, type Redactor } from '../tokens/server-text';
import { DEFAULT_TIMEOUT_MS, type HttpOptions } from '../tokens/token-http';

/** A listing of two secrets is under 1 KB; this leaves room for Adobe adding fields, not for a flood. */
const MAX_ANSWER_BYTES = 64 * 1024;

export interface ListedSecret {
  uuid: string;
  /** ms since the epoch, or null when Adobe's answer had no usable time */
  createdAt: number | null;
  /** the latest of its usages, or null when never used (or unreadable) */
  lastUsedAt: number | null;
}

export interface SecretLocation {
  integrationName: string;
  clientId: string;
  base: string;
  consoleOrgId: string;
  credentialId: string;
}

type S2S = Extract<Integration, { kind: 'oauthS2S' }>;

/** Where the integration's secrets are managed, or an error naming what is missing. */
export function secretLocation(integration: Integration): SecretLocation {
  if (integration.kind !== 'oauthS2S') {
    throw new KeysmithError('invalid_input', `"${integration.name}" is not an OAuth Server-to-Server integration: only those have client secrets Adobe lets Keysmith rotate`, {
      integration: integration.name,
    });
  }
  const s2s: S2S = integration;
  const missing = [!s2s.consoleOrgId && 'the Console org id', !s2s.credentialId && 'the credential id'].filter(Boolean);
  if (missing.length > 0) {
    throw new KeysmithError(
      'invalid_input',
      `"${integration.name}" does not say where its credential lives in the Developer Console (${missing.join(' and ')} missing): give them, or the credential's Console URL, or import the project JSON again`,
      { integration: integration.name, action: 'edit', field: s2s.consoleOrgId ? 'credentialId' : 'consoleOrgId' },
    );
  }
  return { integrationName: s2s.name, clientId: s2s.clientId, base: s2s.consoleApi ?? DEFAULT_CONSOLE_API, consoleOrgId: s2s.consoleOrgId!, credentialId: s2s.credentialId! };
}

function secretsUrl(where: SecretLocation, uuid?: string): string {
  const check = checkEndpoint(where.base, { bareHostAllowed: false, originOnly: true });
  if (!check.ok) throw new KeysmithError('invalid_input', `I/O Management API ${check.reason}`, { integration: where.integrationName, action: 'edit', field: 'consoleApi' });
  const path = `/console/organizations/${encodeURIComponent(where.consoleOrgId)}/credentials/${encodeURIComponent(where.credentialId)}/secrets`;
  return `${check.url}${path}${uuid === undefined ? '' : `/${encodeURIComponent(uuid)}`}`;
}

interface Answer {
  status: number;
  json: unknown;
  text: string;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function unreachable(err: unknown, url: string, timeoutMs: number, redactor: Redactor): string {
  const e = err as { name?: string; cause?: { code?: string; message?: string }; message?: string };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return `no answer from ${url} within ${Number((timeoutMs / 1000).toFixed(1))} s`;
  const code = e.cause?.code ?? '';
  if (code === 'ECONNREFUSED') return `${url} refused the connection`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `cannot resolve the host of ${url} (offline, or a proxy is needed?)`;
  return `cannot reach ${url} (${quoteServer(code || e.cause?.message || e.message || 'network error', redactor)})`;
}

async function request(method: 'GET' | 'POST' | 'DELETE', url: string, token: string, where: SecretLocation, http: HttpOptions, redactor: Redactor): Promise<Answer> {
  const attempts = method === 'POST' ? 1 : (http.attempts ?? 3);
  const timeoutMs = http.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let last = '';
  for (let i = 1; i <= attempts; i++) {
    try {
      const response = await http.fetch(url, {
        method,
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
        headers: { authorization: `Bearer ${token}`, 'x-api-key': where.clientId, accept: 'application/json' },
      });
      if (response.status >= 300 && response.status < 400) {
        await response.body?.cancel().catch(() => undefined);
        throw new KeysmithError('bad_response', `${url} answered with a redirect (HTTP ${response.status}); the I/O Management API is never followed through redirects: check its URL`, {
          integration: where.integrationName,
        });
      }
      const body = await readBoundedBody(response, MAX_ANSWER_BYTES);
      if (body.tooLarge) {
        throw new KeysmithError('bad_response', `${url} sent more than 64 KiB in answer to a client-secrets request, where Adobe's answer is under 1 KB: check the I/O Management API URL`, {
          integration: where.integrationName,
        });
      }
      let json: unknown;
      try {
        json = JSON.parse(body.text);
      } catch {
        json = undefined;
      }
      if (response.status < 500 || i === attempts) return { status: response.status, json, text: body.text };
      last = `HTTP ${response.status} ${quoteServer(body.text, redactor)}`;
    } catch (err) {
      if (err instanceof KeysmithError) throw err;
      last = unreachable(err, url, timeoutMs, redactor);
      if (method === 'POST') {
        throw new KeysmithError('token_unavailable', `No answer to the request for a new client secret (${last}); Adobe may have added it all the same`, { integration: where.integrationName });
      }
    }
    if (i < attempts) await (http.sleep ?? sleep)(Math.min((http.baseDelayMs ?? 500) * 2 ** (i - 1), http.maxDelayMs ?? 4000));
  }
  throw new KeysmithError('token_unavailable', `The I/O Management API could not be reached after ${attempts} attempts: ${last}`, { integration: where.integrationName });
}

function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.hasOwn(value, name) ? (value as Record<string, unknown>)[name] : undefined;
}

/** Adobe writes times as strings of ms; a number is accepted too, anything else is "unknown". */
function epochMs(value: unknown): number | null {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d{1,16}$/.test(value) ? Number(value) : NaN;
  return Number.isSafeInteger(n) && n >= 0 && n <= 8.64e15 ? n : null;
}

function refused(answer: Answer, url: string, where: SecretLocation, redactor: Redactor, doing: string): KeysmithError {
  const said = field(answer.json, 'message') ?? field(answer.json, 'error_description') ?? field(answer.json, 'error') ?? answer.text;
  const quote = quoteServer(typeof said === 'string' ? said : JSON.stringify(said) ?? '', redactor);
  const detail = quote ? ` (server: "${quote}")` : '';
  const who = `"${where.integrationName}"`;
  if (answer.status === 401 || answer.status === 403) {
    return new KeysmithError(
      'token_refused',
      `${who}: the I/O Management API refused to ${doing} (HTTP ${answer.status}): the credential's project needs the I/O Management API, and its token the scopes for client secrets${detail}`,
      { integration: where.integrationName },
    );
  }
  if (answer.status === 404) {
    return new KeysmithError(
      'not_found',
      `${who}: the I/O Management API knows no credential ${where.credentialId} in Console org ${where.consoleOrgId} (HTTP 404): check both ids${detail}`,
      { integration: where.integrationName, action: 'edit' },
    );
  }
  return new KeysmithError('bad_response', `${who}: could not ${doing}: ${url} answered HTTP ${answer.status}${detail}`, { integration: where.integrationName });
}

function readListed(item: unknown, url: string): ListedSecret {
  const uuid = SecretUuidSchema.safeParse(field(item, 'uuid'));
  if (!uuid.success) throw new KeysmithError('bad_response', `${url} listed a client secret without a usable id: this is not Adobe's answer, check the I/O Management API URL`);
  const usages = field(item, 'secret_usages');
  const times = Array.isArray(usages) ? usages.slice(0, 100).map((u) => epochMs(field(u, 'last_used_at'))).filter((t): t is number => t !== null) : [];
  return { uuid: uuid.data, createdAt: epochMs(field(item, 'created_at')), lastUsedAt: times.length > 0 ? Math.max(...times) : null };
}

export class SecretsApi {
  constructor(
    private readonly where: SecretLocation,
    private readonly token: string,
    private readonly http: HttpOptions,
    private readonly redactor: Redactor,
  ) {}

  async list(): Promise<ListedSecret[]> {
    const url = secretsUrl(this.where);
    const answer = await request('GET', url, this.token, this.where, this.http, this.redactor);
    if (answer.status !== 200) throw refused(answer, url, this.where, this.redactor, 'list the client secrets');
    const list = field(answer.json, 'client_secrets');
    // More than Adobe allows is read as is (and shown), so the user sees what the server claims.
    if (!Array.isArray(list) || list.length > 20) {
      throw new KeysmithError('bad_response', `${url} did not answer with a list of client secrets: check the I/O Management API URL`, { integration: this.where.integrationName });
    }
    const secrets = list.map((item) => readListed(item, url));
    if (new Set(secrets.map((s) => s.uuid)).size !== secrets.length) {
      throw new KeysmithError('bad_response', `${url} listed the same client secret twice: this is not Adobe's answer`, { integration: this.where.integrationName });
    }
    return secrets;
  }

  /** The new secret's id and value: the only time Adobe ever sends the value. */
  async add(): Promise<ListedSecret & { value: string }> {
    const url = secretsUrl(this.where);
    const answer = await request('POST', url, this.token, this.where, this.http, this.redactor);
    if (answer.status !== 201 && answer.status !== 200) throw refused(answer, url, this.where, this.redactor, 'add a client secret');
    const value = field(answer.json, 'client_secret');
    const uuid = SecretUuidSchema.safeParse(field(answer.json, 'uuid'));
    if (typeof value !== 'string' || !/^[\x21-\x7e]{8,4096}$/.test(value) || !uuid.success) {
      throw new KeysmithError(
        'bad_response',
        `${url} answered the request for a new client secret without a usable secret and id; if Adobe added one, nobody holds its value and it can only be deleted`,
        { integration: this.where.integrationName },
      );
    }
    return { uuid: uuid.data, value, createdAt: epochMs(field(answer.json, 'created_at')), lastUsedAt: null };
  }

  /** Deletes one secret; one already gone counts as deleted (a retried DELETE whose first answer was lost). */
  async delete(uuid: string): Promise<void> {
    const url = secretsUrl(this.where, SecretUuidSchema.parse(uuid));
    const answer = await request('DELETE', url, this.token, this.where, this.http, this.redactor);
    if (answer.status === 204 || answer.status === 200 || answer.status === 404) return;
    throw refused(answer, url, this.where, this.redactor, `delete client secret ${uuid}`);
  }
}
