import { InlineConfirm } from '../confirm/InlineConfirm';

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

export function DeleteConfirm({ name, hasToken, keyCount, busy, onConfirm, onCancel }: Props) {
  return (
    <InlineConfirm
      title={<>Delete “{name}”?</>}
      confirmLabel="Delete"
      busyLabel="Deleting…"
      cancelLabel="Keep it"
      busy={busy}
      onConfirm={onConfirm}
      onCancel={onCancel}
    >
      {consequences(hasToken, keyCount)}
    </InlineConfirm>
  );
}
