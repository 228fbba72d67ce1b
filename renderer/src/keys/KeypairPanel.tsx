import { useCallback, useEffect, useId, useState } from 'react';
import { call, type IpcError, type KeysmithApi } from '../bridge';
import { shortFingerprint, type KeyPair } from './keyFormat';
import { KeyImport } from './KeyImport';
import { KeyRow } from './KeyRow';
import { KeySetupSteps } from './KeySetupSteps';
import { KeyWizard, type GenerateRequest } from './KeyWizard';
import { NewKeyNotice, type FreshKey } from './NewKeyNotice';
import './keys.css';

export interface KeypairPanelProps {
  api: KeysmithApi;
  /** the integration the keys belong to */
  name: string;
  /** after a generate, import, rotate or remove, so the list's certificate marks refresh */
  onChanged: () => void;
}

/** The keys of a JWT or private_key_jwt integration: list, generate, rotate, import, activate, remove. */
export function KeypairPanel({ api, name, onChanged }: KeypairPanelProps) {
  const [keys, setKeys] = useState<KeyPair[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [generating, setGenerating] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [wizardOpen, setWizardOpen] = useState(false);
  const [fresh, setFresh] = useState<FreshKey | null>(null);
  /** opened without a key: the keys-first steps lead until "Done"; `uploaded` moves them to the test */
  const [setup, setSetup] = useState<{ uploaded: boolean } | null>(null);
  const titleId = useId();

  const reload = useCallback(async () => {
    const result = await call(api.keypairs.list({ name }));
    if (result.ok) {
      setKeys(result.value);
      if (result.value.length === 0) setSetup((s) => s ?? { uploaded: false });
    } else setError(result.error);
  }, [api, name]);

  useEffect(() => {
    void reload();
  }, [reload]);

  /** Runs one write; on success refreshes this list and tells the parent. */
  async function change<T>(run: () => Promise<{ ok: true; value: T } | { ok: false; error: IpcError }>, done: (value: T) => void) {
    setBusy(true);
    setError(null);
    setNotice(null);
    const result = await call(run());
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    done(result.value);
    await reload();
    onChanged();
  }

  async function generate(request: GenerateRequest) {
    setGenerating(true);
    await change(
      () => api.keypairs.generate({ name, ...request }),
      (key) => {
        setFresh({ key, how: 'generated', certificateGenerated: false });
        setWizardOpen(false);
      },
    );
    setGenerating(false);
  }

  const makeActive = (fingerprint: string) =>
    void change(
      () => api.keypairs.setActive({ name, fingerprint }),
      (key) => {
        setNotice(`Key ${shortFingerprint(key.fingerprintSha256)} is now active: tokens are signed with it.`);
        setFresh((f) => (f && f.key.fingerprintSha256 === key.fingerprintSha256 ? { ...f, key } : f));
      },
    );

  const remove = (fingerprint: string) =>
    void change(
      () => api.keypairs.remove({ name, fingerprint }),
      ({ removed }) => {
        setNotice(`Key ${shortFingerprint(removed)} removed.`);
        setFresh((f) => (f && f.key.fingerprintSha256 === removed ? null : f));
      },
    );

  async function imported(key: KeyPair, certificateGenerated: boolean) {
    setFresh({ key, how: 'imported', certificateGenerated });
    setNotice(null);
    setError(null);
    await reload();
    onChanged();
  }

  const hasKeys = keys !== null && keys.length > 0;
  const wizard = (rotating: boolean) => (
    <KeyWizard
      integrationName={name}
      busy={busy}
      generating={generating}
      rotating={rotating}
      onGenerate={(request) => void generate(request)}
      {...(rotating && { onCancel: () => setWizardOpen(false) })}
    />
  );
  const keyImport = keys !== null && <KeyImport api={api} name={name} busy={busy} onBusy={setBusy} onImported={(k, c) => void imported(k, c)} />;
  const messages = (
    <>
      {notice && (
        <p role="status" className="notice">
          {notice}
        </p>
      )}
      {error && (
        <p role="alert" className="error-text">
          {error.message}
        </p>
      )}
    </>
  );

  return (
    <section className="keypair-panel" aria-labelledby={titleId} aria-busy={keys === null || busy || undefined}>
      <h3 id={titleId}>Keys and certificates</h3>
      {keys === null && !error && <p>Loading keys…</p>}
      {hasKeys && (
        <ul className="key-list" aria-label="Keys">
          {keys.map((k) => (
            <KeyRow key={k.id} api={api} name={name} keyPair={k} busy={busy} onMakeActive={makeActive} onRemove={remove} />
          ))}
        </ul>
      )}
      {messages}
      {keys !== null && setup ? (
        <KeySetupSteps
          api={api}
          name={name}
          step={!hasKeys ? 1 : setup.uploaded ? 3 : 2}
          generate={
            <>
              <p className="muted">No key yet: this integration signs its token requests with one. Generate it here, or import the key you already use.</p>
              {wizard(false)}
              {keyImport}
            </>
          }
          upload={fresh && <NewKeyNotice api={api} name={name} fresh={fresh} busy={busy} />}
          onUploaded={() => setSetup({ uploaded: true })}
          onDone={() => {
            setSetup(null);
            setFresh(null);
          }}
        />
      ) : (
        <>
          {fresh && <NewKeyNotice api={api} name={name} fresh={fresh} busy={busy} onDismiss={() => setFresh(null)} />}
          {keys !== null &&
            (wizardOpen || !hasKeys ? (
              wizard(hasKeys)
            ) : (
              <div className="row">
                <button type="button" disabled={busy} onClick={() => setWizardOpen(true)}>
                  Rotate: generate a new key…
                </button>
              </div>
            ))}
          {keyImport}
        </>
      )}
    </section>
  );
}
