// Pure logic behind the app:// scheme: no `electron` import, so it is unit tested in plain Node.
import path from 'node:path';

export const APP_SCHEME = 'app';
export const APP_HOST = 'keysmith';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** Unknown types are served as opaque bytes; with nosniff the renderer will not execute them. */
export function mimeTypeFor(filePath: string): string {
  return MIME_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

export type AppPathResolution =
  | { ok: true; filePath: string; mimeType: string }
  | { ok: false; status: 400 | 403 | 404; reason: string };

/**
 * Maps a request URL to a file inside `rootDir`, or refuses it.
 * Works on the raw URL text rather than on `new URL().pathname`, because the parser quietly
 * collapses `..` segments and we want traversal attempts refused, not silently rewritten.
 */
export function resolveAppPath(rootDir: string, requestUrl: string): AppPathResolution {
  let parsed: URL;
  try {
    parsed = new URL(requestUrl);
  } catch {
    return { ok: false, status: 400, reason: 'malformed URL' };
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) {
    return { ok: false, status: 404, reason: 'foreign origin' };
  }

  // Text after "app://host", up to the query or fragment.
  const afterScheme = requestUrl.slice(requestUrl.indexOf('//') + 2);
  const slash = afterScheme.indexOf('/');
  const rawPath = slash === -1 ? '/' : afterScheme.slice(slash).split(/[?#]/, 1)[0] ?? '/';

  const segments: string[] = [];
  for (const raw of rawPath.split('/')) {
    if (raw === '') continue;
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return { ok: false, status: 400, reason: 'bad percent-encoding' };
    }
    // Encoded separators or dot-segments only exist to escape the root.
    if (segment === '.' || segment === '..' || /[/\\\0:]/.test(segment)) {
      return { ok: false, status: 403, reason: 'path traversal' };
    }
    segments.push(segment);
  }
  if (segments.length === 0 || rawPath.endsWith('/')) segments.push('index.html');

  const root = path.resolve(rootDir);
  // Joined, not spread: a URL may hold hundreds of thousands of segments, more arguments than a
  // call can take. Equivalent, since no segment holds a separator or is a dot-segment (checked above).
  const filePath = path.resolve(root, segments.join('/'));
  const relative = path.relative(root, filePath);
  // Second line of defence in case the segment checks above ever miss a platform quirk.
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) {
    return { ok: false, status: 403, reason: 'path traversal' };
  }
  return { ok: true, filePath, mimeType: mimeTypeFor(filePath) };
}
