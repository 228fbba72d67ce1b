/**
 * A copy of an integration: every field and key (the same credential, e.g. to vary the scopes),
 * with new ids. The token cache is not copied: the copy mints its own. `keysmith duplicate` and
 * the app's Duplicate button both come here.
 */
import { randomUUID } from 'node:crypto';
import { MAX_NAME_LENGTH, type Integration } from '../shared/integration';
import { addIntegration } from './integration-store';
import { findIntegration, getIntegration } from './integration-view';
import type { VaultDocument } from './vault-document';

/** "Name (copy)", then "Name (copy 2)", … within the characters a name may have. */
export function copyName(doc: Readonly<VaultDocument>, name: string): string {
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? ' (copy)' : ` (copy ${n})`;
    const candidate = `${name.slice(0, MAX_NAME_LENGTH - suffix.length)}${suffix}`;
    if (!findIntegration(doc, candidate)) return candidate;
  }
}

/** Adds the copy of `name` as `newName`, or as the first free "Name (copy N)". */
export function duplicateIntegration(doc: VaultDocument, name: string, newName: string | undefined, now = new Date()): Integration {
  const source = getIntegration(doc, name);
  const { id: _id, createdAt: _c, updatedAt: _u, keys, ...fields } = source;
  const copy = addIntegration(doc, { ...fields, name: newName ?? copyName(doc, source.name) }, now);
  if (keys?.length) copy.keys = keys.map((k) => ({ ...k, id: randomUUID() }));
  return copy;
}
