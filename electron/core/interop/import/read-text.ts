/**
 * Bytes to text, refusing before any parsing what is no credentials file: anything large (these files
 * are a few KB, and a parser should not be handed a disk image), binary data and text in another
 * encoding. Windows editors save UTF-16 and legacy code pages, so those get their own sentence.
 */
import { KeysmithError } from '../../errors';
import { MAX_IMPORT_BYTES } from '../../../shared/import-limits';

export { MAX_IMPORT_BYTES };

function invalid(message: string): KeysmithError {
  return new KeysmithError('invalid_input', message, { field: 'file' });
}

/** The offset of the first byte that breaks UTF-8 (RFC 3629: no overlongs, no surrogates, max U+10FFFF), or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    let cp: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min, cp] = [1, 0x80, b & 0x1f];
    else if (b >= 0xe0 && b <= 0xef) [need, min, cp] = [2, 0x800, b & 0x0f];
    else if (b >= 0xf0 && b <= 0xf4) [need, min, cp] = [3, 0x10000, b & 0x07];
    else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

function lineOf(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/** `label` names the file in messages: '"project.json"' or 'The file'. */
export function readImportText(bytes: Uint8Array, label: string): string {
  if (bytes.length > MAX_IMPORT_BYTES) {
    const mib = (bytes.length / (1024 * 1024)).toFixed(1);
    throw invalid(`${label} is ${mib} MiB; a credentials file is a few KB: check that this is the right file`);
  }
  if (bytes.length === 0) throw invalid(`${label} is empty`);
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw invalid(`${label} is UTF-16 text: save it as UTF-8 and import it again`);
  }
  let start = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  const body = bytes.subarray(start);
  // NUL is valid UTF-8 but never appears in JSON or .env text; UTF-16 without a BOM is full of them.
  const nul = body.indexOf(0);
  if (nul !== -1) {
    throw invalid(`${label} contains NUL bytes (line ${lineOf(body, nul)}): it is binary or UTF-16; save it as UTF-8 text`);
  }
  const bad = firstInvalidUtf8(body);
  if (bad !== -1) {
    throw invalid(`${label} is not UTF-8 text (invalid byte at line ${lineOf(body, bad)}): save it as UTF-8 and import it again`);
  }
  return Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
}
