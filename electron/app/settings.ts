/**
 * App preferences. Not secret, and needed while the vault is locked (the auto-lock delay, the theme),
 * so they live in a plain file beside the vault rather than inside it. Favourites are integration
 * ids, not names: ids survive a rename and say nothing about what the vault holds.
 */
import type { z } from 'zod';
import type { Settings, SettingsPatchSchema } from '../shared/settings-schema';

// The schemas live in a zod-only file the renderer can bundle, the reading in core (the CLI reads
// the same file); everything stays importable from here.
export * from '../shared/settings-schema';
export { DEFAULT_SETTINGS, healthThresholds, readSettings } from '../core/settings-file';

export function applySettingsPatch(current: Settings, patch: z.output<typeof SettingsPatchSchema>): Settings {
  const next: Settings = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (value !== undefined) (next as Record<string, unknown>)[key] = value;
  }
  next.favorites = [...new Set(next.favorites)];
  return next;
}
