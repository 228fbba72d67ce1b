/**
 * What the vault encrypts: the user's integrations. Versioned independently of the file frame, and
 * checked against the stored-integration schema whenever it is read or written, so an entry that is
 * authentic but broken (an old bug, a hand edit) is named where it is found, not met later as a crash.
 */
import type { Integration } from './integration';
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

/** Each integration's JSON, as a write sees them: what entryTexts returns for a checked document is known good. */
export function entryTexts(doc: VaultDocument): Set<string> {
  return new Set(doc.integrations.map((integration) => JSON.stringify(integration)));
}

/**
 * The document to write, checked, with its JSON text; or the first problem. An entry whose JSON is
 * among `checkedEntries` (entryTexts of the checked document the change started from) is not checked
 * again: a write changes one or two entries of thousands, and checking them all would cost more
 * than the write. Uniqueness is still checked across all of them.
 */
export function documentForWrite(
  doc: VaultDocument,
  checkedEntries: ReadonlySet<string>,
): { ok: true; doc: VaultDocument; text: string } | { ok: false; problem: string } {
  if (doc.schema !== DOCUMENT_SCHEMA) return { ok: false, problem: `schema: must be ${DOCUMENT_SCHEMA}` };
  const texts = doc.integrations.map((integration) => JSON.stringify(integration));
  const checked = checkStoredIntegrations(doc.integrations, { uniqueNames: true, alreadyChecked: (i) => checkedEntries.has(texts[i]!) });
  if (!checked.ok) return checked;
  // Spared entries are the very objects given; the rest are the schema's (normalised) output.
  const parts = checked.integrations.map((integration, i) => (integration === doc.integrations[i] ? texts[i]! : JSON.stringify(integration)));
  return {
    ok: true,
    doc: { schema: DOCUMENT_SCHEMA, integrations: checked.integrations },
    text: `{"schema":${DOCUMENT_SCHEMA},"integrations":[${parts.join(',')}]}`,
  };
}

/** The document if `value` is one this version can use, else the first problem, naming the entry. */
export function checkDocument(value: unknown): { ok: true; doc: VaultDocument } | { ok: false; problem: string } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, problem: 'not a vault document' };
  const { schema, integrations } = value as { schema?: unknown; integrations?: unknown };
  if (schema !== DOCUMENT_SCHEMA) return { ok: false, problem: `schema: must be ${DOCUMENT_SCHEMA}` };
  const checked = checkStoredIntegrations(integrations, { uniqueNames: true });
  return checked.ok ? { ok: true, doc: { schema: DOCUMENT_SCHEMA, integrations: checked.integrations } } : checked;
}
