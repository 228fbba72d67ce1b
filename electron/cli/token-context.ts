/**
 * The CLI's token service: global fetch (the app injects Electron's net.fetch instead). On a
 * terminal, a slow mint shows a spinner and each retry a countdown on stderr ("retrying 2/4 in 3 s…").
 */
import { TokenService } from '../core/tokens/token-service';
import type { Fetch, RetryNotice } from '../core/tokens/token-http';
import type { Vault } from '../core/vault';
import type { CliContext } from './cli-context';
import { showsProgress, spinner } from './progress';

function retryText(n: RetryNotice, msLeft: number): string {
  return `retrying ${n.attempt}/${n.attempts} in ${Math.max(1, Math.ceil(msLeft / 1000))} s… (${n.reason})`;
}

export function tokenService(vault: Vault, ctx: CliContext): TokenService {
  const timeout = Number(ctx.env.KEYSMITH_HTTP_TIMEOUT_MS);
  const progress = showsProgress(ctx);
  const fetchWithProgress: Fetch = async (url, init) => {
    const line = spinner(ctx, `Getting a token from ${new URL(url).host}…`);
    try {
      return await fetch(url, init);
    } finally {
      line.done();
    }
  };
  let notice: RetryNotice | null = null;
  // The wait between attempts, counted down on the line each second.
  const countdown = (ms: number) =>
    new Promise<void>((resolve) => {
      const line = spinner(ctx, notice ? retryText(notice, ms) : 'waiting…', 0);
      const end = Date.now() + ms;
      const tick = setInterval(() => notice && line.update(retryText(notice, end - Date.now())), 1_000);
      setTimeout(() => {
        clearInterval(tick);
        line.done();
        resolve();
      }, ms);
    });
  return new TokenService(vault, {
    fetch: progress ? fetchWithProgress : (url, init) => fetch(url, init),
    ...(Number.isFinite(timeout) && timeout > 0 && { timeoutMs: timeout }),
    ...(progress && {
      sleep: countdown,
      onRetry: (n: RetryNotice) => {
        notice = n;
      },
    }),
  });
}
