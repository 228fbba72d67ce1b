import { useId, useState, type FormEvent } from 'react';
import { call, type IpcError, type KeysmithApi, type RequestOf, type VaultStatus } from './bridge';

interface Props {
  api: KeysmithApi;
  status: VaultStatus;
  onUnlocked: (status: VaultStatus) => void;
}

type Method = 'passphrase' | 'recovery';

/** Shown while the vault is locked. Unlocks with the keychain, a passphrase or the recovery key. */
export function LockScreen({ api, status, onUnlocked }: Props) {
  const canUsePassphrase = status.methods.includes('passphrase') || status.methods.length === 0;
  const [method, setMethod] = useState<Method>(canUsePassphrase ? 'passphrase' : 'recovery');
  const [secret, setSecret] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<IpcError | null>(status.lastError);
  const fieldId = useId();
  const errorId = useId();


  async function unlock(request: RequestOf<'vault:unlock'>) {
    setBusy(true);
    const result = await call(api.vault.unlock(request));
    setBusy(false);
    if (result.ok) {
      setSecret('');
      setError(null);
      onUnlocked(result.value);
    } else {
      setError(result.error);
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    void unlock(method === 'passphrase' ? { method: 'passphrase', passphrase: secret } : { method: 'recovery', recoveryKey: secret });
  }

  const label = method === 'passphrase' ? 'Passphrase' : 'Recovery key';
  return (
    <main className="lock-screen">
      <h1>Keysmith is locked</h1>
      {status.methods.includes('keychain') && (
        <p className="row">
          <button type="button" className="primary" disabled={busy} onClick={() => void unlock({ method: 'keychain' })}>
            Unlock with the system keychain
          </button>
        </p>
      )}
      <form className="lock-form" onSubmit={submit} aria-label="Unlock the vault">
        <label htmlFor={fieldId}>{label}</label>
        <input
          id={fieldId}
          type="password"
          autoComplete="off"
          autoFocus
          value={secret}
          onChange={(e) => setSecret(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
        />
        {error && (
          <p id={errorId} role="alert" className="error-text">
            {error.message}
          </p>
        )}
        <div className="row">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Unlocking…' : 'Unlock'}
          </button>
          {status.methods.includes('recovery') && (
            <button
              type="button"
              className="link"
              onClick={() => {
                setMethod(method === 'passphrase' ? 'recovery' : 'passphrase');
                setSecret('');
              }}
            >
              {method === 'passphrase' ? 'Use the recovery key instead' : 'Use the passphrase instead'}
            </button>
          )}
        </div>
      </form>
    </main>
  );
}
