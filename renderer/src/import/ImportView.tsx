import { useId, useState } from 'react';
import { call, type IpcError, type KeysmithApi } from '../bridge';
import { ImportPlan, type Preview } from './ImportPlan';
import { SupportedFiles } from './SupportedFiles';
import './import.css';

export interface ImportViewProps {
  api: KeysmithApi;
  /** the names written, to reload the list and select the first */
  onImported: (names: string[]) => void;
  onCancel: () => void;
}

type Busy = 'choosing' | 'applying' | null;

/** Pick a file in main's dialog, review what it would add or update, then apply. */
export function ImportView({ api, onImported, onCancel }: ImportViewProps) {
  const [preview, setPreview] = useState<Preview | null>(null);
  const [busy, setBusy] = useState<Busy>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const titleId = useId();

  async function choose() {
    setBusy('choosing');
    const result = await call(api.interop.importPreview());
    setBusy(null);
    if (!result.ok) {
      setError(result.error);
      setPreview(null);
    } else if (!result.value.cancelled) {
      setError(null);
      setPreview(result.value);
    }
    // A cancelled dialog keeps the plan already shown, if any.
  }

  async function apply(current: Preview) {
    setBusy('applying');
    const result = await call(api.interop.importApply({ previewId: current.previewId }));
    setBusy(null);
    if (result.ok) onImported(result.value.items.map((i) => i.targetName));
    // main forgets a preview once it is applied or expired, so the file must be chosen again.
    else {
      setError(result.error);
      setPreview(null);
    }
  }

  const count = preview?.items.length ?? 0;
  return (
    <section className="detail import-view" aria-labelledby={titleId} aria-busy={busy !== null || undefined}>
      <h2 id={titleId}>Import credentials</h2>
      {!preview && <SupportedFiles />}
      {preview && <ImportPlan preview={preview} />}
      {error && (
        <p role="alert" className="error-text">
          {error.message}
        </p>
      )}
      <div className="row">
        {preview && (
          <button type="button" className="primary" disabled={busy !== null || count === 0} onClick={() => void apply(preview)}>
            {busy === 'applying' ? 'Importing…' : `Import ${count}`}
          </button>
        )}
        <button type="button" className={preview ? undefined : 'primary'} disabled={busy !== null} onClick={() => void choose()}>
          {preview ? 'Choose another file…' : 'Choose file…'}
        </button>
        <button type="button" disabled={busy === 'applying'} onClick={onCancel}>
          Cancel
        </button>
      </div>
    </section>
  );
}
