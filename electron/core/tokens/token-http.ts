/**
 * The one HTTP layer every token client uses: a form POST to a token endpoint through an injected
 * `fetch` (Electron's `net.fetch` in the app for the system proxy, global fetch in the CLI).
 * Endpoints are never followed through redirects (a redirect could carry the secret elsewhere).
 * Network failures, timeouts, 5xx and 429 are retried with capped exponential backoff, honouring
 * Retry-After; other 4xx are answers, not accidents, and are returned at once. Bodies are read up
 * to a size cap (bounded-body.ts); an answer past it is final.
 */
import { KeysmithError } from '../errors';
import { checkEndpoint } from '../../shared/endpoint-url';
import { MAX_TOKEN_RESPONSE_LABEL, readBoundedBody } from './bounded-body';
import { NO_SECRETS, type Redactor } from './server-text';
import { safeExcerpt } from './token-errors';

export type Fetch = (input: string, init: RequestInit) => Promise<Response>;

export interface HttpOptions {
  fetch: Fetch;
  /** per attempt; IMS answers in well under a second when healthy */
  timeoutMs?: number;
  /** attempts in all, first included */
  attempts?: number;
  /** first backoff; doubles, capped at maxDelayMs, with jitter */
  baseDelayMs?: number;
  maxDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** told before each wait between attempts, so a front end can show "retrying 2/4 in 3 s" */
  onRetry?: (notice: RetryNotice) => void;
}

export interface RetryNotice {
  /** the attempt about to be made after the wait (2 for the first retry) */
  attempt: number;
  attempts: number;
  waitMs: number;
  /** why the last attempt failed, already cleaned of secrets */
  reason: string;
}

export interface HttpAnswer {
  status: number;
  /** parsed JSON body, or undefined when the body was not JSON */
  json: unknown;
  text: string;
  retryAfterMs: number | null;
}

export const DEFAULT_TIMEOUT_MS = 15_000;
const MAX_RETRY_AFTER_MS = 30_000;
const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function retryAfter(header: string | null): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, date - Date.now());
}

/** An answer over the size cap: final, never retried (the next attempt would be as large). */
function tooLarge(url: string, status: number): KeysmithError {
  return new KeysmithError(
    'bad_response',
    `${url} sent more than ${MAX_TOKEN_RESPONSE_LABEL} in answer to a token request (HTTP ${status}), where a token answer is a few KB: check the token URL`,
  );
}

async function attempt(url: string, init: RequestInit, opts: HttpOptions): Promise<HttpAnswer> {
  // The timeout covers the body too: a server that trickles bytes is as dead as one that never answers.
  const response = await opts.fetch(url, { ...init, redirect: 'manual', signal: AbortSignal.timeout(opts.timeoutMs ?? DEFAULT_TIMEOUT_MS) });
  const retryAfterMs = retryAfter(response.headers.get('retry-after'));
  if (response.status >= 300 && response.status < 400) {
    await response.body?.cancel().catch(() => undefined);
    return { status: response.status, json: undefined, text: '', retryAfterMs };
  }
  const body = await readBoundedBody(response);
  if (body.tooLarge) throw tooLarge(url, response.status);
  let json: unknown;
  try {
    json = JSON.parse(body.text);
  } catch {
    json = undefined;
  }
  return { status: response.status, json, text: body.text, retryAfterMs };
}

/**
 * The most time postForm spends before giving up: every attempt's full timeout plus every backoff
 * at its cap; 4 × 15 s + 3.5 s = 63.5 s by default. A Retry-After that would pass it is not waited for.
 */
