import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';

export interface OverflowItem {
  label: string;
  onSelect: () => void;
  /** drawn in the error colour, set apart from the safe items above it */
  destructive?: boolean;
  disabled?: boolean;
  title?: string;
}

/**
 * The "More ▾" menu of the detail: actions used rarely or that destroy (Duplicate, Delete…) stay
 * out of the way of Edit. A WAI-ARIA menu button: arrows move, Escape and Tab close back to it.
 */
export function OverflowMenu({ items }: { items: OverflowItem[] }) {
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLUListElement>(null);
  const menuId = useId();

  const menuItems = () => [...(menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]:not([aria-disabled="true"])') ?? [])];

  useEffect(() => {
    if (!open) return;
    menuItems()[0]?.focus();
    // A click anywhere else closes it, as menus do.
    const outside = (e: MouseEvent) => {
      if (!(e.target instanceof Node) || (!menuRef.current?.contains(e.target) && !buttonRef.current?.contains(e.target))) setOpen(false);
    };
    document.addEventListener('mousedown', outside);
    return () => document.removeEventListener('mousedown', outside);
  }, [open]);

  function close() {
    setOpen(false);
    buttonRef.current?.focus();
  }

  function select(item: OverflowItem) {
    if (item.disabled) return;
    setOpen(false);
    item.onSelect();
  }

  function onMenuKey(e: KeyboardEvent) {
    const list = menuItems();
    const at = list.indexOf(document.activeElement as HTMLElement);
    const step: Record<string, number> = { ArrowDown: 1, ArrowUp: -1 };
    if (e.key in step) {
      e.preventDefault();
      list[(at + step[e.key]! + list.length) % list.length]?.focus();
    } else if (e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      list[e.key === 'Home' ? 0 : list.length - 1]?.focus();
    } else if (e.key === 'Escape' || e.key === 'Tab') {
      e.preventDefault();
      e.stopPropagation();
      close();
    }
  }

  return (
    <div className="overflow-menu">
      <button
        type="button"
        ref={buttonRef}
        aria-label="More actions"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => setOpen(!open)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setOpen(true);
          }
        }}
      >
        More <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <ul id={menuId} ref={menuRef} role="menu" aria-label="More actions" className="menu" onKeyDown={onMenuKey}>
          {items.map((item, n) => (
            <li
              key={item.label}
              role="menuitem"
              tabIndex={-1}
              title={item.title}
              aria-disabled={item.disabled || undefined}
              className={[item.destructive && 'menu-destructive', item.destructive && n > 0 && 'menu-separated'].filter(Boolean).join(' ') || undefined}
              onClick={() => select(item)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' || e.key === ' ') {
                  e.preventDefault();
                  select(item);
                }
              }}
            >
              {item.label}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
