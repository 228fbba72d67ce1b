import { InlineConfirm } from '../confirm/InlineConfirm';

interface Props {
  busy: boolean;
  /** false until there is something to open the backup with (a typed passphrase or recovery key, or the keychain) */
  canOpen: boolean;
  /** what the backup will be opened with, in words */
  openWith: string;
  onConfirm: () => void;
  onCancel: () => void;
}

/**
 * "Restore the previous vault…": going back a generation loses the last changes, so it is asked
 * for, inline like every confirmation in the window. The damaged file is not deleted: main keeps
 * it beside the vault, which the text says so nobody fears losing it.
 */
export function RestoreBackupConfirm({ busy, canOpen, openWith, onConfirm, onCancel }: Props) {
  return (
    <InlineConfirm
      title="Restore the previous vault?"
      confirmLabel="Restore"
      busyLabel="Restoring…"
      cancelLabel="Cancel"
      busy={busy}
      blocked={!canOpen}
      onConfirm={onConfirm}
      onCancel={onCancel}
    >
      The vault goes back to the generation before its last change, so that change is lost. The file that does not open is kept beside it
      (vault.ksv.damaged-…).{' '}
      {canOpen ? `The backup is opened with ${openWith}.` : 'Enter the passphrase or the recovery key above first: the backup is opened with it.'}
    </InlineConfirm>
  );
}
