/**
 * JSON credential files that are neither a Console project nor AEM's, as Adobe hands them out:
 * - the Cloud Manager plugin's `config.json`: a bare aio IMS context (its README has users write one
 *   and load it with `aio config:set ims.contexts.aio-cli-plugin-cloudmanager config.json --file --json`),
 *   imported as that context;
 * - PDF Services' `pdfservices-api-credentials.json`: `client_credentials { client_id, client_secret }`
 *   and `service_principal_credentials { organization_id }` (OAuth Server-to-Server), and the older
 *   Console download with the .env names at top level (`CLIENT_ID`/`API_KEY`, `CLIENT_SECRET`,
 *   `ORG_ID`, `TECHNICAL_ACCOUNT_ID`, …), read as a .env with those names would be.
 */
import { addAioContexts, AIO_CONTEXT_FIELDS } from './aio-config';
import { addDotenvEntries } from './dotenv';
import { isObject, obj, oneLine, str, type Json } from './field-values';
import type { ImportOptions } from './import-candidate';
import type { PlanBuilder } from './plan-builder';

/** The Cloud Manager plugin's default context, where its config.json goes. */
export const CLOUD_MANAGER_CONTEXT = 'aio-cli-plugin-cloudmanager';

/** A bare context: a client id and at least one other field an aio context has. */
export function isBareContext(json: Json): boolean {
  return str(json.client_id) !== undefined && Object.keys(json).some((k) => k !== 'client_id' && AIO_CONTEXT_FIELDS.has(k));
}

export function isPdfServicesCredentials(json: Json): boolean {
  return isObject(json.client_credentials) && str(json.client_credentials.client_id) !== undefined;
}

/** The older download: upper-case names a .env would use, at least a client id (or API key) and one more. */
export function isUppercaseCredentials(json: Json): boolean {
  const keys = Object.keys(json);
  return (keys.includes('CLIENT_ID') || keys.includes('API_KEY')) && keys.some((k) => k === 'CLIENT_SECRET' || k === 'ORG_ID' || k === 'ORGANIZATION_ID');
}

export async function parseBareContext(json: Json, plan: PlanBuilder, opts: ImportOptions): Promise<void> {
  const file = opts.fileName ? ` in "${oneLine(opts.fileName)}"` : '';
  const contexts: Json = Object.create(null) as Json;
  contexts[CLOUD_MANAGER_CONTEXT] = json;
  await addAioContexts(plan, contexts, {
    ...opts,
    sourceOf: () => `the aio context${file}`,
    describedAs: () => `an aio context${file} (the Cloud Manager plugin's config.json)`,
  });
}

const stem = (fileName: string | undefined, fallback: string) => oneLine(fileName?.replace(/\.json$/i, '') ?? '', 90) || fallback;

export async function parsePdfServicesCredentials(json: Json, plan: PlanBuilder, opts: ImportOptions): Promise<void> {
  const client = obj(json.client_credentials);
  const principal = obj(json.service_principal_credentials);
  const entries = [
    ['PDF_SERVICES_CLIENT_ID', client.client_id],
    ['PDF_SERVICES_CLIENT_SECRET', client.client_secret],
    ['PDF_SERVICES_ORG_ID', principal.organization_id],
  ].flatMap(([key, value], line) => (str(value) !== undefined ? [{ key: key as string, value: str(value)!, line: line + 1 }] : []));
  await addDotenvEntries(entries, plan, opts, stem(opts.fileName, 'PDF Services'));
}

export async function parseUppercaseCredentials(json: Json, plan: PlanBuilder, opts: ImportOptions): Promise<void> {
  const entries = Object.entries(json).flatMap(([key, value], line) => {
    const text = Array.isArray(value) ? value.filter((v) => typeof v === 'string').join(',') : str(value);
    return text !== undefined && /^[A-Z][A-Z0-9_]*$/.test(key) ? [{ key, value: text, line: line + 1 }] : [];
  });
  await addDotenvEntries(entries, plan, opts, stem(opts.fileName, 'Imported credentials'));
}
