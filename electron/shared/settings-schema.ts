/**
 * The settings' field schemas, zod and the integration model only: the renderer bundles this file
 * to validate the settings form as the user types, with the same rules and messages main applies.
 * Nothing here may import Node modules (settings.ts, which does, re-exports all of it).
 */
import { z } from 'zod';
import { ImsEndpointSchema, OAuthS2SFields } from './integration';

export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

export const DEFAULT_CLIPBOARD_CLEAR_SECONDS = 30;
export const DEFAULT_AUTO_LOCK_MINUTES = 15;
export const MAX_FAVORITES = 50;
/** Health thresholds are whole days; a century bounds them (the health:report request takes the same). */
export const MAX_HEALTH_DAYS = 36_500;

function healthDays(what: string) {
  const range = `${what} must be between 1 and ${MAX_HEALTH_DAYS} days`;
  return z
    .number({ error: `${what} must be a number of days` })
    .int({ error: `${what} must be whole days` })
    .min(1, { error: range })
    .max(MAX_HEALTH_DAYS, { error: range });
}

/** The per-integration margin's own bounds and messages, reused for the default. */
const RefreshMarginSchema = OAuthS2SFields.shape.refreshMarginMinutes.unwrap();

/** Field schemas without defaults: the same ones serve a full document and a patch. */
export const SETTINGS_FIELDS = {
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
  /** health reports an OAuth Server-to-Server client secret older than this as due for rotation */
  healthSecretMaxAgeDays: healthDays('the secret age limit'),
  /** health reports a certificate expiring within this many days */
  healthCertificateDays: healthDays('the certificate warning'),
  favorites: z
    .array(z.uuid({ error: 'a favourite is an integration id' }))
    .max(MAX_FAVORITES, { error: `at most ${MAX_FAVORITES} favourites` }),
};

export type Settings = { [K in keyof typeof SETTINGS_FIELDS]: z.output<(typeof SETTINGS_FIELDS)[K]> };

/** A change to some settings; absent keys stay as they are. Unknown keys are refused. */
export const SettingsPatchSchema = z.strictObject(SETTINGS_FIELDS).partial();
export type SettingsPatch = z.input<typeof SettingsPatchSchema>;
