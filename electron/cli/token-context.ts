/** The CLI's token service: global fetch (the app injects Electron's net.fetch instead). */
import { TokenService } from '../core/tokens/token-service';
import type { Vault } from '../core/vault';
import type { CliContext } from './cli-context';

export function tokenService(vault: Vault, ctx: CliContext): TokenService {
  const timeout = Number(ctx.env.KEYSMITH_HTTP_TIMEOUT_MS);
  return new TokenService(vault, {
    fetch: (url, init) => fetch(url, init),
    ...(Number.isFinite(timeout) && timeout > 0 && { timeoutMs: timeout }),
  });
}
