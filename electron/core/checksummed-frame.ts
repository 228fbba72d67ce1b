/**
 * The three-line frame shared by the vault and share bundles: a header line, a body line and
 * `sha256:<hex>` over both. The checksum is not the security (AES-GCM is): it lets accidental damage
 * (a flipped byte, a cut-off write) be told apart from a wrong key before any key is tried.
 */
import { createHash } from 'node:crypto';

const NEWLINE = Buffer.from('\n');

function checksum(headerLine: Buffer, bodyLine: Buffer): string {
  return createHash('sha256').update(headerLine).update(NEWLINE).update(bodyLine).update(NEWLINE).digest('hex');
}

export function encodeFrame(headerLine: Buffer, bodyLine: Buffer): Buffer {
  const sum = Buffer.from(`sha256:${checksum(headerLine, bodyLine)}\n`, 'ascii');
  return Buffer.concat([headerLine, NEWLINE, bodyLine, NEWLINE, sum]);
}

export type FrameProblem = 'incomplete file' | 'checksum mismatch';

/** The two lines, or what is wrong with the frame. */
export function splitFrame(bytes: Buffer): { headerLine: Buffer; bodyLine: Buffer } | { problem: FrameProblem } {
  const first = bytes.indexOf(0x0a);
  const second = first < 0 ? -1 : bytes.indexOf(0x0a, first + 1);
  const third = second < 0 ? -1 : bytes.indexOf(0x0a, second + 1);
  if (first < 0 || second < 0 || third !== bytes.length - 1) return { problem: 'incomplete file' };
  const headerLine = bytes.subarray(0, first);
  const bodyLine = bytes.subarray(first + 1, second);
  if (bytes.subarray(second + 1, third).toString('latin1') !== `sha256:${checksum(headerLine, bodyLine)}`) return { problem: 'checksum mismatch' };
  return { headerLine, bodyLine };
}
