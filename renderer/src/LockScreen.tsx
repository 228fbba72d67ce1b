import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { AppIcon } from './AppIcon';
import { ErrorActionProvider, ErrorMessage, type ActionHandlers } from './errors/ErrorActions';
import { PassphraseInput } from './lock/PassphraseInput';
import { RestoreBackupConfirm } from './lock/RestoreBackupConfirm';
import type { Restored } from './lock/RestoredNotice';
import { call, type IpcError, type KeysmithApi, type RequestOf, type VaultStatus } from './bridge';

interface Props {
  api: KeysmithApi;
  status: VaultStatus;
  /** `restored`: the vault was opened by restoring its backup (what became of the file it replaced) */
  onUnlocked: (status: VaultStatus, restored?: Restored) => void;
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
  const inputRef = useRef<HTMLInputElement>(null);
  const [attempt, setAttempt] = useState(0);

  // After a refusal: back in the field with what was typed selected, so typing again replaces it.
  useEffect(() => {
    if (attempt === 0) return;
    inputRef.current?.focus();
    inputRef.current?.select();
  }, [attempt]);

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
      setAttempt((n) => n + 1);
    }
  }

  /** What the field holds, as an unlock request; the keychain when nothing is typed and the vault has it. */
  function typed(): RequestOf<'vault:unlock'> | null {
    if (secret) return method === 'passphrase' ? { method: 'passphrase', passphrase: secret } : { method: 'recovery', recoveryKey: secret };
    return status.methods.includes('keychain') ? { method: 'keychain' } : null;
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    void unlock(method === 'passphrase' ? { method: 'passphrase', passphrase: secret } : { method: 'recovery', recoveryKey: secret });
  }

  const [restoring, setRestoring] = useState(false);

  async function restore() {
    const request = typed();
    if (!request) return;
    setBusy(true);
    const result = await call(api.vault.restoreBackup(request));
    setBusy(false);
    setRestoring(false);
    if (result.ok) {
      setSecret('');
      setError(null);
      const { keptAs, ...restored } = result.value;
      onUnlocked(restored, { keptAs });
    } else {
      setError(result.error);
      setAttempt((n) => n + 1);
    }
  }

  /** Switches the field to another way of unlocking, and puts the cursor in it. */
  function switchTo(next: Method) {
    setMethod(next);
    setSecret('');
    setAttempt((n) => n + 1);
  }

  // The buttons an unlock error can carry, done here. `use_passphrase` only switches when the vault
  // has a passphrase: a keychain-only vault gets one through its recovery key (recover_to_passphrase).
  const handlers: ActionHandlers = {
    recover: () => switchTo('recovery'),
    recover_to_passphrase: () => switchTo('recovery'),
    restore_backup: () => setRestoring(true),
    ...(status.methods.includes('passphrase') && { use_passphrase: () => switchTo('passphrase') }),
  };

  const label = method === 'passphrase' ? 'Passphrase' : 'Recovery key';
  return (
    <main className="lock-screen">
      <div className="row brand">
        <AppIcon size={40} />
        <h1>Keysmith is locked</h1>
      </div>
      {status.methods.includes('keychain') && (
        <p className="row">
          <button type="button" className="primary" disabled={busy} onClick={() => void unlock({ method: 'keychain' })}>
            Unlock with the system keychain
          </button>
        </p>
      )}
      <form className="lock-form" onSubmit={submit} aria-label="Unlock the vault">
        <label htmlFor={fieldId}>{label}</label>
        <PassphraseInput
          id={fieldId}
          ref={inputRef}
          autoComplete="off"
          autoFocus
          value={secret}
          onChange={(e) => setSecret(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
        />
        {error && (
          <ErrorActionProvider handlers={handlers}>
            <ErrorMessage id={errorId} error={error} />
          </ErrorActionProvider>
        )}
        {restoring && (
          <RestoreBackupConfirm
            busy={busy}
            canOpen={typed() !== null}
            openWith={secret ? label.toLowerCase() : 'the system keychain'}
            onConfirm={() => void restore()}
            onCancel={() => setRestoring(false)}
          />
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
