/**
 * Serves the bundled renderer from app://keysmith/ (never file://), with the CSP and security headers
 * on every response. The path decisions are app-protocol.ts's, tested in plain Node.
 */
import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { APP_SCHEME, resolveAppPath } from './app-protocol';
import { CONTENT_SECURITY_POLICY, securityHeaders } from './window-policy';

function plainResponse(status: number): Response {
  return new Response(null, { status, headers: { 'Content-Security-Policy': CONTENT_SECURITY_POLICY } });
}

export function serveAppFiles(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const resolved = resolveAppPath(rendererDir, request.url);
    if (!resolved.ok) return plainResponse(resolved.status);
    try {
      const body = await readFile(resolved.filePath);
      return new Response(body, { status: 200, headers: securityHeaders(resolved.mimeType) });
    } catch {
      // Missing file or a directory: both are simply "not here".
      return plainResponse(404);
    }
  });
}
