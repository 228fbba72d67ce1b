/**
 * Changes to the integrations inside a vault document, validated against the one schema, with
 * names unique regardless of case.
 */
import { randomUUID } from 'node:crypto';
import { KeysmithError } from './errors';
import { INTEGRATION_FIELD_NAMES, IntegrationFieldsSchema, type Integration, type IntegrationFields, type IntegrationFieldsInput } from '../shared/integration';
import { describeIssue, withoutNulls } from '../shared/integration-validation';
import { findIntegration, getIntegration } from './integration-view';
import type { VaultDocument } from './vault-document';

/** Validates against the one schema; the error names the field, so callers can name their flag. */
export function validateFields(input: unknown): IntegrationFields {
  const result = IntegrationFieldsSchema.safeParse(input);
  if (result.success) return result.data;
  const { field, message } = describeIssue(result.error.issues[0]!, input);
  throw new KeysmithError('invalid_input', message, { field });
}

export { withoutNulls };

function assertNameFree(doc: VaultDocument, name: string, exceptId?: string): void {
  const clash = findIntegration(doc, name);
  if (clash && clash.id !== exceptId) {
    throw new KeysmithError('already_exists', `An integration named "${clash.name}" already exists: choose another name or edit that one`);
  }
}

export function addIntegration(doc: VaultDocument, input: IntegrationFieldsInput | Record<string, unknown>, now = new Date()): Integration {
  const fields = validateFields(withoutNulls(input as Record<string, unknown>));
  assertNameFree(doc, fields.name);
  const stamp = now.toISOString();
  const integration: Integration = { ...fields, id: randomUUID(), createdAt: stamp, updatedAt: stamp };
  doc.integrations.push(integration);
  return integration;
}

/** `patch` holds only the fields to change: `undefined` leaves a field as it is, `null` clears it. */
export function updateIntegration(doc: VaultDocument, name: string, patch: Record<string, unknown>, now = new Date()): Integration {
  const current = getIntegration(doc, name);
  if (patch.kind !== undefined && patch.kind !== current.kind) {
    throw new KeysmithError('invalid_input', `The kind of an integration cannot change (it is ${current.kind}): add a new integration instead`);
  }
  // Only model field names are copied: a patch may come from JSON (a re-imported bundle), where a
  // `__proto__` key assigned here would hand the object a prototype and zod would read fields from it.
  // Identity, timestamps and keys are not fields, so they survive an edit untouched.
  const merged: Record<string, unknown> = {};
  for (const field of INTEGRATION_FIELD_NAMES) {
    const value = Object.hasOwn(patch, field) ? patch[field] : undefined;
    const kept = value === undefined ? (current as unknown as Record<string, unknown>)[field] : value;
    if (kept !== null && kept !== undefined) merged[field] = kept;
  }
  const { id, createdAt, keys, secretRotation } = current;
  const fields = validateFields(merged);
  assertNameFree(doc, fields.name, id);
  const updated: Integration = { ...fields, id, createdAt, updatedAt: now.toISOString(), ...(keys ? { keys } : {}), ...(secretRotation ? { secretRotation } : {}) };
  doc.integrations[doc.integrations.indexOf(current)] = updated;
  return updated;
}

export function removeIntegration(doc: VaultDocument, name: string): Integration {
  const current = getIntegration(doc, name);
  doc.integrations.splice(doc.integrations.indexOf(current), 1);
  return current;
}

