/**
 * An integration as a vault stores it and a bundle carries it: the model's fields (the schema every
 * input goes through), its identity and timestamps, and, for the kinds that sign, its keypairs.
 * Fields the schema does not know are dropped, so nothing unbounded rides along.
 */
import { z } from 'zod';
import { ApiKeyFields, JwtFields, OAuth2Fields, OAuth2UserFields, OAuthS2SFields, OAuthUserFields, UNSAFE_TEXT_ISSUE, type Integration } from '../shared/integration';
import { visibleText } from '../shared/terminal-text';
import { withoutUnsafeChars } from '../shared/unsafe-text';
import { describeIssue } from '../shared/integration-validation';
import { nameKey } from './integration-view';
import { StoredKeyPairsSchema, TimestampSchema } from '../shared/stored-keypair';
import { SecretRotationSchema } from '../shared/secret-rotation';

const identity = {
  id: z.uuid({ error: 'integration id must be a UUID' }),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
};
const signing = { ...identity, keys: StoredKeyPairsSchema.optional() };

export const StoredIntegrationSchema = z.discriminatedUnion('kind', [
  ApiKeyFields.safeExtend(identity),
  OAuthS2SFields.safeExtend({ ...identity, secretRotation: SecretRotationSchema.optional() }),
  JwtFields.safeExtend(signing),
  OAuth2Fields.safeExtend(signing),
  OAuthUserFields.safeExtend(identity),
  OAuth2UserFields.safeExtend(identity),
]);

/** "integration 3 ("AEM prod")": the name quoted with every control and bidi character escaped, so none reaches a terminal or a dialog. */
function entryLabel(index: number, value: unknown): string {
  const name = (value as { name?: unknown } | null)?.name;
  return typeof name === 'string' ? `integration ${index + 1} ("${visibleText(name.slice(0, 100))}")` : `integration ${index + 1}`;
}

export type IntegrationsCheck = { ok: true; integrations: Integration[] } | { ok: false; problem: string };

/**
 * Every entry against the schema, then names (regardless of case) and ids unique across the list.
 * The problem names the first bad entry and field, e.g. `integration 2 ("AEM prod"): keys.0.bits: …`.
 */
type Path = readonly PropertyKey[];

function getAt(root: unknown, path: Path): unknown {
  let at = root;
  for (const key of path) at = at !== null && typeof at === 'object' && Object.hasOwn(at, key) ? (at as Record<PropertyKey, unknown>)[key] : undefined;
  return at;
}

function setAt(root: unknown, path: Path, value: unknown): boolean {
  const parent = getAt(root, path.slice(0, -1));
  const key = path[path.length - 1];
  if (parent === null || typeof parent !== 'object' || key === undefined || !Object.hasOwn(parent, key)) return false;
  (parent as Record<PropertyKey, unknown>)[key] = value;
  return true;
}

/**
 * An entry that fails only the control-character rule: written by a Keysmith from before that rule,
 * in a document GCM says is authentic. Refusing it would lock the user out of the whole vault, so it
 * is read with those fields as they were stored (every other rule still applies); output escapes
 * them, and an edit must clean them. Null when anything else is wrong with the entry.
 */
function withUnsafeTextKept(value: unknown, issues: readonly z.core.$ZodIssue[]): Integration | null {
  if (!issues.every((i) => i.code === 'custom' && (i as { params?: Record<string, unknown> }).params?.[UNSAFE_TEXT_ISSUE] === true)) return null;
  const copy: unknown = structuredClone(value);
  for (const issue of issues) {
    const text = getAt(copy, issue.path);
    if (typeof text !== 'string' || !setAt(copy, issue.path, withoutUnsafeChars(text, ''))) return null;
  }
  const again = StoredIntegrationSchema.safeParse(copy);
  if (!again.success) return null;
  for (const issue of issues) if (!setAt(again.data, issue.path, getAt(value, issue.path))) return null;
  return again.data as Integration;
}

/**
 * `storedBeforeTextRule`: the list comes from this user's own vault, where an entry written before
 * the control-character rule is read as it was (see withUnsafeTextKept); a bundle from elsewhere
 * gets no such allowance.
 */
export function checkStoredIntegrations(list: unknown, opts: { uniqueNames: boolean; storedBeforeTextRule?: boolean }): IntegrationsCheck {
  if (!Array.isArray(list)) return { ok: false, problem: 'integrations: not a list' };
  const integrations: Integration[] = [];
  const names = new Set<string>();
  const ids = new Set<string>();
  for (let i = 0; i < list.length; i++) {
    const value: unknown = list[i];
    const first = StoredIntegrationSchema.safeParse(value);
    const kept = !first.success && opts.storedBeforeTextRule ? withUnsafeTextKept(value, first.error.issues) : null;
    const parsed = kept ? { success: true as const, data: kept } : first;
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