export function totalBudgetMs(opts: Pick<HttpOptions, 'timeoutMs' | 'attempts' | 'baseDelayMs' | 'maxDelayMs'>): number {
  const attempts = opts.attempts ?? 4;
  let total = attempts * (opts.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  for (let i = 1; i < attempts; i++) total += backoffCap(i, opts);
  return total;
}

function backoffCap(i: number, opts: Pick<HttpOptions, 'baseDelayMs' | 'maxDelayMs'>): number {
  return Math.min((opts.baseDelayMs ?? 500) * 2 ** (i - 1), opts.maxDelayMs ?? 8_000);
}

/**
 * Failures that another attempt a few seconds later cannot fix: nothing listens on that port, the
 * port is one fetch refuses to use, the host name does not exist. Said at once, not after a minute.
 */
function isFinalFailure(err: unknown): boolean {
  const e = err as { cause?: { code?: string; message?: string } };
  const code = e.cause?.code ?? '';
  return code === 'ECONNREFUSED' || code === 'ENOTFOUND' || e.cause?.message === 'bad port';
}

function describeFailure(err: unknown, url: string, timeoutMs: number, redactor: Redactor): string {
  const e = err as { name?: string; cause?: { code?: string; message?: string }; message?: string };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return `no answer from ${url} within ${Number((timeoutMs / 1000).toFixed(1))} s`;
  const code = e.cause?.code ?? '';
  if (code === 'ECONNREFUSED') return `${url} refused the connection (nothing listens on that port): check the URL and its port`;
  if (e.cause?.message === 'bad port') return `${url} uses a port that fetch refuses for safety (such as 6000 or 6667): check the URL and its port`;
  if (code === 'ENOTFOUND') return `the host of ${url} does not exist (ENOTFOUND): check the URL, or whether a proxy or VPN is needed`;
  if (code === 'EAI_AGAIN') return `cannot resolve the host of ${url} (offline, or a proxy is needed?)`;
  // A parser error can carry bytes the server sent.
  return `cannot reach ${url} (${safeExcerpt(code || e.cause?.message || e.message || 'network error', redactor)})`;
}

/**
 * POSTs `form` and returns the final answer; throws only when no answer could be had. `redactor`
 * holds the secrets this request carries, so no quote of the server's text can repeat them.
 */
export async function postForm(
  url: string,
  form: Record<string, string>,
  headers: Record<string, string>,
  opts: HttpOptions,
  redactor: Redactor = NO_SECRETS,
): Promise<HttpAnswer> {
  const check = checkEndpoint(url, { bareHostAllowed: false, originOnly: false });
  if (!check.ok) throw new KeysmithError('invalid_input', `Token endpoint ${check.reason}`);
  const attempts = opts.attempts ?? 4;
  const sleep = opts.sleep ?? defaultSleep;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const init: RequestInit = {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', ...headers },
    body: new URLSearchParams(form).toString(),
  };
  const budget = totalBudgetMs({ ...opts, attempts, timeoutMs });
  const deadline = Date.now() + budget;
  let last = '';
  for (let i = 1; i <= attempts; i++) {
    let answer: HttpAnswer | null = null;
    try {
      answer = await attempt(check.url, init, opts);
    } catch (err) {
      if (err instanceof KeysmithError) throw err;
      last = describeFailure(err, check.url, timeoutMs, redactor);
      if (isFinalFailure(err)) throw new KeysmithError('token_unavailable', `Could not get a token: ${last}`);
    }
    if (answer) {
      if (answer.status >= 300 && answer.status < 400) {
        throw new KeysmithError('bad_response', `${check.url} answered with a redirect (HTTP ${answer.status}); token endpoints are never followed through redirects: use the final URL`);
      }
      const transient = answer.status === 429 || answer.status >= 500;
      // A server asking for a long pause gets it from the user, not from a hung command.
      const tooLong = (answer.retryAfterMs ?? 0) > MAX_RETRY_AFTER_MS;
      if (!transient || tooLong || i === attempts) return answer;
      last = answer.status === 429 ? 'throttled (HTTP 429)' : `HTTP ${answer.status} ${safeExcerpt(answer.text, redactor)}`;
    }
    if (i === attempts) break;
    const backoff = backoffCap(i, opts);
    const wait = Math.max(answer?.retryAfterMs ?? 0, backoff * (0.5 + Math.random() / 2));
    // Backoffs are inside the budget by construction; a Retry-After that would push the next
    // attempt past it is not waited for: the server's answer is final then.
    if (wait > backoff && Date.now() + wait + timeoutMs > deadline) {
      if (answer) return answer;
      throw new KeysmithError('token_unavailable', `Could not get a token after ${i} attempt${i === 1 ? '' : 's'} (a retry would pass the ${Number((budget / 1000).toFixed(1))} s limit): ${last}`);
    }
    opts.onRetry?.({ attempt: i + 1, attempts, waitMs: wait, reason: last });
    await sleep(wait);
  }
  throw new KeysmithError('token_unavailable', `Could not get a token after ${attempts} attempts: ${last}`);
}
