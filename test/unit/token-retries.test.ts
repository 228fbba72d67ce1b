/**
 * How token requests give up (core/tokens/token-http.ts): failures a retry cannot fix (refused,
 * a port fetch refuses, an unknown host) at once; timeouts and 5xx with countable retries that a
 * front end is told about; the whole bounded by totalBudgetMs, a long Retry-After included.
 */
import { describe, expect, it } from 'vitest';
import { postForm, totalBudgetMs, type Fetch, type RetryNotice } from '../../electron/core/tokens/token-http';

const URL_ = 'https://ims.example.test/ims/token/v3';
const networkError = (cause: { code?: string; message?: string }) => Object.assign(new TypeError('fetch failed'), { cause });

function counting(answer: (n: number) => Response | Error): { fetch: Fetch; calls: () => number } {
  let n = 0;
  return {
    fetch: async () => {
      const a = answer(++n);
      if (a instanceof Error) throw a;
      return a;
    },
    calls: () => n,
  };
}

describe('token request retries', () => {
  it.each([
    ['a refused connection', { code: 'ECONNREFUSED' }, /refused the connection \(nothing listens on that port\)/],
    ['a port fetch refuses', { message: 'bad port' }, /uses a port that fetch refuses/],
    ['a host that does not exist', { code: 'ENOTFOUND' }, /does not exist \(ENOTFOUND\)/],
  ])('%s is given up after one attempt', async (_what, cause, message) => {
    const { fetch, calls } = counting(() => networkError(cause));
    const retries: RetryNotice[] = [];
    await expect(postForm(URL_, {}, {}, { fetch, sleep: async () => undefined, onRetry: (n) => retries.push(n) })).rejects.toThrow(message);
    expect(calls()).toBe(1);
    expect(retries).toEqual([]);
  });

  it('a reset connection and a 503 are retried, and each retry is announced with its wait', async () => {
    const { fetch, calls } = counting((n) => (n === 1 ? networkError({ code: 'ECONNRESET' }) : n === 2 ? new Response('busy', { status: 503 }) : Response.json({ ok: 1 })));
    const retries: RetryNotice[] = [];
    const waits: number[] = [];
    const answer = await postForm(URL_, {}, {}, { fetch, sleep: async (ms) => void waits.push(ms), onRetry: (n) => retries.push(n) });
    expect(answer.status).toBe(200);
    expect(calls()).toBe(3);
    expect(retries.map((r) => [r.attempt, r.attempts])).toEqual([[2, 4], [3, 4]]);
    expect(retries[1]!.reason).toMatch(/HTTP 503 busy/);
    expect(retries.map((r) => r.waitMs)).toEqual(waits);
  });

  it('the total is bounded: 4 × 15 s + 3.5 s by default, and a Retry-After past it is not waited for', async () => {
    expect(totalBudgetMs({})).toBe(63_500);
    expect(totalBudgetMs({ timeoutMs: 1_000, attempts: 2 })).toBe(2_500);
    // 25 s asked for, twice, with a 10 s per-attempt timeout: the second wait would pass the 43.5 s budget.
    let clock = Date.now();
    const realNow = Date.now;
    Date.now = () => clock;
    try {
      const { fetch, calls } = counting(() => new Response('slow down', { status: 503, headers: { 'retry-after': '25' } }));
      const answer = await postForm(URL_, {}, {}, { fetch, timeoutMs: 10_000, sleep: async (ms) => void (clock += ms) });
      expect(calls()).toBe(2);
      expect(answer.status).toBe(503); // the server's own answer, for the caller to explain
    } finally {
      Date.now = realNow;
    }
  });
});
