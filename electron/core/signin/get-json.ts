/**
 * A bounded GET of a provider's JSON document (discovery, JWKS, user info): never through a
 * redirect, within a timeout that covers the body, at most the token answer's size cap, and the
 * server's words only ever quoted through quoteServer.
 */
import { KeysmithError } from '../errors';
import { checkEndpoint } from '../../shared/endpoint-url';
import { MAX_TOKEN_RESPONSE_LABEL, readBoundedBody } from '../tokens/bounded-body';
import { quoteServer } from '../tokens/server-text';
import { DEFAULT_TIMEOUT_MS, type HttpOptions } from '../tokens/token-http';

export interface JsonAnswer {
  status: number;
  json: Record<string, unknown> | undefined;
  text: string;
}

export async function getJson(url: string, what: string, opts: HttpOptions, headers: Record<string, string> = {}): Promise<JsonAnswer> {
  const check = checkEndpoint(url, { bareHostAllowed: false, originOnly: false });
  if (!check.ok) throw new KeysmithError('invalid_input', `The ${what} ${check.reason}`);
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let response: Response;
  try {
    response = await opts.fetch(check.url, { method: 'GET', headers: { accept: 'application/json', ...headers }, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    const name = (err as Error).name;
    const why = name === 'TimeoutError' || name === 'AbortError' ? `no answer within ${timeoutMs / 1000} s` : 'it could not be reached';
    throw new KeysmithError('token_unavailable', `Could not read the ${what} at ${check.url}: ${why}`);
  }
  let body;
  try {
    body = await readBoundedBody(response);
  } catch {
    throw new KeysmithError('token_unavailable', `Could not read the ${what} at ${check.url}: no complete answer within ${timeoutMs / 1000} s`);
  }
  if (body.tooLarge) throw new KeysmithError('bad_response', `The ${what} at ${check.url} is larger than ${MAX_TOKEN_RESPONSE_LABEL}: check the URL`);
  let json: unknown;
  try {
    json = JSON.parse(body.text);
  } catch {
    json = undefined;
  }
  const object = typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as Record<string, unknown>) : undefined;
  return { status: response.status, json: object, text: body.text };
}

/** The answer's object, or a sentence saying what came instead. */
export async function getJsonObject(url: string, what: string, opts: HttpOptions, headers: Record<string, string> = {}): Promise<Record<string, unknown>> {
  const answer = await getJson(url, what, opts, headers);
  if (answer.status !== 200 || !answer.json) {
    throw new KeysmithError('bad_response', `The ${what} at ${url} answered HTTP ${answer.status} without a JSON object (got: "${quoteServer(answer.text)}")`);
  }
  return answer.json;
}

/** A string member of a server's JSON, or undefined: own keys only, so "__proto__" reads nothing. */
export function stringField(object: Record<string, unknown> | undefined, name: string): string | undefined {
  if (!object || !Object.hasOwn(object, name)) return undefined;
  const value = object[name];
  return typeof value === 'string' ? value : undefined;
}
