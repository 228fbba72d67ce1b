/**
 * Coercions shared by the importers. The same value reaches us in several shapes: Console JSON has
 * arrays, aio's .env flattening writes arrays as JSON text, AEM writes comma-separated strings, and
 * hand-written .env files use commas or spaces. Each helper accepts all of them.
 */
import { withoutUnsafeChars } from '../../../shared/unsafe-text';

export type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function obj(value: unknown): Json {
  return isObject(value) ? value : {};
}

/** A non-empty trimmed string, or undefined. Numbers become strings: older files write ids as numbers. */
export function str(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/**
 * A list of strings from an array, a JSON array in a string (`["a","b"]`), or text separated by
 * commas and/or whitespace (`a,b` or `a b`). Empty entries are dropped; order and first occurrence kept.
 */
export function stringList(value: unknown): string[] {
  let items: unknown[];
  if (Array.isArray(value)) items = value;
  else if (typeof value === 'string') {
    const text = value.trim();
    items = text.split(/[\s,]+/);
    if (text.startsWith('[')) {
      try {
        const parsed: unknown = JSON.parse(text);
        if (Array.isArray(parsed)) items = parsed;
      } catch {
        // Not JSON after all: read it as separated text.
      }
    }
  } else return [];
  const out: string[] = [];
  for (const item of items) {
    const s = str(item);
    if (s !== undefined && !out.includes(s)) out.push(s);
  }
  return out;
}

/**
 * Metascopes as the model stores them: the claim suffix (`ent_cloudmgr_sdk`). Some samples write the
 * whole claim name (`https://ims-na1.adobelogin.com/s/ent_cloudmgr_sdk`); the host of those is
 * returned too, as it names the IMS environment.
 */
export function metascopeList(value: unknown): { metascopes: string[]; hosts: string[] } {
  const metascopes: string[] = [];
  const hosts: string[] = [];
  for (const item of stringList(value)) {
    const claim = /^https?:\/\/([^/\s]+)\/s\/([^/\s]+)$/i.exec(item);
    // aio-lib-java writes the claim's path alone (aio_meta_scopes=/s/ent_user_sdk) and prefixes the IMS URL.
    const path = /^\/s\/([^/\s]+)$/.exec(item);
    const scope = claim ? claim[2]! : path ? path[1]! : item;
    if (claim && !hosts.includes(claim[1]!.toLowerCase())) hosts.push(claim[1]!.toLowerCase());
    if (!metascopes.includes(scope)) metascopes.push(scope);
  }
  return { metascopes, hosts };
}

/** An IMS endpoint as a URL: AEM and many .env files write the bare host (`ims-na1.adobelogin.com`). */
export function imsEndpointUrl(value: unknown): string | undefined {
  const text = str(value);
  if (text === undefined) return undefined;
  const url = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  // A trailing slash is a common way of writing a host; the model wants the origin alone.
  return url.replace(/\/+$/, '');
}

export const STAGE_IMS_ENDPOINT = 'https://ims-na1-stg1.adobelogin.com';

/**
 * Text fit for a one-line message or a name: control and bidi characters (a newline in a credential
 * name would break the one-line error, an escape sequence would reach the terminal, an override
 * would disguise the name) become spaces, runs of space collapse, and length is capped. The model
 * refuses the same characters (unsafe-text.ts), so a name made here always passes it.
 */
export function oneLine(text: string, max = 80): string {
  const clean = withoutUnsafeChars(text).replace(/\s+/g, ' ').trim();
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

/** Drops undefined values, so absent fields stay absent and the model's defaults apply. */
export function compact(fields: Json): Json {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
}

/** An empty list as absent: the model then says "… integrations need scopes (e.g. …)". */
export function nonEmpty(list: string[]): string[] | undefined {
  return list.length > 0 ? list : undefined;
}
