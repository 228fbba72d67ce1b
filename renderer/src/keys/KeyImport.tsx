import { useState, type FormEvent } from 'react';
import { call, type IpcError, type KeysmithApi } from '../bridge';
import { ErrorActionProvider, ErrorMessage } from '../errors/ErrorActions';
import { TextField } from '../settings/TextField';
import type { KeyPair } from './keyFormat';

interface Props {
  api: KeysmithApi;
  name: string;
  busy: boolean;
  onBusy: (busy: boolean) => void;
  onImported: (key: KeyPair, certificateGenerated: boolean) => void;
}

const ENCRYPTED_KEY = 'This key is encrypted. Enter its passphrase, then choose the same file again.';

/**
 * "Import a key…": main shows the open dialog and reads the files. An encrypted key comes back as an
 * error on the `passphrase` field; the passphrase is then asked for here and the import retried,
 * which opens the dialog again because the renderer never holds the file.
 */
export function KeyImport({ api, name, busy, onBusy, onImported }: Props) {
  const [asking, setAsking] = useState(false);
  const [passphrase, setPassphrase] = useState('');
  const [passphraseError, setPassphraseError] = useState<string | null>(null);
  const [error, setError] = useState<IpcError | null>(null);

  async function importKey(withPassphrase?: string) {
    onBusy(true);
    const result = await call(api.keypairs.import({ name, source: 'dialog', ...(withPassphrase !== undefined && { passphrase: withPassphrase }) }));
    onBusy(false);
    if (!result.ok) {
      if (result.error.field === 'passphrase') {
        setAsking(true);
        // The first refusal only says the key is encrypted; a later one says the passphrase was wrong.
        setPassphraseError(withPassphrase === undefined ? null : result.error.message);
        setError(null);
      } else {
        setError(result.error);
      }
      return;
    }
    // A cancelled dialog changes nothing, not even a passphrase being typed.
    if (!result.value.imported) return;
    reset();
    onImported(result.value.key, result.value.certificateGenerated);
  }

  function reset() {
    setAsking(false);
    setPassphrase('');
    setPassphraseError(null);
    setError(null);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (passphrase) void importKey(passphrase);
  }

  return (
    <div className="key-import">
      {!asking && (
        <div className="row">
          <button type="button" disabled={busy} onClick={() => void importKey()}>
            Import a key…
          </button>
          <span className="form-hint">A PEM private key, with its certificate if you have it (one file or two).</span>
        </div>
      )}
      {asking && (
        <form className="key-passphrase" onSubmit={submit} aria-label="Passphrase of the key">
          <p>{ENCRYPTED_KEY}</p>
          <TextField
            label="Key passphrase"
            type="password"
            autoComplete="off"
            autoFocus
            value={passphrase}
            onValue={setPassphrase}
            error={passphraseError}
          />
          <div className="row">
            <button type="submit" className="primary" disabled={busy || !passphrase}>
              Choose the file and import
            </button>
            <button type="button" disabled={busy} onClick={reset}>
              Cancel
            </button>
          </div>
        </form>
      )}
      {error && (
        // An encrypted key comes back on the passphrase field and opens the form by itself; this
        // button is for the same action reaching here another way. The field takes the focus on mount.
        <ErrorActionProvider
          handlers={{
            key_passphrase: () => {
              setAsking(true);
              setError(null);
            },
          }}>
          <ErrorMessage error={error} />
        </ErrorActionProvider>
      )}
    </div>
  );
}
