/**
 * The browser e2e suite's stand-in for Electron's window: serves the BUILT renderer on 127.0.0.1
 * with the app's own path resolution and security headers (CSP included), and carries the page's
 * `window.keysmith` calls to the REAL IPC router over HTTP. Test-only: the app never opens a port.
 *
 * - POST /__keysmith/invoke/<channel>  body: the preload's argument list as JSON; answers the
 *   router's IpcResult. Calls are dispatched as coming from the app's own frame, because in the
 *   app that is what the preload guarantees; the sender check itself is tested in ipc-router.
 * - GET /__keysmith/events  a server-sent event stream of main's push events.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { APP_ORIGIN, resolveAppPath } from '../../electron/app/app-protocol';
import type { PushEvent } from '../../electron/app/events.main';
import { CHANNELS, type Channel } from '../../electron/shared/ipc/channels';
import type { InvokeEventLike } from '../../electron/ipc/sender-policy';
import { CONTENT_SECURITY_POLICY, securityHeaders } from '../../electron/app/window-policy';

const isChannel = (name: string): name is Channel => (CHANNELS as readonly string[]).includes(name);

export const BRIDGE_PREFIX = '/__keysmith';
const APP_FRAME: InvokeEventLike = { senderFrame: { url: `${APP_ORIGIN}/index.html`, parent: null } };

export interface RendererServer {
  url: string;
  push: PushEvent;
  close(): Promise<void>;
}

type Invoke = (channel: string, event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>;

async function body(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, status: number, headers: Record<string, string>, payload?: string | Buffer): void {
  res.writeHead(status, headers);
  res.end(payload);
}

export async function startRendererServer(opts: { rootDir: string; invoke: Invoke }): Promise<RendererServer> {
  const streams = new Set<ServerResponse>();

  const server = createServer((req, res) => {
    void (async () => {
      const url = req.url ?? '/';
      if (url === `${BRIDGE_PREFIX}/events`) {
        res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
        res.write(': connected\n\n');
        streams.add(res);
        req.on('close', () => streams.delete(res));
        return;
      }
      if (url.startsWith(`${BRIDGE_PREFIX}/invoke/`) && req.method === 'POST') {
        const channel = decodeURIComponent(url.slice(`${BRIDGE_PREFIX}/invoke/`.length));
        if (!isChannel(channel)) return send(res, 404, { 'Content-Type': 'text/plain' }, 'unknown channel');
        const args = JSON.parse(await body(req)) as unknown[];
        const result = await opts.invoke(channel, APP_FRAME, ...args);
        return send(res, 200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' }, JSON.stringify(result));
      }
      const resolved = resolveAppPath(opts.rootDir, `${APP_ORIGIN}${url === '/' ? '/index.html' : url}`);
      if (!resolved.ok) return send(res, resolved.status, { 'Content-Security-Policy': CONTENT_SECURITY_POLICY });
      try {
        send(res, 200, securityHeaders(resolved.mimeType), await readFile(resolved.filePath));
      } catch {
        send(res, 404, { 'Content-Security-Policy': CONTENT_SECURITY_POLICY });
      }
    })().catch((err: unknown) => {
      if (!res.headersSent) send(res, 500, { 'Content-Type': 'text/plain' }, String(err));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const push: PushEvent = (event, payload) => {
    const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const res of streams) res.write(frame);
  };

  return {
    url: `http://127.0.0.1:${port}`,
    push,
    close: async () => {
      for (const res of streams) res.end();
      streams.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
