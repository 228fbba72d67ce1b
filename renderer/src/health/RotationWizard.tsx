import { useEffect, useState } from 'react';
import type { RotationResult, SecretsReport } from '../../../electron/shared/secret-rotation';
import { call, type IpcError, type KeysmithApi } from '../bridge';

interface Props {
  api: KeysmithApi;
  name: string;
  onDone: () => void;
}

const when = (ms: number | null) => (ms === null ? 'never' : new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z'));
const HELD = { yes: 'in use', probably: 'in use (by its last use)', kept: 'kept until deleted', no: '' } as const;

/**
 * Rotating a client secret, the CLI's steps: see Adobe's list, rotate (add, save, prove, switch),
 * then delete the old one only when asked, and only once Adobe reports it unused since the switch
 * or the user confirms. Every answer shows what was done; no secret value ever reaches this page.
 */
export function RotationWizard({ api, name, onDone }: Props) {
  const [listing, setListing] = useState<SecretsReport | null>(null);
  const [result, setResult] = useState<RotationResult | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const [busy, setBusy] = useState(false);

  const refresh = async () => {
    const listed = await call(api.rotation.secrets({ name }));
    if (listed.ok) setListing(listed.value);
    else setError(listed.error);
  };

  useEffect(() => {
    void refresh();
  }, [name]);

  const rotate = async (opts: { finish?: boolean; force?: boolean }) => {
    setBusy(true);
    setError(null);
    const done = await call(api.rotation.rotate({ name, ...opts }));
    setBusy(false);
    if (done.ok) setResult(done.value);
    else setError(done.error);
    await refresh();
  };

  const switched = result?.state === 'switched' || listing?.rotation === 'switched';
  return (
    <section className="detail rotation-wizard" aria-label={`Rotate the client secret of ${name}`}>
      <h2>Rotate the client secret of “{name}”</h2>
      <h3>Client secrets at Adobe</h3>
      {listing === null && !error && <p aria-busy="true">Asking Adobe…</p>}
      {listing && (
        <table>
          <thead>
            <tr>
              <th>Secret id</th>
              <th>Created</th>
              <th>Last used</th>
              <th>Keysmith</th>
            </tr>
          </thead>
          <tbody>
            {listing.secrets.map((s) => (
              <tr key={s.uuid}>
                <td>{s.uuid}</td>
                <td>{when(s.createdAt)}</td>
                <td>{when(s.lastUsedAt)}</td>
                <td>{HELD[s.held]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {result && (
        <ol className="rotation-steps" aria-label="What was done">
          {result.events.map((e, i) => (
            <li key={i}>{e.message}</li>
          ))}
        </ol>
      )}
      {error && (
        <p role="alert" className="error-text">
          {error.message}
        </p>
      )}
      <div className="row">
        {!switched && result?.state !== 'done' && (
          <button type="button" disabled={busy} onClick={() => void rotate({})}>
            {listing?.rotation ? 'Continue the rotation' : 'Add a new secret and switch to it'}
          </button>
        )}
        {switched && result?.state !== 'done' && (
          <button type="button" disabled={busy} onClick={() => void rotate({ finish: true })}>
            Delete the old secret
          </button>
        )}
        {error?.action === 'force_finish_rotation' && (
          <button type="button" disabled={busy} onClick={() => void rotate({ finish: true, force: true })}>
            Delete it anyway (it was used since the switch)
          </button>
        )}
        <button type="button" onClick={onDone}>
          {result?.state === 'done' ? 'Done' : 'Close'}
        </button>
      </div>
    </section>
  );
}
