/**
 * Validation messages for integration fields, worded once for every caller: the CLI and IPC (via
 * validateFields, which throws the first one) and the renderer's forms (which show every one next
 * to its input, as the user types). zod and the model only: no `node:` import, no Electron, so
 * Vite can bundle it for the sandboxed renderer.
 */
import type { z } from 'zod';
import { IntegrationFieldsSchema, KIND_LABELS, type IntegrationKind } from './integration';

/** How a missing field is named in "<Kind> integrations need …". */
const FIELD_LABELS: Record<string, string> = {
  name: 'a name',
  clientId: 'a client id',
  orgId: 'an org id (…@AdobeOrg)',
  technicalAccountId: 'a technical account id (…@techacct.adobe.com)',
  metascopes: 'metascopes (e.g. ent_cloudmgr_sdk)',
  scopes: 'scopes (e.g. openid,AdobeID,read_organizations)',
  tokenUrl: 'a token URL',
};

export interface FieldIssue {
  /** the model field at fault, dotted, without array indexes (`scopes`, not `scopes.1`) */
  field: string;
  message: string;
}

function kindLabel(input: unknown): string {
  const raw = (input as { kind?: unknown } | null)?.kind;
  // Looked up only for a known kind: any other value (an object from a hostile IPC payload) gets the generic word.
  return typeof raw === 'string' && Object.hasOwn(KIND_LABELS, raw) ? KIND_LABELS[raw as IntegrationKind] : 'These';
}

/** One zod issue in the words the CLI has always used: a missing field is named, not typed. */
export function describeIssue(issue: z.core.$ZodIssue, input: unknown): FieldIssue {
  const field = issue.path.filter((p) => typeof p === 'string').join('.');
  const missing = issue.code === 'invalid_type' && /received undefined/.test(issue.message);
  const message = missing ? `${kindLabel(input)} integrations need ${FIELD_LABELS[field] ?? field}` : issue.message;
  return { field, message };
}

/** `null` in an input means "no value": drop it so optional fields fall back to absent or default. */
export function withoutNulls(input: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== null && v !== undefined));
}

/** Every problem with `input`, in schema order; empty when it is a valid integration. */
export function fieldIssues(input: unknown): FieldIssue[] {
  const result = IntegrationFieldsSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => describeIssue(issue, input));
}

/**
 * For a form: the first message for each field of a (possibly incomplete) integration, keyed by
 * field name. Fields the user has not filled in yet are reported too; the form decides when to
 * show them.
 */
export function fieldErrors(input: unknown): Partial<Record<string, string>> {
  const out: Partial<Record<string, string>> = {};
  for (const { field, message } of fieldIssues(input)) out[field] ??= message;
  return out;
}

/** The fields a kind cannot do without (no default, not optional), so a form can mark them. */
export function requiredFields(kind: IntegrationKind): string[] {
  const schema = IntegrationFieldsSchema.options.find((o) => o.shape.kind.value === kind);
  if (!schema) return [];
  return Object.entries(schema.shape as Record<string, z.ZodType>)
    .filter(([key, field]) => key !== 'kind' && !field.safeParse(undefined).success)
    .map(([key]) => key);
}
