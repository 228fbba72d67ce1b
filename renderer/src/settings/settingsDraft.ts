/**
 * The settings form as typed, checked field by field with the schema main applies
 * (SettingsPatchSchema), so a message appears while typing and is the one main would give.
 */
// First: the schemas below are built when their module loads, and must be built without eval (CSP).
import '../forms/zod-csp';
import {
  DEFAULT_AUTO_LOCK_MINUTES,
  DEFAULT_CLIPBOARD_CLEAR_SECONDS,
  MAX_HEALTH_DAYS,
  SettingsPatchSchema,
  type Settings,
  type SettingsPatch,
  type Theme,
} from '../../../electron/shared/settings-schema';

export type { Settings, SettingsPatch, Theme };
export { MAX_HEALTH_DAYS };

/** The settings this form edits (favourites are edited in the list). */
export const EDITED = [
  'clipboardClearSeconds',
  'refreshMarginMinutes',
  'autoLockMinutes',
  'defaultImsEndpoint',
  'theme',
  'healthSecretMaxAgeDays',
  'healthCertificateDays',
] as const;
export type EditedKey = (typeof EDITED)[number];

export interface Draft {
  clipboardText: string;
  clipboardNever: boolean;
  refreshMarginText: string;
  autoLockText: string;
  autoLockNever: boolean;
  imsEndpoint: string;
  theme: Theme;
  secretMaxAgeText: string;
  certificateDaysText: string;
}

export type FieldErrors = Partial<Record<EditedKey, string>>;

export function draftOf(s: Settings): Draft {
  return {
    clipboardText: String(s.clipboardClearSeconds ?? DEFAULT_CLIPBOARD_CLEAR_SECONDS),
    clipboardNever: s.clipboardClearSeconds === null,
    refreshMarginText: String(s.refreshMarginMinutes),
    autoLockText: String(s.autoLockMinutes ?? DEFAULT_AUTO_LOCK_MINUTES),
    autoLockNever: s.autoLockMinutes === null,
    imsEndpoint: s.defaultImsEndpoint,
    theme: s.theme,
    secretMaxAgeText: String(s.healthSecretMaxAgeDays),
    certificateDaysText: String(s.healthCertificateDays),
  };
}

/** Plain decimal only: Number() would also take '0x1e', '1e3' or '' (as 0). NaN gets the schema's "must be a number". */
function numberOf(text: string): number {
  const t = text.trim();
  return /^[+-]?\d+(\.\d+)?$/.test(t) ? Number(t) : NaN;
}

function rawValues(d: Draft): Record<EditedKey, unknown> {
  return {
    clipboardClearSeconds: d.clipboardNever ? null : numberOf(d.clipboardText),
    refreshMarginMinutes: numberOf(d.refreshMarginText),
    autoLockMinutes: d.autoLockNever ? null : numberOf(d.autoLockText),
    defaultImsEndpoint: d.imsEndpoint,
    theme: d.theme,
    healthSecretMaxAgeDays: numberOf(d.secretMaxAgeText),
    healthCertificateDays: numberOf(d.certificateDaysText),
  };
}

/** Schema messages are lower-case clauses (they also end CLI errors); here each stands alone. */
const sentence = (message: string) => message.charAt(0).toUpperCase() + message.slice(1);

/** Every edited field parsed: the values that passed (normalised, as main would store them) and a message for each that did not. */
export function checkDraft(d: Draft): { values: Partial<Settings>; errors: FieldErrors } {
  const values: Partial<Settings> = {};
  const errors: FieldErrors = {};
  for (const [key, raw] of Object.entries(rawValues(d)) as [EditedKey, unknown][]) {
    const parsed = SettingsPatchSchema.safeParse({ [key]: raw });
    if (parsed.success) Object.assign(values, { [key]: parsed.data[key] });
    else errors[key] = sentence(parsed.error.issues[0]?.message ?? 'this value is not allowed');
  }
  return { values, errors };
}

/** Only what differs from the saved settings, so a save never overwrites a field the user did not touch. */
export function changedFields(values: Partial<Settings>, saved: Settings): SettingsPatch {
  const patch: Record<string, unknown> = {};
  for (const key of EDITED) {
    if (key in values && values[key] !== saved[key]) patch[key] = values[key];
  }
  return patch as SettingsPatch;
}
