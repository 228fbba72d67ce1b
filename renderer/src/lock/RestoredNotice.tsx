/** What "Restore backup" did with the vault file that would not open. */
export interface Restored {
  /** where main kept the replaced file; null when there was none to keep */
  keptAs: string | null;
}

/**
 * Shown once in the main view after a restore: the damaged file is the user's (a later backup, a
 * support request may need it), so they are told where it went until they dismiss it.
 */
export function RestoredNotice({ restored, onDismiss }: { restored: Restored; onDismiss: () => void }) {
  return (
    <div role="status" className="restored-notice row">
      <p>
        Restored the backup.
        {restored.keptAs !== null && (
          <>
            {' '}
            The file that would not open was kept as <code className="kept-as">{restored.keptAs}</code>.
          </>
        )}
      </p>
      <button type="button" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
