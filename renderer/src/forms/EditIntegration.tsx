import { useCallback, useEffect, useId, useMemo, useState, type FormEvent, type KeyboardEvent } from 'react';
import { call, type IpcError, type KeysmithApi, type RequestOf, type ResponseOf } from '../bridge';
import { FieldList, focusFirstInvalid, inputId, type FieldOverrides } from './FieldList';
import { KIND_FIELDS } from './field-specs';
import { changedFields, editedFields, valuesOf, type FormValues } from './form-values';
import { fieldOfError } from './server-error';
import { useValidatedForm } from './useValidatedForm';
import { fieldErrors } from './validation';
import { useUnsaved } from '../unsaved/UnsavedGuard';
import './forms.css';

type Masked = ResponseOf<'integrations:get'>;
type Patch = RequestOf<'integrations:update'>['patch'];

interface Props {
  api: KeysmithApi;
  integration: Masked;
  onSaved: (updated: Masked) => void;
  onCancel: () => void;
  /** the input to focus first (an error's "Replace secret…" opens the form on the secret) */
  focusField?: 'clientSecrets';
}

/** The secret is never shown, only replaced; the ones kept for rotation go with a replacement (as in the CLI). */
function secretOverride(masked: readonly string[] | undefined): FieldOverrides {
  if (!masked?.length) return { clientSecrets: { help: 'Needed unless the auth method is private_key_jwt.' } };
  const rotation = masked.length > 1 ? ' Replacing it also drops the secrets kept for rotation.' : '';
  return { clientSecrets: { label: 'Replace client secret', help: `Leave empty to keep the stored secret.${rotation}` } };
}

/** The detail's fields as inputs, with the same checks as a new integration; saves only what changed. */
export function EditIntegration({ api, integration, onSaved, onCancel, focusField }: Props) {
  const prefix = useId();
  const [error, setError] = useState<IpcError | null>(null);
  const [busy, setBusy] = useState(false);
  const original = useMemo(() => valuesOf(integration), [integration]);
  const validate = useCallback((values: FormValues) => fieldErrors(editedFields(integration, values)), [integration]);
  const form = useValidatedForm(original, validate);

  const dirty = Object.keys(changedFields(integration.kind, original, form.values)).length > 0;
  const confirmLeave = useUnsaved(dirty ? `“${integration.name}”` : null);
  const cancel = () => confirmLeave(onCancel);

  useEffect(() => document.getElementById(inputId(prefix, focusField ?? 'name'))?.focus(), [prefix, focusField]);

  async function save(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    setError(null);
    if (!form.valid) {
      form.markSubmitted();
      focusFirstInvalid(prefix, integration.kind, (key) => Boolean(form.errors[key]));
      return;
    }
    const patch = changedFields(integration.kind, original, form.values);
    if (Object.keys(patch).length === 0) {
      onCancel();
      return;
    }
    setBusy(true);
    const result = await call(api.integrations.update({ name: integration.name, patch: patch as Patch }));
    setBusy(false);
    if (result.ok) {
      onSaved(result.value);
      return;
    }
    const field = fieldOfError(result.error, KIND_FIELDS[integration.kind]);
    if (field) {
      form.setServerError(field, result.error.message);
      document.getElementById(inputId(prefix, field))?.focus();
    } else {
      setError(result.error);
    }
  }

  function onKeyDown(e: KeyboardEvent) {
    if (e.key === 'Escape') {
      e.preventDefault();
      cancel();
    }
  }

  return (
    <form className="edit-form" onSubmit={(e) => void save(e)} onKeyDown={onKeyDown} noValidate aria-label={`Edit ${integration.name}`}>
      <FieldList idPrefix={prefix} kind={integration.kind} form={form} overrides={secretOverride(integration.clientSecrets)} />
      {error && (
        <p role="alert" className="error-text">
          {error.message}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy} title="Save (Enter)">
          {busy ? 'Saving…' : 'Save'}
        </button>
        <button type="button" onClick={cancel} title="Cancel (Esc)">
          Cancel
        </button>
      </div>
    </form>
  );
}
