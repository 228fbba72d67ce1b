import type { IntegrationListItem } from '../bridge';
import type { ShortcutId } from '../../../electron/shared/shortcuts';

export interface Command {
  id: string;
  /** what the palette shows and matches: "Copy token of Analytics S2S" */
  title: string;
  /** a shortcut from the one table (shared/shortcuts.ts), shown beside the title */
  shortcut?: ShortcutId;
  run: () => void;
}

export interface CommandActions {
  newIntegration: () => void;
  importFile: () => void;
  settings: () => void;
  lock: () => void;
  toggleList: () => void;
  open: (name: string) => void;
  copy: (item: IntegrationListItem) => void;
  refresh: (name: string) => void;
  replaceSecret: (name: string) => void;
  generateKey: (name: string) => void;
  edit: (name: string) => void;
}

/** The app's actions, then per integration what one does with it. */
export function buildCommands(items: readonly IntegrationListItem[], a: CommandActions): Command[] {
  const commands: Command[] = [
    { id: 'new', title: 'New integration', shortcut: 'newIntegration', run: a.newIntegration },
    { id: 'import', title: 'Import a file…', run: a.importFile },
    { id: 'settings', title: 'Settings', run: a.settings },
    { id: 'lock', title: 'Lock the vault', shortcut: 'lock', run: a.lock },
    { id: 'list', title: 'Show or hide the list', run: a.toggleList },
  ];
  for (const item of items) {
    const n = item.name;
    const token = item.kind === 'apiKey' ? 'API key' : 'token';
    commands.push({ id: `copy:${item.id}`, title: `Copy ${token} of ${n}`, run: () => a.copy(item) });
    commands.push({ id: `open:${item.id}`, title: `Open ${n}`, run: () => a.open(n) });
    if (item.kind !== 'apiKey') {
      commands.push({ id: `refresh:${item.id}`, title: `Refresh token of ${n}`, run: () => a.refresh(n) });
      commands.push({ id: `rotate:${item.id}`, title: `Rotate secret of ${n}…`, run: () => a.replaceSecret(n) });
    }
    if (item.keys !== null) commands.push({ id: `key:${item.id}`, title: `Generate key for ${n}…`, run: () => a.generateKey(n) });
    commands.push({ id: `edit:${item.id}`, title: `Edit ${n}`, run: () => a.edit(n) });
  }
  return commands;
}

/** Every word of the query in the title, in any order; titles starting with the query first. */
export function matchCommands(commands: readonly Command[], query: string, limit = 50): Command[] {
  const q = query.trim().toLowerCase();
  const words = q.split(/\s+/).filter(Boolean);
  const out: Command[] = [];
  const later: Command[] = [];
  for (const c of commands) {
    const title = c.title.toLowerCase();
    if (!words.every((w) => title.includes(w))) continue;
    (q && title.startsWith(q) ? out : later).push(c);
    if (out.length >= limit) break;
  }
  return [...out, ...later].slice(0, limit);
}
