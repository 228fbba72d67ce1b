/**
 * One line about a settings file the app could not fully use, for whoever shows settings (the app's
 * Settings view): what was wrong and what the app did instead. Reading leaves the file alone; the
 * first save keeps it aside (settings-store.ts), so a hand edit gone wrong can be repaired by hand.
 */
import { SETTINGS_LABELS } from '../shared/settings-labels';
import { visibleText } from '../shared/terminal-text';
import { DAMAGED_SETTINGS_PREFIX, SETTINGS_FILE, type SettingsRead } from './settings-file';

function list(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** undefined when the file was fine (or absent: defaults are what a new user should have). */
export function settingsWarning(read: SettingsRead): string | undefined {
  const kept = `the file is left as it is; the first save keeps it as ${DAMAGED_SETTINGS_PREFIX}<time>`;
  if (read.unusable !== undefined) {
    return `${SETTINGS_FILE} could not be used (${visibleText(read.unusable)}): using defaults for every setting; ${kept}`;
  }
  if (read.invalid.length === 0) return undefined;
  const what = list(read.invalid.map((k) => SETTINGS_LABELS[k]));
  return `${SETTINGS_FILE} has ${read.invalid.length === 1 ? 'a value' : 'values'} that could not be used: using defaults for ${what}; ${kept}`;
}
