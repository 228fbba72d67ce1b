/**
 * The trusted-sender check every IPC call passes first (GitHub Desktop's pattern): only a top-level
 * frame loaded from the app's own origin may call main. An iframe, a page that navigated elsewhere,
 * a file:// page, or a frame that is already gone (senderFrame null) is refused.
 *
 * Origins are compared as scheme + host by hand: for a custom scheme such as app://, WHATWG URL
 * parsers report the origin as "null", which would make every app:// URL look alike.
 */
export interface SenderFrameLike {
  url?: string;
  /** Electron's WebFrameMain.parent: null for a top-level frame */
  parent?: unknown;
}

export interface InvokeEventLike {
  senderFrame?: SenderFrameLike | null;
}

export function parseOrigin(origin: string): { protocol: string; host: string } {
  const url = new URL(origin);
  if (url.pathname !== '/' && url.pathname !== '') throw new Error(`appOrigin must be an origin, got ${origin}`);
  return { protocol: url.protocol, host: url.host };
}

export function isTrustedSender(event: InvokeEventLike | null | undefined, origin: { protocol: string; host: string }): boolean {
  const frame = event?.senderFrame;
  if (!frame || typeof frame.url !== 'string') return false;
  if (frame.parent !== undefined && frame.parent !== null) return false;
  let url: URL;
  try {
    url = new URL(frame.url);
  } catch {
    return false;
  }
  return url.protocol === origin.protocol && url.host === origin.host && url.username === '' && url.password === '';
}
