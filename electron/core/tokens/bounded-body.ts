/**
 * Reading a token endpoint's answer without trusting its size. A token answer is a few KB; a broken
 * or hostile server can send hundreds of megabytes, or a gzip bomb that the HTTP client inflates
 * transparently (undici in Node, Chromium's network stack behind Electron's net.fetch). The decoded
 * stream is read chunk by chunk and abandoned once past the cap, so memory stays bounded by the cap
 * whatever the wire carries. Works on any WHATWG `Response`.
 */

/** The one limit on a token endpoint's answer, decoded. Adobe's are under 3 KB; the largest real ones (id tokens, many roles) stay under 16 KB. */
export const MAX_TOKEN_RESPONSE_BYTES = 64 * 1024;
export const MAX_TOKEN_RESPONSE_LABEL = '64 KiB';

export type BoundedBody = { tooLarge: false; text: string } | { tooLarge: true };

/** Reads at most `limit` decoded bytes; past that, cancels the body (closing the connection) and says so. */
export async function readBoundedBody(response: Response, limit = MAX_TOKEN_RESPONSE_BYTES): Promise<BoundedBody> {
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > limit) {
    await response.body?.cancel().catch(() => undefined);
    return { tooLarge: true };
  }
  if (!response.body) return { tooLarge: false, text: '' };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      return { tooLarge: true };
    }
    chunks.push(value);
  }
  return { tooLarge: false, text: new TextDecoder().decode(Buffer.concat(chunks)) };
}
