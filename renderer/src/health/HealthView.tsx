import { useCallback, useEffect, useState } from 'react';
import { HEALTH_LABELS, type HealthItem, type HealthReport } from '../../../electron/shared/health';
import { call, type IpcError, type KeysmithApi } from '../bridge';
import { RotationWizard } from './RotationWizard';

interface Props {
  api: KeysmithApi;
  /** opens an integration (for actions the detail view already offers: keys, migrate, edit) */
  onOpen: (name: string) => void;
  onClose: () => void;
}

const ROTATION_ACTIONS = new Set(['rotate_secret', 'finish_rotation', 'force_finish_rotation']);

/** What needs attention across the vault, due first; a rotation item opens the rotation wizard. */
export function HealthView({ api, onOpen, onClose }: Props) {
  const [report, setReport] = useState<HealthReport | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const [rotating, setRotating] = useState<string | null>(null);

  const load = useCallback(async () => {
    const result = await call(api.health.report({}));
    if (result.ok) {
      setReport(result.value);
      setError(null);
    } else setError(result.error);
  }, [api]);

  useEffect(() => {
    void load();
  }, [load]);

  if (rotating !== null) {
    return <RotationWizard api={api} name={rotating} onDone={() => { setRotating(null); void load(); }} />;
  }

  const act = (item: HealthItem) => (item.action && ROTATION_ACTIONS.has(item.action) ? setRotating(item.integration) : onOpen(item.integration));
  return (
    <section className="detail health-view" aria-label="Health">
      <header className="row">
        <h2>Health</h2>
        <button type="button" onClick={() => void load()}>
          Check again
        </button>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </header>
      {error && (
        <p role="alert" className="error-text">
          {error.message}
        </p>
      )}
      {report === null && !error && <p aria-busy="true">Checking…</p>}
      {report && report.items.length === 0 && <p>Nothing needs attention.</p>}
      {report && report.items.length > 0 && (
        <>
          <p>{report.due > 0 ? `${report.due} item${report.due === 1 ? '' : 's'} due` : 'Nothing is due'}</p>
          <ul className="health-items">
            {report.items.map((item, i) => (
              <li key={`${item.integration}-${item.condition}-${i}`} className={`health-item health-${item.severity}`}>
                <strong>{item.severity === 'due' ? 'Due' : 'Info'}</strong> <span>{item.integration}</span>: {HEALTH_LABELS[item.condition]}
                {item.by && <span className="health-by"> (by {item.by.slice(0, 10)})</span>}
                <p>{item.message}</p>
                <button type="button" onClick={() => act(item)}>
                  {item.action && ROTATION_ACTIONS.has(item.action) ? 'Rotate secret…' : 'Open'}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
