/**
 * The tray menu: one entry per favourite integration that copies its token in one click (its API key
 * for API key integrations), then Show, Lock and Quit. Built as a plain template so it is tested
 * without Electron; tray.main.ts turns it into a Menu.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { IntegrationKind } from '../shared/integration-kinds';

export interface FavoriteEntry {
  id: string;
  name: string;
  kind: IntegrationKind;
}

export interface TrayActions {
  copy(name: string): void;
  show(): void;
  lock(): void;
  quit(): void;
}

/** Outside macOS, `&` in a label marks a keyboard mnemonic; a name must show as typed. */
export function menuLabel(text: string, platform: NodeJS.Platform): string {
  return platform === 'darwin' ? text : text.replace(/&/g, '&&');
}

/** The favourites that still exist, in the order the user chose them. */
export function favoriteEntries(favoriteIds: readonly string[], integrations: readonly FavoriteEntry[]): FavoriteEntry[] {
  const byId = new Map(integrations.map((i) => [i.id, i]));
  return favoriteIds.flatMap((id) => byId.get(id) ?? []);
}

export function trayMenuTemplate(opts: {
  unlocked: boolean;
  favorites: readonly FavoriteEntry[];
  platform: NodeJS.Platform;
  actions: TrayActions;
}): MenuItemConstructorOptions[] {
  const { unlocked, favorites, platform, actions } = opts;
  const items: MenuItemConstructorOptions[] = [];
  if (!unlocked) {
    items.push({ label: 'Vault locked: open Keysmith to unlock', enabled: false });
  } else if (favorites.length === 0) {
    items.push({ label: 'No favourites: star an integration to copy its token from here', enabled: false });
  } else {
    items.push({ label: 'Copy token', enabled: false });
    for (const f of favorites) {
      items.push({
        label: menuLabel(f.kind === 'apiKey' ? `${f.name} (API key)` : f.name, platform),
        click: () => actions.copy(f.name),
      });
    }
  }
  items.push(
    { type: 'separator' },
    { label: 'Show Keysmith', click: () => actions.show() },
    { label: 'Lock vault', enabled: unlocked, click: () => actions.lock() },
    { type: 'separator' },
    { label: 'Quit Keysmith', click: () => actions.quit() },
  );
  return items;
}
