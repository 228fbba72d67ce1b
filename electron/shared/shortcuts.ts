/**
 * The app's keyboard shortcuts, once: the native menu's accelerators (app/app-menu.ts), the
 * renderer's key handling and tooltips, and the README's list (checked by a test) are all read
 * from this table. Each is Ctrl (Cmd on macOS), Shift where it says so, and a letter.
 */
interface ShortcutSpec {
  /** the letter, in upper case */
  key: string;
  shift: boolean;
  /** what it does, for a tooltip or a list: "Copy the selected token" */
  label: string;
  /** also an accelerator in the native menu */
  inMenu: boolean;
}

export const KEYBOARD_SHORTCUTS = {
  search: { key: 'K', shift: false, label: 'Go to…', inMenu: true },
  newIntegration: { key: 'N', shift: false, label: 'New integration', inMenu: true },
  copySelectedToken: { key: 'C', shift: true, label: 'Copy the selected token', inMenu: true },
  lock: { key: 'L', shift: false, label: 'Lock the vault', inMenu: true },
  edit: { key: 'E', shift: false, label: 'Edit the selected integration', inMenu: false },
} as const satisfies Record<string, ShortcutSpec>;

export type ShortcutId = keyof typeof KEYBOARD_SHORTCUTS;
export type MenuShortcutId = { [K in ShortcutId]: (typeof KEYBOARD_SHORTCUTS)[K]['inMenu'] extends true ? K : never }[ShortcutId];

export const SHORTCUT_IDS = Object.keys(KEYBOARD_SHORTCUTS) as ShortcutId[];
export const MENU_SHORTCUT_IDS = SHORTCUT_IDS.filter((id) => KEYBOARD_SHORTCUTS[id].inMenu) as MenuShortcutId[];

const shift = (id: ShortcutId, text: string) => (KEYBOARD_SHORTCUTS[id].shift ? text : '');

/** Electron's accelerator: "CmdOrCtrl+Shift+C". */
export function accelerator(id: ShortcutId): string {
  return `CmdOrCtrl+${shift(id, 'Shift+')}${KEYBOARD_SHORTCUTS[id].key}`;
}

/** As a person reads it, both platforms' ways: "Ctrl+Shift+C / ⇧⌘C". */
export function shortcutText(id: ShortcutId): string {
  const { key } = KEYBOARD_SHORTCUTS[id];
  return `Ctrl+${shift(id, 'Shift+')}${key} / ${shift(id, '⇧')}⌘${key}`;
}

/** A tooltip: "Copy the selected token (Ctrl+Shift+C / ⇧⌘C)". */
export function shortcutTitle(id: ShortcutId): string {
  return `${KEYBOARD_SHORTCUTS[id].label} (${shortcutText(id)})`;
}

/** The value of aria-keyshortcuts: "Control+Shift+C Meta+Shift+C". */
export function ariaKeyShortcuts(id: ShortcutId): string {
  const rest = `${shift(id, 'Shift+')}${KEYBOARD_SHORTCUTS[id].key}`;
  return `Control+${rest} Meta+${rest}`;
}

/** The README's list: "Ctrl/⌘+K go to…, …, Ctrl/⌘+E edit the selected integration". */
export function shortcutList(): string {
  return SHORTCUT_IDS.map((id) => {
    const { key, label } = KEYBOARD_SHORTCUTS[id];
    return `Ctrl/⌘+${shift(id, 'Shift+')}${key} ${label.charAt(0).toLowerCase()}${label.slice(1)}`;
  }).join(', ');
}

export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/** Which shortcut a key press is, if any: Ctrl or Cmd, Shift exactly as the table says, no Alt. */
export function shortcutOf(press: KeyPress): ShortcutId | null {
  if (!(press.ctrlKey || press.metaKey) || press.altKey) return null;
  const key = press.key.toUpperCase();
  return SHORTCUT_IDS.find((id) => KEYBOARD_SHORTCUTS[id].key === key && KEYBOARD_SHORTCUTS[id].shift === press.shiftKey) ?? null;
}

/** As a person reads it on one platform: "⇧⌘C" on macOS, "Ctrl+Shift+C" elsewhere. */
export function shortcutTextFor(id: ShortcutId, mac: boolean): string {
  const { key } = KEYBOARD_SHORTCUTS[id];
  return mac ? `${shift(id, '⇧')}⌘${key}` : `Ctrl+${shift(id, 'Shift+')}${key}`;
}

/** A tooltip on one platform: "Copy the selected token (⇧⌘C)". */
export function shortcutTitleFor(id: ShortcutId, mac: boolean): string {
  return `${KEYBOARD_SHORTCUTS[id].label} (${shortcutTextFor(id, mac)})`;
}
