import { useEffect, useId, useMemo, useState } from 'react';
import { call, type IpcError, type KeysmithApi } from '../bridge';
import { ImportPlan, type Preview } from './ImportPlan';
import { changedNames, nameProblems, type NameEdits } from './planNames';
import { SupportedFiles } from './SupportedFiles';
import type { DroppedFile } from './useFileDrop';
import './import.css';

export interface ImportViewProps {
  api: KeysmithApi;
  /** the names written, to reload the list and select the first */
  onImported: (names: string[]) => void;
  /** the import was written but the view stays open (an item needs a key step): the list can reload */
  onApplied?: () => void;
  onCancel: () => void;
  /** a file dropped on the window: previewed at once, and again for each new drop */
  dropped?: DroppedFile;
  /** why a dropped file was refused before it was read (several files, megabytes) */
  dropProblem?: string;
}

type Busy = 'choosing' | 'applying' | null;

/** Pick a file in main's dialog, review what it would add or update, then apply. */
export function ImportView({ api, onImported, onApplied, onCancel, dropped, dropProblem }: ImportViewProps) {
  const [preview, setPreviewNow] = useState<Preview | null>(null);
  // What the import did, while an item still needs its key step; Done leaves.
  const [applied, setApplied] = useState<Preview['items'] | null>(null);
  const [names, setNames] = useState<NameEdits>({});
  // Shown until the next file is chosen or dropped; a new refused drop shows again.
  const [dropNote, setDropNote] = useState(dropProblem);
  useEffect(() => setDropNote(dropProblem), [dropProblem]);
  const [busy, setBusy] = useState<Busy>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const titleId = useId();

  const setPreview = (next: Preview | null) => {
    setPreviewNow(next);
    setNames({});
    setApplied(null);
  };

  async function choose(file?: DroppedFile) {
    setBusy('choosing');
    setDropNote(undefined);
    const result = await call(file ? api.interop.importPreview({ dropped: file }) : api.interop.importPreview());
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

  useEffect(() => {
    if (dropped) void choose(dropped);
    // Each new drop, not each render: `choose` is a new function every time.
  }, [dropped]);

  const targets = useMemo(() => preview?.items.map((i) => i.targetName) ?? [], [preview]);
  const problems = useMemo(() => nameProblems(targets, names), [targets, names]);

  async function apply(current: Preview) {
    setBusy('applying');
    const renamed = changedNames(targets, names);
    const result = await call(api.interop.importApply({ previewId: current.previewId, ...(renamed && { names: renamed }) }));
    setBusy(null);
    if (result.ok) {
      const items = result.value.items;
      // A key the file named was not read: stay, so its button can take the user to the key step.
      if (items.some((i) => i.keyAction && !i.key)) {
        setApplied(items);
        onApplied?.();
      } else onImported(items.map((i) => i.targetName));
    }
    // A taken name is fixed in the same plan (main keeps it); otherwise main has forgotten the
    // preview (applied or expired), so the file must be chosen again.
    else {
      setError(result.error);
      if (result.error.field !== 'name') setPreview(null);
    }
  }

  const count = preview?.items.length ?? 0;
  if (preview && applied) {
    const needKeys = applied.filter((i) => i.keyAction && !i.key).length;
    return (
      <section className="detail import-view" aria-labelledby={titleId}>
        <h2 id={titleId}>Import credentials</h2>
        <p role="status" className="notice">
          Imported {applied.length}. {needKeys === 1 ? 'One needs a key' : `${needKeys} need a key`}: the file named a key that was not read.
        </p>
        <ImportPlan preview={{ ...preview, items: applied }} applied />
        <div className="row">
          <button type="button" className="primary" onClick={() => onImported(applied.map((i) => i.targetName))}>
            Done
          </button>
        </div>
      </section>
    );
  }
  return (
    <section className="detail import-view" aria-labelledby={titleId} aria-busy={busy !== null || undefined}>
      <h2 id={titleId}>Import credentials</h2>
      {!preview && <SupportedFiles />}
      {preview && <ImportPlan preview={preview} names={names} problems={problems} onRename={(i, name) => setNames((old) => ({ ...old, [i]: name }))} />}
      {dropNote && !error && (
        <p role="alert" className="error-text">
          {dropNote}
        </p>
      )}
      {error && (
        <p role="alert" className="error-text">
          {error.message}
        </p>
      )}
      <div className="row">
        {preview && (
          <button type="button" className="primary" disabled={busy !== null || count === 0 || problems.size > 0} onClick={() => void apply(preview)}>
            {busy === 'applying' ? 'Importing…' : `Import ${count}`}
          </button>
        )}
        <button type="button" className={preview ? undefined : 'primary'} disabled={busy !== null} onClick={() => void choose()}>
          {preview ? 'Choose another file…' : 'Choose file…'}
        </button>
        {!preview && <span className="muted drop-hint">or drop the file anywhere in the window</span>}
        <button type="button" disabled={busy === 'applying'} onClick={onCancel}>
          Cancel
        </button>
      </div>
    </section>
  );
}
