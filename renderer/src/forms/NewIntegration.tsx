import { useCallback, useId, useState, type FormEvent } from 'react';
import { ADOBE_APP_TYPES, USER_GRANTS, signsWithKey } from '../../../electron/shared/integration-kinds';
import { call, type IpcError, type KeysmithApi, type RequestOf } from '../bridge';
import { FieldList, focusFirstInvalid, inputId } from './FieldList';
import { KIND_FIELDS, type Kind } from './field-specs';
import { toFields, type FormValues } from './form-values';
import { KindChooser } from './KindChooser';
import { fieldOfError } from './server-error';
import { useValidatedForm } from './useValidatedForm';
import { fieldErrors } from './validation';
import { useUnsaved } from '../unsaved/UnsavedGuard';
import './forms.css';

export interface NewIntegrationProps {
  api: KeysmithApi;
  /** called with the created integration's name, to select it */
  onCreated: (name: string) => void;
  onCancel: () => void;
}

type CreateFields = RequestOf<'integrations:create'>['fields'];

/** A select shows a value, so the value must be one: the model's default (for app type and grant, the first of the shared list). */
const INITIAL: FormValues = { authMethod: 'client_secret_basic', appType: ADOBE_APP_TYPES[0], grant: USER_GRANTS[0] };

/** What the user must do after saving, for kinds that sign with a key. */
function keyNote(kind: Kind, authMethod: string | undefined): string | null {
  if (signsWithKey({ kind, authMethod })) {
    return 'After saving, generate or import a keypair in the Keys section, then upload its certificate to the token server (for Adobe: the Developer Console).';
  }
  return null;
}

/** Choose a kind, fill its fields (checked as you type with the model's own rules), create. */
export function NewIntegration({ api, onCreated, onCancel }: NewIntegrationProps) {
  const [kind, setKind] = useState<Kind | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const [busy, setBusy] = useState(false);
  const prefix = useId();
  const titleId = `${prefix}-title`;

  const validate = useCallback((values: FormValues) => (kind ? fieldErrors(toFields(kind, values)) : {}), [kind]);
  const form = useValidatedForm(INITIAL, validate);
  const typed = Object.entries(form.values).some(([key, value]) => (value ?? '') !== (INITIAL[key as keyof FormValues] ?? ''));
  const confirmLeave = useUnsaved(kind && typed ? 'the new integration' : null);
  const cancel = () => confirmLeave(onCancel);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!kind || busy) return;
    setError(null);
    if (!form.valid) {
      form.markSubmitted();
      focusFirstInvalid(prefix, kind, (key) => Boolean(form.errors[key]));
      return;
    }
    setBusy(true);
    // Empty optional fields are left out: main fills the IMS endpoint and refresh margin from the settings.
    const result = await call(api.integrations.create({ fields: toFields(kind, form.values) as CreateFields }));
    setBusy(false);
    if (result.ok) {
      onCreated(result.value.name);
      return;
    }
    const field = fieldOfError(result.error, KIND_FIELDS[kind]);
    if (field) {
      form.setServerError(field, result.error.message);
      document.getElementById(inputId(prefix, field))?.focus();
    } else {
      setError(result.error);
    }
  }

  const note = kind && keyNote(kind, form.values.authMethod);
  return (
    <section
      className="detail form-view"
      aria-labelledby={titleId}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          cancel();
        }
      }}
    >
      <h2 id={titleId}>New integration</h2>
      <KindChooser value={kind} onChange={setKind} />
      {kind && (
        <form onSubmit={(e) => void submit(e)} noValidate aria-label="Integration fields">
          <p className="field-help">Fields marked * are required.</p>
          <FieldList idPrefix={prefix} kind={kind} form={form} />
          {note && <p className="form-note">{note}</p>}
          {error && (
            <p role="alert" className="error-text">
              {error.message}
            </p>
          )}
          <div className="form-actions">
            <button type="submit" className="primary" disabled={busy}>
              {busy ? 'Creating…' : 'Create integration'}
            </button>
            <button type="button" onClick={cancel}>
              Cancel
            </button>
          </div>
        </form>
      )}
      {!kind && (
        <div className="form-actions">
          <button type="button" onClick={cancel}>
            Cancel
          </button>
        </div>
      )}
    </section>
  );
}
