// oidc-provider 9 ships no type declarations and @types/oidc-provider is not installed. This is
// the minimal surface test/support/oidc-server.ts uses; widen it when a test needs more.
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  /** The parts of the Koa context (plus `ctx.oidc`) that the harness reads. */
  export interface ProviderContext {
    method: string;
    path: string;
    oidc?: { client?: { clientId: string } };
  }

  /** An OIDCProviderError as passed to `*.error` events. */
  export interface ProviderError extends Error {
    error?: string;
    error_description?: string;
    error_detail?: string;
    status?: number;
    statusCode?: number;
  }

  export class Provider {
    constructor(issuer: string, configuration?: Record<string, unknown>);
    readonly issuer: string;
    /** Koa's request listener, usable with node:http createServer. */
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    /** Koa middleware, inserted before the provider's own routes. */
    use(fn: (ctx: ProviderContext, next: () => Promise<void>) => Promise<void> | void): this;
    /** Static clients are validated here, on first lookup (throws InvalidClientMetadata). */
    readonly Client: { find(clientId: string): Promise<unknown> };
    pathFor(name: string, opts?: Record<string, unknown>): string;
    urlFor(name: string, opts?: Record<string, unknown>): string;
    on(event: 'server_error' | 'grant.error', listener: (ctx: ProviderContext, err: ProviderError) => void): this;
    on(event: string, listener: (...args: never[]) => void): this;
  }

  /** Error classes the provider turns into OAuth error responses. */
  export const errors: {
    InvalidTarget: new (detail?: string) => ProviderError;
  };

  export default Provider;
}
