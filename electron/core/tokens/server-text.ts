/**
 * Text a token server wrote, made fit to quote in a one-line error: terminal controls removed, every
 * secret of the integration redacted, token-like runs elided, and kept short. A hostile or broken
 * server can echo what it was sent (the client secret, the signed assertion) and can embed escape
 * sequences that rewrite the user's terminal; neither may reach an error message.
 */

/** No quote from a server is longer than this. */
export const MAX_QUOTE_CHARS = 120;
/** Only the start of a body is ever looked at: redaction and excerpts stay cheap on a big error page. */
const MAX_SCANNED_CHARS = 4096;
/** A piece of a secret at least this long is redacted wherever it appears. */
const PIECE = 8;
/** Secrets shorter than this are not redacted (they would blank ordinary words, and protect nothing). */
const MIN_SECRET = 4;
const REDACTED = '[redacted]';

// ESC sequences whole (CSI, OSC, DCS/SOS/PM/APC strings, two-byte escapes), their 8-bit C1 forms,
// then any control or format character left: C0, DEL, C1, bidi overrides and isolates, zero-width.
const ESCAPE_SEQUENCES = new RegExp(
  [
    '\\u001b\\[[0-?]*[ -/]*[@-~]',
    '\\u009b[0-?]*[ -/]*[@-~]',
    '(?:\\u001b[\\]PX^_]|[\\u0090\\u0098\\u009d-\\u009f])[^\\u0007\\u001b\\u009c]*(?:\\u0007|\\u001b\\\\|\\u009c)?',
    '\\u001b[ -/]*[0-~]?',
  ].join('|'),
  'g',
);
const CONTROLS = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\u2028\u2029]/gu;

/** Removes escape sequences and control, format and line-separator characters; breaks become spaces. */
export function stripControls(text: string): string {
  return text.replace(/[\r\n\t\u2028\u2029]+/g, ' ').replace(ESCAPE_SEQUENCES, '').replace(CONTROLS, '');
}

function base64Forms(bytes: Buffer): string[] {
  // A secret inside a longer base64 text starts at one of three alignments; the characters away from
  // its edges depend only on its own bytes.
  const forms: string[] = [];
  for (let shift = 0; shift < 3; shift++) {
    const encoded = Buffer.concat([Buffer.alloc(shift), bytes]).toString('base64');
    const inner = encoded.slice(shift === 0 ? 0 : 4, encoded.length - 4);
    forms.push(shift === 0 ? encoded.replace(/=+$/, '') : inner, (shift === 0 ? encoded.replace(/=+$/, '') : inner).replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return forms;
}

/** The ways a secret can come back from a server that echoes its request. */
function encodings(secret: string): string[] {
  const percent = encodeURIComponent(secret);
  return [
    secret,
    percent,
    percent.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()),
    new URLSearchParams({ s: secret }).toString().slice(2),
    JSON.stringify(secret).slice(1, -1),
    ...base64Forms(Buffer.from(secret)),
  ];
}

/**
 * Redacts every occurrence of the given secrets, in the encodings a request carries them (raw,
 * form/percent-encoded, JSON-escaped, base64/base64url at any alignment), and any piece of one at
 * least 8 characters long, so a truncated or split echo is caught as well.
 */
export class Redactor {
  private pieces: Set<string> | null = null;
  private short: string[] = [];

  constructor(private readonly secrets: readonly string[]) {}

  private build(): Set<string> {
    const pieces = new Set<string>();
    for (const secret of this.secrets) {
      if (secret.length < MIN_SECRET) continue;
      for (const form of encodings(secret)) {
        if (form.length < PIECE) {
          if (form.length >= MIN_SECRET) this.short.push(form);
          continue;
        }
        for (let i = 0; i + PIECE <= form.length; i++) pieces.add(form.slice(i, i + PIECE));
      }
    }
    return pieces;
  }

  redact(text: string): string {
    if (this.secrets.length === 0) return text;
    const pieces = (this.pieces ??= this.build());
    const hidden = new Uint8Array(text.length);
    for (let i = 0; i + PIECE <= text.length; i++) {
      if (pieces.has(text.slice(i, i + PIECE))) hidden.fill(1, i, i + PIECE);
    }
    for (const form of this.short) {
      for (let at = text.indexOf(form); at >= 0; at = text.indexOf(form, at + 1)) hidden.fill(1, at, at + form.length);
    }
    let out = '';
    for (let i = 0; i < text.length; i++) {
      if (!hidden[i]) out += text[i];
      else if (i === 0 || !hidden[i - 1]) out += REDACTED;
    }
    return out;
  }
}

export const NO_SECRETS = new Redactor([]);

/**
 * A short excerpt of server text, safe to show: no controls, no secrets, no long token-like runs,
 * at most 120 characters.
 */
export function quoteServer(text: string, redactor: Redactor = NO_SECRETS): string {
  const clean = redactor.redact(stripControls(text.slice(0, MAX_SCANNED_CHARS)));
  return clean
    .replace(/\s+/g, ' ')
    .replace(/[A-Za-z0-9_\-.+/=]{24,}/g, '…')
    .trim()
    .slice(0, MAX_QUOTE_CHARS);
}
