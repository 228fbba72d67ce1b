/**
 * App preferences. Not secret, and needed while the vault is locked (the auto-lock delay, the theme),
 * so they live in a plain file beside the vault rather than inside it. Favourites are integration
 * ids, not names: ids survive a rename and say nothing about what the vault holds.
 */
import type { z } from 'zod';
import { DEFAULT_IMS_ENDPOINT } from '../shared/integration';
import {
  DEFAULT_AUTO_LOCK_MINUTES,
  DEFAULT_CLIPBOARD_CLEAR_SECONDS,
  SETTINGS_FIELDS as fields,
  type Settings,
  type SettingsPatchSchema,
} from '../shared/settings-schema';
import { DEFAULT_REFRESH_MARGIN_MINUTES } from '../core/tokens/token-service';
import { DEFAULT_THRESHOLDS } from '../core/health/health-check';
import type { HealthThresholds } from '../shared/health';

// The schemas live in a zod-only file the renderer can bundle; everything stays importable from here.
export * from '../shared/settings-schema';

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  clipboardClearSeconds: DEFAULT_CLIPBOARD_CLEAR_SECONDS,
  refreshMarginMinutes: DEFAULT_REFRESH_MARGIN_MINUTES,
  autoLockMinutes: DEFAULT_AUTO_LOCK_MINUTES,
  defaultImsEndpoint: DEFAULT_IMS_ENDPOINT,
  theme: 'system',
  healthSecretMaxAgeDays: DEFAULT_THRESHOLDS.secretMaxAgeDays,
  healthCertificateDays: DEFAULT_THRESHOLDS.certificateDays,
  favorites: [],
});

/** The thresholds the app's health report and its background check use. */
export function healthThresholds(s: Settings): HealthThresholds {
  return { secretMaxAgeDays: s.healthSecretMaxAgeDays, certificateDays: s.healthCertificateDays };
}

/**
 * Settings from a file that may be old, hand-edited or damaged: each field that does not parse
 * falls back to its default alone, so one bad value does not cost the user every other setting.
 */
export function readSettings(raw: unknown): Settings {
  const source = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const out: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const [key, schema] of Object.entries(fields)) {
    if (!(key in source)) continue;
    const parsed = (schema as z.ZodType).safeParse(source[key]);
    if (parsed.success) out[key] = parsed.data;
  }
  return out as Settings;
}

export function applySettingsPatch(current: Settings, patch: z.output<typeof SettingsPatchSchema>): Settings {
  const next: Settings = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (value !== undefined) (next as Record<string, unknown>)[key] = value;
  }
  next.favorites = [...new Set(next.favorites)];
  return next;
}
