import type { IpcError } from '../bridge';

/**
 * The input a refusal from main is about, when the form shows that input: an invalid field
 * (`fields.orgId` on create, `orgId` on update) or a name already taken. Anything else is for an alert.
 */
export function fieldOfError(error: IpcError, shown: readonly string[]): string | null {
  let field: string | undefined;
  if (error.code === 'already_exists') field = 'name';
  else if (error.code === 'invalid_input' && error.field) field = error.field.replace(/^(fields|patch)\./, '').split('.')[0];
  return field && shown.includes(field) ? field : null;
}
