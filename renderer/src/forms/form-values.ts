/**
 * A form's text inputs and the integration fields they stand for. Empty inputs are left out, so
 * main fills them from the settings (create) or the model drops them (edit, as `null`).
 */
import type { ResponseOf } from '../bridge';
import { FIELD_SPECS, KIND_FIELDS, type FieldKey, type InputKind, type Kind } from './field-specs';

export type FormValues = Partial<Record<FieldKey, string>>;
export type FieldMap = Record<string, unknown> & { kind: Kind };
type Masked = ResponseOf<'integrations:get'>;

/** Scopes are typed however people paste them: `a,b`, `a, b` or `a b`. */
export function parseList(text: string): string[] {
  return text.split(/[\s,]+/).filter(Boolean);
}

/** The model's value for one input, or undefined when it was left empty. */
export function fieldValue(input: InputKind, text: string): unknown {
  const blank = text.trim() === '';
  switch (input) {
    // Always an array, so an empty one gets the model's "needs a client secret" / "at least one scope".
    case 'secret':
      return blank ? [] : [text];
    case 'list':
      return parseList(text);
    // Anything but a plain number is passed on as text, for the model's "must be a number" message.
    case 'number':
      return blank ? undefined : /^-?\d+(\.\d+)?$/.test(text.trim()) ? Number(text.trim()) : text;
    case 'multiline':
      return blank ? undefined : text;
    default:
      return blank ? undefined : text.trim();
  }
}

export function toFields(kind: Kind, values: FormValues): FieldMap {
  const out: FieldMap = { kind };
  for (const key of KIND_FIELDS[kind]) {
    const value = fieldValue(FIELD_SPECS[key].input, values[key] ?? '');
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/** The inputs for an existing integration. The secret input starts empty: it only ever replaces. */
export function valuesOf(integration: Masked): FormValues {
  const record = integration as unknown as Record<string, unknown>;
  const out: FormValues = {};
  for (const key of KIND_FIELDS[integration.kind]) {
    const value = record[key];
    if (key === 'clientSecrets' || value === undefined || value === null) out[key] = '';
    else out[key] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return out;
}

/**
 * What an edit would store, for validation: an empty secret input keeps the stored secrets, which
 * the renderer only has masked; the masks stand in for them (they pass the same checks).
 */
export function editedFields(integration: Masked, values: FormValues): FieldMap {
  const fields = toFields(integration.kind, values);
  if ('clientSecrets' in fields && !values.clientSecrets?.trim()) fields.clientSecrets = integration.clientSecrets ?? [];
  return fields;
}

/** Only what changed: `null` clears an optional field; the secret is sent only when replaced. */
export function changedFields(kind: Kind, before: FormValues, after: FormValues): Record<string, unknown> {
  const old = toFields(kind, before);
  const now = toFields(kind, after);
  const patch: Record<string, unknown> = {};
  for (const key of KIND_FIELDS[kind]) {
    if (key === 'clientSecrets') {
      if (after.clientSecrets?.trim()) patch.clientSecrets = now.clientSecrets;
    } else if (JSON.stringify(old[key]) !== JSON.stringify(now[key])) {
      patch[key] = now[key] ?? null;
    }
  }
  return patch;
}
