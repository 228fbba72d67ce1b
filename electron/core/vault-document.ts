/**
 * What the vault encrypts: the user's integrations. Versioned independently of the file frame, and
 * checked against the stored-integration schema whenever it is read or written, so an entry that is
 * authentic but broken (an old bug, a hand edit) is named where it is found, not met later as a crash.
 */
import type { Integration } from '../shared/integration';
import { checkStoredIntegrations } from './stored-integration';

export const DOCUMENT_SCHEMA = 1;

/**
 * The revision of the rules checkDocument applies. A write records it in the (authenticated) header
 * once its document has passed them, and a read trusts only the current revision: bump this
 * whenever a stored schema (integration fields, keypairs, this file) accepts less than before, so
 * documents checked under the looser rules are checked again when next read.
 */
export const DOCUMENT_RULES = 1;

export interface VaultDocument {
  schema: typeof DOCUMENT_SCHEMA;
  integrations: Integration[];
}

export function emptyDocument(): VaultDocument {
  return { schema: DOCUMENT_SCHEMA, integrations: [] };
}

/** The document if `value` is one this version can use, else the first problem, naming the entry. */
export function checkDocument(value: unknown): { ok: true; doc: VaultDocument } | { ok: false; problem: string } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, problem: 'not a vault document' };
  const { schema, integrations } = value as { schema?: unknown; integrations?: unknown };
  if (schema !== DOCUMENT_SCHEMA) return { ok: false, problem: `schema: must be ${DOCUMENT_SCHEMA}` };
  const checked = checkStoredIntegrations(integrations, { uniqueNames: true, storedBeforeTextRule: true });
  return checked.ok ? { ok: true, doc: { schema: DOCUMENT_SCHEMA, integrations: checked.integrations } } : checked;
}
