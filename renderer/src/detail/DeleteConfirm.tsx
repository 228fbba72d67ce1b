import { useEffect, useId, useRef } from 'react';

interface Props {
  name: string;
  /** false for API keys, which never have a token */
  hasToken: boolean;
  keyCount: number;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/** What goes with an integration, so nobody deletes a keypair they still need without being told. */
function consequences(hasToken: boolean, keyCount: number): string {
  const keys =
    keyCount === 1 ? 'its keypair (private key and certificate)'
    : keyCount > 1 ? `its ${keyCount} keypairs (private keys and certificates)`
    : null;
  const what = [keys, hasToken && 'its cached access token'].filter(Boolean).join(' and ');
  return what ? `${what.charAt(0).toUpperCase()}${what.slice(1)} will be deleted with it. This cannot be undone.` : 'This cannot be undone.';
}

/** An inline confirmation, not window.confirm: it keeps the page's styles and keyboard flow. */
export function DeleteConfirm({ name, hasToken, keyCount, busy, onConfirm, onCancel }: Props) {
  const id = useId();
  const cancelRef = useRef<HTMLButtonElement>(null);
  // The safe choice has focus, so a stray Enter does not delete.
  useEffect(() => cancelRef.current?.focus(), []);

  return (
    <div
      role="alertdialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-text`}
      className="confirm-box"
      onKeyDown={(e) => e.key === 'Escape' && onCancel()}
    >
      <p id={`${id}-title`} className="confirm-title">
        Delete “{name}”?
      </p>
      <p id={`${id}-text`}>{consequences(hasToken, keyCount)}</p>
      <div className="form-actions">
        <button type="button" className="danger" disabled={busy} onClick={onConfirm}>
          {busy ? 'Deleting…' : 'Delete'}
        </button>
        <button type="button" ref={cancelRef} onClick={onCancel}>
          Keep it
        </button>
      </div>
    </div>
  );
}
