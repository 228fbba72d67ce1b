import { useEffect, useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { call, type IpcError, type KeysmithApi } from '../bridge';
import { changedFields, checkDraft, draftOf, EDITED, MAX_HEALTH_DAYS, type Draft, type EditedKey, type FieldErrors, type Settings } from './settingsDraft';
import { NeverToggle } from './NeverToggle';
import { TextField } from './TextField';
import { ThemeChoice } from './ThemeChoice';
import './settings.css';
import { useUnsaved } from '../unsaved/UnsavedGuard';

export interface SettingsViewProps {
  api: KeysmithApi;
  onClose: () => void;
}

/** Which draft inputs feed which setting: editing one clears main's message about it. */
const SOURCE_OF: Record<keyof Draft, EditedKey> = {
  clipboardText: 'clipboardClearSeconds',
  clipboardNever: 'clipboardClearSeconds',
  refreshMarginText: 'refreshMarginMinutes',
  autoLockText: 'autoLockMinutes',
  autoLockNever: 'autoLockMinutes',
  imsEndpoint: 'defaultImsEndpoint',
  theme: 'theme',
  secretMaxAgeText: 'healthSecretMaxAgeDays',
  certificateDaysText: 'healthCertificateDays',
};

function isEditedKey(field: string | undefined): field is EditedKey {
  return (EDITED as readonly string[]).includes(field ?? '');
}

/** Clipboard delay, refresh margin, auto-lock, default IMS endpoint, health thresholds and theme. */
export function SettingsView({ api, onClose }: SettingsViewProps) {
  const [saved, setSaved] = useState<Settings | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<IpcError | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  // Main could not fully use the settings file: said until a save replaces it.
  const [fileWarning, setFileWarning] = useState<string | null>(null);
  const titleId = useId();

  useEffect(() => {
    let active = true;
    void call(api.settings.get()).then((result) => {
      if (!active) return;
      if (result.ok) {
        const { warning, ...settings } = result.value;
        setSaved(settings);
        setDraft(draftOf(settings));
        setFileWarning(warning ?? null);
      } else {
        setError(result.error);
      }
    });
    return () => {
      active = false;
    };
  }, [api]);

  function edit<K extends keyof Draft>(key: K, value: Draft[K]) {
    setDraft((d) => (d ? { ...d, [key]: value } : d));
    setServerErrors(({ [SOURCE_OF[key]]: _gone, ...rest }) => rest);
    setDone(false);
  }

  const checked = draft ? checkDraft(draft) : null;
  const errors: FieldErrors = { ...checked?.errors, ...serverErrors };
  const patch = checked && saved ? changedFields(checked.values, saved) : {};
  const invalid = Object.keys(checked?.errors ?? {}).length > 0;
  const unchanged = Object.keys(patch).length === 0;
  const dirty = Boolean(draft && saved && JSON.stringify(draft) !== JSON.stringify(draftOf(saved)));
  const confirmLeave = useUnsaved(dirty ? 'the settings' : null);
  const close = () => confirmLeave(onClose);

  async function save(event: FormEvent) {
    event.preventDefault();
    if (invalid || unchanged || busy) return;
    setBusy(true);
    const result = await call(api.settings.set(patch));
    setBusy(false);
    if (result.ok) {
      setSaved(result.value);
      setDraft(draftOf(result.value));
      setError(null);
      setFileWarning(null);
      setDone(true);
    } else if (isEditedKey(result.error.field)) {
      setServerErrors({ [result.error.field]: result.error.message });
    } else {
      setError(result.error);
    }
  }

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'Escape') close();
  }

  return (
    <section className="detail settings-view" aria-labelledby={titleId} onKeyDown={onKeyDown}>
      <h2 id={titleId}>Settings</h2>
      {!draft && !error && <p aria-busy="true">Loading settings…</p>}
      {fileWarning && (
        <p role="note" aria-label="Settings file" className="settings-file-warning">
          {fileWarning}
        </p>
      )}
      {draft && (
        <form className="settings-form" onSubmit={(e) => void save(e)} noValidate>
          <fieldset>
            <legend>Clipboard</legend>
            <TextField
              label="Clear a copied token or secret after (seconds)"
              inputMode="numeric"
              value={draft.clipboardText}
              onValue={(v) => edit('clipboardText', v)}
              disabled={draft.clipboardNever}
              hint="5 to 3600 seconds. Locking the vault and quitting always clear it."
              error={errors.clipboardClearSeconds}
            >
              <NeverToggle label="Never clear" checked={draft.clipboardNever} onChange={(v) => edit('clipboardNever', v)} />
            </TextField>
          </fieldset>
          <fieldset>
            <legend>Tokens</legend>
            <TextField
              label="Refresh margin (minutes)"
              inputMode="numeric"
              value={draft.refreshMarginText}
              onValue={(v) => edit('refreshMarginText', v)}
              hint="0 to 1440. A cached token is re-minted this long before it expires, unless the integration sets its own margin."
              error={errors.refreshMarginMinutes}
            />
            <TextField
              label="Default IMS endpoint"
              inputMode="url"
              autoComplete="off"
              spellCheck={false}
              value={draft.imsEndpoint}
              onValue={(v) => edit('imsEndpoint', v)}
              hint="For new Adobe integrations that name none: https://ims-na1.adobelogin.com, or ims-na1-stg1.adobelogin.com for stage."
              error={errors.defaultImsEndpoint}
            />
          </fieldset>
          <fieldset>
            <legend>Auto-lock</legend>
            <TextField
              label="Lock the vault after idle (minutes)"
              inputMode="numeric"
              value={draft.autoLockText}
              onValue={(v) => edit('autoLockText', v)}
              disabled={draft.autoLockNever}
              hint="1 to 1440 minutes without using the computer. Locking the screen or sleeping always locks."
              error={errors.autoLockMinutes}
            >
              <NeverToggle label="Never lock on idle" checked={draft.autoLockNever} onChange={(v) => edit('autoLockNever', v)} />
            </TextField>
          </fieldset>
          <fieldset>
            <legend>Health</legend>
            <TextField
              label="Rotate client secrets older than (days)"
              inputMode="numeric"
              value={draft.secretMaxAgeText}
              onValue={(v) => edit('secretMaxAgeText', v)}
              hint={`1 to ${MAX_HEALTH_DAYS}. Health marks an OAuth Server-to-Server secret this old as due for rotation.`}
              error={errors.healthSecretMaxAgeDays}
            />
            <TextField
              label="Warn before a certificate expires (days)"
              inputMode="numeric"
              value={draft.certificateDaysText}
              onValue={(v) => edit('certificateDaysText', v)}
              hint={`1 to ${MAX_HEALTH_DAYS}. Health marks a certificate expiring within this many days as due.`}
              error={errors.healthCertificateDays}
            />
          </fieldset>
          <ThemeChoice value={draft.theme} onChange={(v) => edit('theme', v)} />
          {errors.theme && <p className="form-error">{errors.theme}</p>}
          <div className="row">
            <button type="submit" className="primary" disabled={busy || invalid || unchanged}>
              {busy ? 'Saving…' : 'Save'}
            </button>
            <button type="button" onClick={close}>
              Close
            </button>
            {done && (
              <span role="status" className="notice">
                Settings saved.
              </span>
            )}
          </div>
        </form>
      )}
      {error && (
        <p role="alert" className="error-text">
          {error.message}
        </p>
      )}
      {!draft && (
        <button type="button" onClick={close}>
          Close
        </button>
      )}
    </section>
  );
}
