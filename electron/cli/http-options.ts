/** The CLI's HTTP options for calls other than token minting (the I/O Management API): global fetch, KEYSMITH_HTTP_TIMEOUT_MS. */
import type { HttpOptions } from '../core/tokens/token-http';
import type { CliContext } from './cli-context';

export function httpOptions(ctx: CliContext): HttpOptions {
  const timeout = Number(ctx.env.KEYSMITH_HTTP_TIMEOUT_MS);
  return {
    fetch: (url, init) => fetch(url, init),
    ...(Number.isFinite(timeout) && timeout > 0 && { timeoutMs: timeout }),
  };
}
