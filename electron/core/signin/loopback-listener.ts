/**
 * The loopback redirect of a native app (RFC 8252 7.3): an http server on 127.0.0.1 that waits for
 * the one redirect carrying this sign-in's `state`, answers the browser with a plain page, and
 * closes. It listens on loopback only, answers nothing but GET on the callback path, keeps every
 * request small and short, ignores redirects of other sign-ins (so a stray or hostile request
 * cannot end or hijack this one), and gives up after the timeout. A registered https loopback
 * redirect is served over TLS with Keysmith's own certificate (loopback-certificate.ts).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { KeysmithError } from '../errors';
import { LOOPBACK_CALLBACK_PATH } from '../../shared/sign-in-limits';
import { callbackPage, PAGE_HEADERS } from './callback-page';
import { interpretRedirect } from './redirect-answer';

export interface LoopbackListener {
  /** the redirect_uri to send: exactly what the browser will come back to */
  redirectUri: string;
  /** the authorization code, once the browser brings it */
  code: Promise<string>;
  /** stops listening (idempotent); a pending `code` rejects */
  close(): void;
}

export interface ListenOptions {
  state: string;
  integrationName: string;
  timeoutMs: number;
  /** a registered loopback redirect to listen on as given; absent: 127.0.0.1, a free port, /callback */
  redirectUri?: string;
  /** certificate and key (PEM) for an https redirect */
  tls?: { cert: string; key: string };
}

/** Requests past this are not a browser following a redirect. */
const MAX_URL_CHARS = 16 * 1024;
const REQUEST_TIMEOUT_MS = 10_000;

function answer(res: ServerResponse, status: number, title: string, sentence: string): void {
  const body = callbackPage(title, sentence);
  res.writeHead(status, { ...PAGE_HEADERS, 'content-length': Buffer.byteLength(body), connection: 'close' });
  res.end(body);
}

function bindAddress(redirect: URL): string {
  const host = redirect.hostname;
  if (host === '[::1]' || host === '::1') return '::1';
  // "localhost" may resolve to ::1 first in some browsers; RFC 8252 8.3 prefers the IP literal, so
  // an unregistered redirect always uses 127.0.0.1 and a registered "localhost" one gets IPv4.
  return '127.0.0.1';
}

export async function listenForRedirect(opts: ListenOptions): Promise<LoopbackListener> {
  const redirect = new URL(opts.redirectUri ?? `http://127.0.0.1${LOOPBACK_CALLBACK_PATH}`);
  const callbackPath = redirect.pathname || '/';
  let settle: { resolve: (code: string) => void; reject: (err: Error) => void } | undefined;
  const code = new Promise<string>((resolve, reject) => (settle = { resolve, reject }));
  // Nobody may be left with an unhandled rejection if the caller stops before awaiting.
  code.catch(() => undefined);
  let done = false;
  let foreign = 0;

  const limits = { maxHeaderSize: MAX_URL_CHARS, requestTimeout: REQUEST_TIMEOUT_MS, headersTimeout: REQUEST_TIMEOUT_MS };
  if ((redirect.protocol === 'https:') !== Boolean(opts.tls)) throw new Error('an https redirect needs a certificate, and only an https one');
  // A handshake that never finishes must not hold a connection slot past the request timeout.
  const server = opts.tls ? createTlsServer({ ...limits, cert: opts.tls.cert, key: opts.tls.key, minVersion: 'TLSv1.2', handshakeTimeout: REQUEST_TIMEOUT_MS }) : createServer(limits);
  server.maxConnections = 32;

  const finish = (outcome: { code: string } | { error: Error }) => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    if ('code' in outcome) settle!.resolve(outcome.code);
    else settle!.reject(outcome.error);
    // Close once the page has gone out; connections kept alive by the browser are cut.
    setImmediate(() => close());
  };

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    if (done) return answer(res, 410, 'Sign-in already finished', 'Keysmith has already received this sign-in. You can close this tab.');
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://127.0.0.1');
    } catch {
      return answer(res, 400, 'Not a sign-in answer', 'Keysmith could not read this address.');
    }
    if (req.method !== 'GET' || url.pathname !== callbackPath) {
      return answer(res, 404, 'Not found', 'This is Keysmith waiting for a sign-in; there is nothing else here.');
    }
    const result = interpretRedirect(url.searchParams, opts.state, opts.integrationName);
    switch (result.kind) {
      case 'foreign':
        foreign += 1;
        return answer(res, 400, 'Not this sign-in', 'This answer belongs to another sign-in, so Keysmith ignored it. Start the sign-in again from Keysmith if it is still waiting.');
      case 'error':
        answer(res, 400, 'Sign-in failed', `${result.error.message.replace(/^"[^"]*": /, '')}. You can close this tab and return to Keysmith.`);
        return finish({ error: result.error });
      case 'code':
        answer(res, 200, 'Signed in to Keysmith', 'You are signed in. You can close this tab and return to Keysmith.');
        return finish({ code: result.code });
    }
  };
  server.on('request', onRequest);
  server.on('clientError', (_err, socket) => socket.destroy());
  // Plain http to the TLS port, or a client that refuses the certificate: that connection ends, the wait goes on.
  server.on('tlsClientError', (_err, socket) => socket.destroy());

  const port = redirect.port === '' ? 0 : Number(redirect.port);
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE') {
        reject(
          new KeysmithError('io', `"${opts.integrationName}": port ${port} on ${bindAddress(redirect)}, where the registered redirect URI points, is in use by another program: stop it, or register a loopback redirect without a fixed port`, {
            integration: opts.integrationName,
            action: 'edit',
          }),
        );
      } else reject(new KeysmithError('io', `"${opts.integrationName}": cannot listen for the browser on ${bindAddress(redirect)} (${err.code ?? 'error'})`));
    });
    server.listen(port, bindAddress(redirect), () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  redirect.port = String(actual);

  const close = () => {
    if (!done) {
      done = true;
      clearTimeout(timer);
      settle!.reject(new KeysmithError('token_unavailable', `"${opts.integrationName}": the sign-in was stopped before the browser came back; nothing was stored`, { integration: opts.integrationName, action: 'sign_in' }));
    }
    // Pages are sent with `connection: close`; a socket the browser merely holds open is cut.
    server.close();
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), 1000).unref();
  };

  const timer = setTimeout(() => {
    const strays = foreign > 0 ? ` (${foreign} answer${foreign === 1 ? '' : 's'} of another sign-in ignored)` : '';
    finish({
      error: new KeysmithError('token_unavailable', `"${opts.integrationName}": the browser did not come back within ${Math.round(opts.timeoutMs / 1000)} s${strays}; nothing was stored`, {
        integration: opts.integrationName,
        action: 'sign_in',
      }),
    });
  }, opts.timeoutMs);
  timer.unref?.();

  return { redirectUri: redirect.href, code, close };
}
