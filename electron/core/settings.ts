/**
 * App preferences. Not secret, and needed while the vault is locked (the auto-lock delay, the theme),
 * so they live in a plain file beside the vault rather than inside it. Favourites are integration
 * ids, not names: ids survive a rename and say nothing about what the vault holds.
 */
import { z } from 'zod';
import { DEFAULT_IMS_ENDPOINT, ImsEndpointSchema, OAuthS2SFields } from './integration';
import { DEFAULT_REFRESH_MARGIN_MINUTES } from './tokens/token-service';

export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

export const DEFAULT_CLIPBOARD_CLEAR_SECONDS = 30;
export const DEFAULT_AUTO_LOCK_MINUTES = 15;
export const MAX_FAVORITES = 50;

/** The per-integration margin's own bounds and messages, reused for the default. */
const RefreshMarginSchema = OAuthS2SFields.shape.refreshMarginMinutes.unwrap();

/** Field schemas without defaults: the same ones serve a full document and a patch. */
const fields = {
  /** null = never clear by timer (lock and quit still clear) */
  clipboardClearSeconds: z
    .number({ error: 'clipboard clear delay must be a number of seconds' })
    .int({ error: 'clipboard clear delay must be whole seconds' })
    .min(5, { error: 'clipboard clear delay must be between 5 and 3600 seconds, or never' })
    .max(3600, { error: 'clipboard clear delay must be between 5 and 3600 seconds, or never' })
    .nullable(),
  /** default for integrations created in the app that do not set their own */
  refreshMarginMinutes: RefreshMarginSchema,
  /** null = never lock on idle (screen lock still locks) */
  autoLockMinutes: z
    .number({ error: 'auto-lock delay must be a number of minutes' })
    .int({ error: 'auto-lock delay must be whole minutes' })
    .min(1, { error: 'auto-lock delay must be between 1 and 1440 minutes, or never' })
    .max(1440, { error: 'auto-lock delay must be between 1 and 1440 minutes, or never' })
    .nullable(),
  /** default for new Adobe integrations that do not name an IMS endpoint */
  defaultImsEndpoint: ImsEndpointSchema,
  theme: z.enum(THEMES, { error: `theme must be one of ${THEMES.join(', ')}` }),
  favorites: z
    .array(z.uuid({ error: 'a favourite is an integration id' }))
    .max(MAX_FAVORITES, { error: `at most ${MAX_FAVORITES} favourites` }),
};

export type Settings = { [K in keyof typeof fields]: z.output<(typeof fields)[K]> };

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  clipboardClearSeconds: DEFAULT_CLIPBOARD_CLEAR_SECONDS,
  refreshMarginMinutes: DEFAULT_REFRESH_MARGIN_MINUTES,
  autoLockMinutes: DEFAULT_AUTO_LOCK_MINUTES,
  defaultImsEndpoint: DEFAULT_IMS_ENDPOINT,
  theme: 'system',
  favorites: [],
});

/** A change to some settings; absent keys stay as they are. Unknown keys are refused. */
export const SettingsPatchSchema = z.strictObject(fields).partial();
export type SettingsPatch = z.input<typeof SettingsPatchSchema>;

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
