import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { TokenFormat } from '../../../electron/shared/formats';
import { ariaKeyShortcuts } from '../../../electron/shared/shortcuts';
import { FORMAT_OPTIONS, formatLabel } from './copyToken';
import { shortcutTitleHere } from '../platform';

/** How long the button itself says "Copied ✓". */
export const COPIED_FLASH_MS = 2000;

interface Props {
  format: TokenFormat;
  busy: boolean;
  /** why copying cannot work now (a JWT integration without a key), shown under the button */
  disabledReason?: string | null;
  /** bumped by the parent after each successful copy, so the button flashes "Copied ✓" */
  copiedAt: number | null;
  onCopy: (format?: TokenFormat) => void;
}

/**
 * A split button: "Copy token" copies in the integration's remembered format; "▾" opens the
 * formats, and choosing one copies in it and remembers it. "Copied ✓" shows on the button itself.
 */
export function CopyTokenButton({ format, busy, disabledReason, copiedAt, onCopy }: Props) {
  const [open, setOpen] = useState(false);
  const [flash, setFlash] = useState(false);
  const menuId = useId();
  const reasonId = useId();
  const toggleRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLUListElement>(null);

  useEffect(() => {
    if (copiedAt === null) return;
    setFlash(true);
    const timer = setTimeout(() => setFlash(false), COPIED_FLASH_MS);
    return () => clearTimeout(timer);
  }, [copiedAt]);

  useEffect(() => {
    if (open) menuRef.current?.querySelector<HTMLElement>('[aria-checked="true"]')?.focus();
  }, [open]);

  function choose(next: TokenFormat) {
    setOpen(false);
    toggleRef.current?.focus();
    onCopy(next);
  }

  function onMenuKey(e: KeyboardEvent) {
    const items = [...(menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitemradio"]') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLElement);
    const step: Record<string, number> = { ArrowDown: 1, ArrowUp: -1 };
    if (e.key in step) {
      e.preventDefault();
      items[(at + step[e.key]! + items.length) % items.length]?.focus();
    } else if (e.key === 'Escape' || e.key === 'Tab') {
      e.preventDefault();
      e.stopPropagation();
      setOpen(false);
      toggleRef.current?.focus();
    }
  }

  const disabled = busy || Boolean(disabledReason);
  return (
    <div className="copy-split">
      <div className="split-button" role="group" aria-label="Copy token">
        <button
          type="button"
          className="primary big"
          onClick={() => onCopy()}
          disabled={disabled}
          aria-describedby={disabledReason ? reasonId : undefined}
          title={shortcutTitleHere('copySelectedToken')}
          aria-keyshortcuts={ariaKeyShortcuts('copySelectedToken')}
          data-testid="copy-token"
        >
          {flash ? 'Copied ✓' : 'Copy token'}
        </button>
        <button
          type="button"
          ref={toggleRef}
          className="primary big split-toggle"
          aria-haspopup="menu"
          aria-expanded={open}
          aria-controls={open ? menuId : undefined}
          aria-label={`Copy format: ${formatLabel(format)}`}
          disabled={disabled}
          onClick={() => setOpen(!open)}
        >
          ▾
        </button>
      </div>
      <span className="copy-format muted">as {formatLabel(format)}</span>
      {open && (
        <ul id={menuId} ref={menuRef} role="menu" aria-label="Copy as" className="menu" onKeyDown={onMenuKey}>
          {FORMAT_OPTIONS.map(([value, label]) => (
            <li
              key={value}
              role="menuitemradio"
              aria-checked={value === format}
              tabIndex={-1}
              onClick={() => choose(value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' || e.key === ' ') {
                  e.preventDefault();
                  choose(value);
                }
              }}
            >
              {label}
            </li>
          ))}
        </ul>
      )}
      {disabledReason && (
        <p id={reasonId} className="hint">
          {disabledReason}
        </p>
      )}
    </div>
  );
}
