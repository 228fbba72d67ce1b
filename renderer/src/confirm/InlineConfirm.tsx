import { useEffect, useId, useRef, type ReactNode } from 'react';

interface Props {
  title: ReactNode;
  /** what happens, and what is kept */
  children: ReactNode;
  /** the destructive button: its label, and its label while the work runs */
  confirmLabel: string;
  busyLabel: string;
  cancelLabel: string;
  busy: boolean;
  /** true while the destructive step cannot run yet (the text says why) */
  blocked?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/**
 * A destructive step asked for inline, not with window.confirm: it keeps the page's styles and
 * keyboard flow. The safe choice has focus, so a stray Enter destroys nothing; Escape cancels.
 */
export function InlineConfirm({ title, children, confirmLabel, busyLabel, cancelLabel, busy, blocked = false, onConfirm, onCancel }: Props) {
  const id = useId();
  const cancelRef = useRef<HTMLButtonElement>(null);
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
        {title}
      </p>
      <p id={`${id}-text`}>{children}</p>
      <div className="form-actions">
        <button type="button" className="danger" disabled={busy || blocked} onClick={onConfirm}>
          {busy ? busyLabel : confirmLabel}
        </button>
        <button type="button" ref={cancelRef} onClick={onCancel}>
          {cancelLabel}
        </button>
      </div>
    </div>
  );
}
