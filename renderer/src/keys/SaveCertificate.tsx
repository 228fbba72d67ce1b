import { useState } from 'react';
import { call, type IpcError, type KeysmithApi } from '../bridge';

interface Props {
  api: KeysmithApi;
  name: string;
  fingerprint: string;
  disabled?: boolean;
  /** the element naming the key, when several of these buttons are on screen */
  describedBy?: string;
}

type Outcome = { saved: string } | { error: IpcError } | null;

/** "Save certificate…": main shows the save dialog and writes the file; we only learn where. */
export function SaveCertificate({ api, name, fingerprint, disabled, describedBy }: Props) {
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);

  async function save() {
    setBusy(true);
    const result = await call(api.keypairs.saveCertificate({ name, fingerprint }));
    setBusy(false);
    if (!result.ok) setOutcome({ error: result.error });
    // A cancelled dialog leaves whatever was shown before.
    else if (result.value.saved) setOutcome({ saved: result.value.path });
  }

  return (
    <span className="save-certificate">
      <button
        type="button"
        onClick={() => void save()}
        disabled={disabled || busy}
        aria-describedby={describedBy}
      >
        Save certificate…
      </button>
      {outcome && 'saved' in outcome && (
        <span role="status" className="notice">
          Saved to <code>{outcome.saved}</code>
        </span>
      )}
      {outcome && 'error' in outcome && (
        <span role="alert" className="error-text">
          {outcome.error.message}
        </span>
      )}
    </span>
  );
}
