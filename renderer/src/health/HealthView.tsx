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
  const [limits, setLimits] = useState<{ secretDays: number; certificateDays: number } | null>(null);

  const load = useCallback(async () => {
    // No thresholds in the request: main applies the ones saved in Settings; they are shown so a result is never a surprise.
    const [result, settings] = await Promise.all([call(api.health.report({})), call(api.settings.get())]);
    if (settings.ok) setLimits({ secretDays: settings.value.healthSecretMaxAgeDays, certificateDays: settings.value.healthCertificateDays });
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
      {limits && (
        <p className="hint health-limits">
          Client secrets are due for rotation after {limits.secretDays} days, certificates {limits.certificateDays} days before they expire. Change
          these in Settings.
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
