/**
 * Runs in the page before the renderer (Playwright's addInitScript) and plays the preload's part:
 * the same buildBridge the preload uses, over HTTP to test/support/renderer-server.ts instead of
 * Electron's ipcRenderer. Bundled by esbuild at test time; never part of the app.
 */
import { buildBridge, type RendererTransport } from '../../../electron/preload/bridge';
import { EVENTS } from '../../../electron/shared/ipc/channels';

const PREFIX = '/__keysmith';
type Listener = (event: unknown, ...args: unknown[]) => void;
const listeners = new Map<string, Set<Listener>>();

const source = new EventSource(`${PREFIX}/events`);
for (const name of EVENTS) {
  source.addEventListener(name, (message) => {
    const payload: unknown = JSON.parse((message as MessageEvent<string>).data);
    for (const listener of listeners.get(name) ?? []) listener(null, payload);
  });
}

const transport: RendererTransport = {
  async invoke(channel, ...args) {
    // The preload forwards exactly one argument; `undefined` does not survive JSON, so none is sent.
    const list = args.length === 1 && args[0] === undefined ? [] : args;
    const response = await fetch(`${PREFIX}/invoke/${encodeURIComponent(channel)}`, { method: 'POST', body: JSON.stringify(list) });
    return response.json();
  },
  on(channel, listener) {
    const set = listeners.get(channel) ?? new Set();
    set.add(listener);
    listeners.set(channel, set);
  },
  removeListener(channel, listener) {
    listeners.get(channel)?.delete(listener);
  },
};

(window as unknown as { keysmith: unknown }).keysmith = buildBridge(transport);
