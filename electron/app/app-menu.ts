/**
 * The native application menu, following each OS's conventions: on macOS an app menu and a Window
 * menu, elsewhere File > Quit; an Edit menu everywhere so copy and paste work in inputs. App actions
 * (search, new, copy the selected integration's token) are sent to the renderer, which knows the
 * selection; lock is done in main. Plain template, tested without Electron.
 */
import type { MenuItemConstructorOptions } from 'electron';
import { MENU_SHORTCUT_IDS, accelerator, type MenuShortcutId } from '../shared/shortcuts';

export const DOCS_URL = 'https://developer.adobe.com/developer-console/docs/guides/authentication/';

export interface MenuActions {
  search(): void;
  newIntegration(): void;
  copySelectedToken(): void;
  lock(): void;
  openDocs(url: string): void;
}

/** The menu's accelerators, from the shared shortcut table the renderer's tooltips and keys also read. */
export const SHORTCUTS = Object.fromEntries(MENU_SHORTCUT_IDS.map((id) => [id, accelerator(id)])) as Record<MenuShortcutId, string>;

export function appMenuTemplate(opts: { platform: NodeJS.Platform; devTools: boolean; actions: MenuActions }): MenuItemConstructorOptions[] {
  const { platform, devTools, actions } = opts;
  const mac = platform === 'darwin';
  const menu: MenuItemConstructorOptions[] = [];
  if (mac) menu.push({ role: 'appMenu' });
  menu.push({
    label: mac ? 'File' : '&File',
    submenu: [
      { label: 'New Integration…', accelerator: SHORTCUTS.newIntegration, click: () => actions.newIntegration() },
      { type: 'separator' },
      { label: 'Lock Vault', accelerator: SHORTCUTS.lock, click: () => actions.lock() },
      { type: 'separator' },
      mac ? { role: 'close' } : { role: 'quit' },
    ],
  });
  menu.push({
    label: mac ? 'Edit' : '&Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      ...(mac ? [{ role: 'pasteAndMatchStyle' } as const] : []),
      { role: 'delete' },
      { role: 'selectAll' },
      { type: 'separator' },
      { label: 'Find Integration…', accelerator: SHORTCUTS.search, click: () => actions.search() },
      { label: 'Copy Token of Selected Integration', accelerator: SHORTCUTS.copySelectedToken, click: () => actions.copySelectedToken() },
    ],
  });
  menu.push({
    label: mac ? 'View' : '&View',
    submenu: [
      ...(devTools ? [{ role: 'reload' } as const, { role: 'toggleDevTools' } as const, { type: 'separator' } as const] : []),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  });
  if (mac) menu.push({ role: 'windowMenu' });
  menu.push({
    role: 'help',
    label: mac ? 'Help' : '&Help',
    submenu: [{ label: 'Adobe Developer Console: authentication', click: () => actions.openDocs(DOCS_URL) }],
  });
  return menu;
}
