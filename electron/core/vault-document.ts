/** What the vault encrypts: the user's integrations and (later) settings. Versioned independently of the file frame. */
import type { Integration } from './integration';

export const DOCUMENT_SCHEMA = 1;

export interface VaultDocument {
  schema: typeof DOCUMENT_SCHEMA;
  integrations: Integration[];
}

export function emptyDocument(): VaultDocument {
  return { schema: DOCUMENT_SCHEMA, integrations: [] };
}
