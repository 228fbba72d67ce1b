import { useId, useState } from 'react';
import type { KeysmithApi } from '../bridge';
import { daysLeftText, formatDay, shortFingerprint, type KeyPair } from './keyFormat';
import { Fingerprint } from './Fingerprint';
import { SaveCertificate } from './SaveCertificate';

interface Props {
  api: KeysmithApi;
  name: string;
  keyPair: KeyPair;
  /** another action is running: writes to one integration go one at a time */
  busy: boolean;
  onMakeActive: (fingerprint: string) => void;
  onRemove: (fingerprint: string) => void;
}

function ExpiryBadge({ keyPair }: { keyPair: KeyPair }) {
  if (keyPair.expired) return <span className="badge badge-expired">expired</span>;
  if (keyPair.expiringSoon) return <span className="badge badge-expiring">expiring</span>;
  return null;
}

/** One keypair: fingerprint, expiry, marks, and what can be done with it. */
export function KeyRow({ api, name, keyPair, busy, onMakeActive, onRemove }: Props) {
  const [confirming, setConfirming] = useState(false);
  const short = shortFingerprint(keyPair.fingerprintSha256);
  // Every row has the same buttons: the fingerprint tells a screen reader which key they act on.
  const fingerprintId = useId();
  return (
    <li className="key-row" data-testid={`key-${short}`}>
      <div className="key-summary">
        <Fingerprint value={keyPair.fingerprintSha256} id={fingerprintId} />
        {keyPair.active && <span className="badge badge-valid">active</span>}
        <ExpiryBadge keyPair={keyPair} />
        <span className="muted">
          {keyPair.bits} bits, {keyPair.origin}
        </span>
      </div>
      <p className="key-expiry">
        Expires <time dateTime={keyPair.notAfter}>{formatDay(keyPair.notAfter)}</time> ({daysLeftText(keyPair.daysLeft)})
      </p>
      {confirming ? (
        <div className="row key-confirm" role="group" aria-label={`Confirm removing key ${short}`}>
          <span>Remove key {short}? Its private key is deleted from the vault; this cannot be undone.</span>
          <button
            type="button"
            className="danger"
            disabled={busy}
            onClick={() => {
              setConfirming(false);
              onRemove(keyPair.fingerprintSha256);
            }}
          >
            Remove it
          </button>
          <button type="button" onClick={() => setConfirming(false)} autoFocus>
            Keep it
          </button>
        </div>
      ) : (
        <div className="row">
          <SaveCertificate api={api} name={name} fingerprint={keyPair.fingerprintSha256} disabled={busy} describedBy={fingerprintId} />
          {!keyPair.active && (
            <button type="button" disabled={busy} onClick={() => onMakeActive(keyPair.fingerprintSha256)} aria-describedby={fingerprintId}>
              Make active
            </button>
          )}
          <button type="button" disabled={busy} onClick={() => setConfirming(true)} aria-describedby={fingerprintId}>
            Remove
          </button>
        </div>
      )}
    </li>
  );
}
