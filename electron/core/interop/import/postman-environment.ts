/**
 * A Postman environment (`{ name, values: [{ key, value, type, enabled }],
 * _postman_variable_scope: "environment" }`), as Postman exports it: Adobe's own template and
 * collections name the variables API_KEY, CLIENT_SECRET, SCOPES, IMS (the host), IMS_ORG,
 * TECHNICAL_ACCOUNT_ID, TECHNICAL_ACCOUNT_EMAIL, META_SCOPE, PRIVATE_KEY; Keysmith's export adds
 * lower-case client_id, org_id, token_url, …. Both are the names a .env uses, so the enabled
 * variables are read exactly as a .env holding them would be. ACCESS_TOKEN is a token, not a
 * credential, and is left alone.
 */
import { addDotenvEntries } from './dotenv';
import { isObject, oneLine, str, type Json } from './field-values';
import type { ImportOptions } from './import-candidate';
import type { PlanBuilder } from './plan-builder';

export function isPostmanEnvironment(json: Json): boolean {
  return Array.isArray(json.values) && (json._postman_variable_scope === 'environment' || (typeof json.name === 'string' && json.values.every(isObject)));
}

export async function parsePostmanEnvironment(json: Json, plan: PlanBuilder, opts: ImportOptions): Promise<void> {
  const values = Array.isArray(json.values) ? json.values : [];
  const entries = values.flatMap((v: unknown, line) => {
    if (!isObject(v) || v.enabled === false) return [];
    const key = str(v.key);
    // Empty values are kept: a template with API_KEY="" is told apart from a file without one.
    const value = typeof v.value === 'string' ? v.value.trim() : str(v.value);
    return key !== undefined && value !== undefined && /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? [{ key, value, line: line + 1 }] : [];
  });
  const name = oneLine(str(json.name) ?? '', 90) || oneLine(opts.fileName?.replace(/(\.postman_environment)?\.json$/i, '') ?? '', 90) || 'Postman environment';
  await addDotenvEntries(entries, plan, opts, name);
}
