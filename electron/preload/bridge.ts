/**
 * Builds the object the preload exposes as `window.keysmith`, over any ipcRenderer-like transport
 * (Electron's in the preload; a stand-in in tests and the browser test bridge). Free of `electron`,
 * zod and core, so the sandboxed preload bundle stays a few KB and this logic is tested in Node.
 *
 * What crosses: one plain function per channel, which forwards exactly one argument; and `on`,
 * whose callbacks receive the payload alone. The transport, its event objects (which carry
 * `sender`, i.e. a handle back into IPC) and any way to name an arbitrary channel never do.
 */
import { CHANNELS, isEventName } from '../shared/ipc/channels';
import type { KeysmithApi } from '../shared/ipc/api';

export interface RendererTransport {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

export function buildBridge(transport: RendererTransport): KeysmithApi {
  const domains: Record<string, Record<string, (request?: unknown) => Promise<unknown>>> = {};
  for (const channel of CHANNELS) {
    const [domain, action] = channel.split(':') as [string, string];
    domains[domain] ??= {};
    domains[domain][action] = (request?: unknown) => transport.invoke(channel, request);
  }
  const on = (event: unknown, callback: unknown): (() => void) => {
    if (!isEventName(event)) throw new TypeError(`keysmith.on: unknown event ${JSON.stringify(String(event)).slice(0, 60)}`);
    if (typeof callback !== 'function') throw new TypeError('keysmith.on: the callback must be a function');
    const listener = (_event: unknown, payload: unknown) => {
      (callback as (payload: unknown) => void)(payload);
    };
    transport.on(event, listener);
    let subscribed = true;
    return () => {
      if (!subscribed) return;
      subscribed = false;
      transport.removeListener(event, listener);
    };
  };
  const api: Record<string, unknown> = {};
  for (const [domain, functions] of Object.entries(domains)) api[domain] = Object.freeze(functions);
  api.on = on;
  return Object.freeze(api) as unknown as KeysmithApi;
}
