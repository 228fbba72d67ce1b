/**
 * A loopback token endpoint that misbehaves on purpose, for the adversarial tests and the hostile
 * server figures: bodies far larger than any token answer (plain or as a gzip bomb), answers that
 * never come, nonsense lifetimes, and error text that echoes what the client sent. Every request is
 * recorded; `bytesSent` counts what the server managed to write, so a test can tell a client that
 * stopped reading from one that swallowed everything.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { constants, gzipSync } from 'node:zlib';

export interface SeenRequest {
  path: string;
  form: Record<string, string>;
  headers: IncomingMessage['headers'];
  at: number;
}

/** `sent` counts body bytes a streaming responder wrote, for `bytesSent`. */
export type Responder = (req: SeenRequest, res: ServerResponse, sent: (bytes: number) => void) => void;

export interface HostileServer {
  /** origin, no trailing slash */
  url: string;
  readonly requests: SeenRequest[];
  /** bytes of response bodies written to sockets so far (streamed answers only) */
  readonly bytesSent: number;
  /** replaces how the server answers from the next request on */
  respond(responder: Responder): void;
  close(): Promise<void>;
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

/** A token answer with any `expires_in` (or none, when `undefined`). */
export function tokenAnswer(expiresIn: unknown, accessToken: unknown = `tok-${Date.now()}-${Math.random().toString(36).slice(2)}`): Responder {
  return (_req, res) => sendJson(res, 200, { access_token: accessToken, token_type: 'bearer', ...(expiresIn !== undefined && { expires_in: expiresIn }) });
}

export const hang: Responder = () => {
  // never answers; close() drops the socket
};

const ONE_MIB = 1024 * 1024;

/**
 * Gzip of `decodedBytes` spaces, built once per size: about 1/1000 of the decoded size, which is
 * the ratio deflate tops out at (400 MB decode from about 400 KB).
 */
const bombs = new Map<number, Buffer>();
export function gzipBomb(decodedBytes: number): Buffer {
  let bomb = bombs.get(decodedBytes);
  if (!bomb) {
    const chunk = Buffer.alloc(ONE_MIB, ' ');
    const parts: Buffer[] = [];
    // gzip members concatenate into one valid gzip stream, so a big bomb never needs a big buffer
    for (let left = decodedBytes; left > 0; left -= ONE_MIB) parts.push(gzipSync(left >= ONE_MIB ? chunk : chunk.subarray(0, left), { level: constants.Z_BEST_COMPRESSION }));
    bomb = Buffer.concat(parts);
    bombs.set(decodedBytes, bomb);
  }
  return bomb;
}

export async function startHostileServer(initial: Responder = hang): Promise<HostileServer> {
  const requests: SeenRequest[] = [];
  const sockets = new Set<Socket>();
  let responder = initial;
  let bytesSent = 0;

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const form = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
      const seen: SeenRequest = { path: req.url ?? '/', form, headers: req.headers, at: Date.now() };
      requests.push(seen);
      responder(seen, res, (n) => (bytesSent += n));
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    get bytesSent() {
      return bytesSent;
    },
    respond(next) {
      responder = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}

/**
 * Streams a 200 body of `totalBytes` that starts like a token answer, honouring back-pressure, so
 * the server never holds more than a chunk and a client that stops reading stops the stream.
 */
export function hugeBody(totalBytes: number, opts: { chunked?: boolean } = {}): Responder {
  return (_req, res, sent) => {
    res.writeHead(200, { 'content-type': 'application/json', ...(!opts.chunked && { 'content-length': String(totalBytes) }) });
    const head = Buffer.from('{"access_token":"');
    const chunk = Buffer.alloc(64 * 1024, 'a');
    let left = totalBytes;
    const pump = () => {
      while (left > 0 && !res.destroyed) {
        const piece = left === totalBytes ? head : chunk.subarray(0, Math.min(chunk.length, left));
        left -= piece.length;
        sent(piece.length);
        if (!res.write(piece)) return void res.once('drain', pump);
      }
      if (!res.destroyed) res.end();
    };
    res.on('close', () => (left = 0));
    pump();
  };
}

/** A 200 whose gzip-encoded body decodes to `decodedBytes` of spaces. */
export function gzipBody(decodedBytes: number, opts: { chunked?: boolean } = {}): Responder {
  return (_req, res, sent) => {
    const bomb = gzipBomb(decodedBytes);
    res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', ...(!opts.chunked && { 'content-length': String(bomb.length) }) });
    sent(bomb.length);
    res.end(bomb);
  };
}
