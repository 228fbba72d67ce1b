import { shortcutTextFor, shortcutTitleFor, type ShortcutId } from '../../electron/shared/shortcuts';

/** Whether the window runs on macOS, where shortcuts read ⌘ rather than Ctrl. */
export function isMac(): boolean {
  const nav = globalThis.navigator as (Navigator & { userAgentData?: { platform?: string } }) | undefined;
  const platform = nav?.userAgentData?.platform ?? nav?.platform ?? '';
  return /mac/i.test(platform);
}

/** "⌘K" on macOS, "Ctrl+K" elsewhere. */
export const shortcutTextHere = (id: ShortcutId): string => shortcutTextFor(id, isMac());

/** "Search (⌘K)" on macOS, "Search (Ctrl+K)" elsewhere. */
export const shortcutTitleHere = (id: ShortcutId): string => shortcutTitleFor(id, isMac());
