/**
 * An integration as a vault stores it and a bundle carries it: the model's fields (the schema every
 * input goes through), its identity and timestamps, and, for the kinds that sign, its keypairs.
 * Fields the schema does not know are dropped, so nothing unbounded rides along.
 */
import { z } from 'zod';
import { ApiKeyFields, JwtFields, OAuth2Fields, OAuthS2SFields, type Integration } from './integration';
import { describeIssue } from './integration-validation';
import { nameKey } from './integration-view';
import { StoredKeyPairsSchema, TimestampSchema } from './keys/stored-keypair';

const identity = {
  id: z.uuid({ error: 'integration id must be a UUID' }),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
};
const signing = { ...identity, keys: StoredKeyPairsSchema.optional() };

export const StoredIntegrationSchema = z.discriminatedUnion('kind', [
  ApiKeyFields.safeExtend(identity),
  OAuthS2SFields.safeExtend(identity),
  JwtFields.safeExtend(signing),
  OAuth2Fields.safeExtend(signing),
]);

/** "integration 3 ("AEM prod")": the name JSON-quoted, so no control character from the data reaches a terminal. */
function entryLabel(index: number, value: unknown): string {
  const name = (value as { name?: unknown } | null)?.name;
  return typeof name === 'string' ? `integration ${index + 1} (${JSON.stringify(name.slice(0, 100))})` : `integration ${index + 1}`;
}

export type IntegrationsCheck = { ok: true; integrations: Integration[] } | { ok: false; problem: string };

/**
 * Every entry against the schema, then names (regardless of case) and ids unique across the list.
 * The problem names the first bad entry and field, e.g. `integration 2 ("AEM prod"): keys.0.bits: …`.
 * `alreadyChecked(i)` spares an entry known to have passed the schema as it is; it is kept unchanged
 * and still counts for uniqueness.
 */
export function checkStoredIntegrations(
  list: unknown,
  opts: { uniqueNames: boolean; alreadyChecked?: (index: number) => boolean },
): IntegrationsCheck {
  if (!Array.isArray(list)) return { ok: false, problem: 'integrations: not a list' };
  const integrations: Integration[] = [];
  const names = new Set<string>();
  const ids = new Set<string>();
  for (let i = 0; i < list.length; i++) {
    const value: unknown = list[i];
    const parsed = opts.alreadyChecked?.(i) ? { success: true as const, data: value } : StoredIntegrationSchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const where = issue.path.map(String).join('.');
      // A top-level field gets the words the CLI and forms use; a nested one (keys.0.bits) its own.
      const message = issue.path.length > 1 ? issue.message : describeIssue(issue, value).message;
      return { ok: false, problem: `${entryLabel(i, value)}: ${where ? `${where}: ` : ''}${message}` };
    }
    const integration = parsed.data as Integration;
    if (ids.has(integration.id)) return { ok: false, problem: `${entryLabel(i, value)}: id: the same id as an earlier integration` };
    ids.add(integration.id);
    if (opts.uniqueNames) {
      if (names.has(nameKey(integration.name))) return { ok: false, problem: `${entryLabel(i, value)}: name: the same name as an earlier integration` };
      names.add(nameKey(integration.name));
    }
    integrations.push(integration);
  }
  return { ok: true, integrations };
}
