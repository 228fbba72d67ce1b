/**
 * Reading the app's preferences file (`settings.json` beside the vault), for every front end: the
 * app's settings store and the CLI (which honours the health thresholds chosen in the app) read it
 * the same way. Reading only: writing stays with the app. Bounded, never a symlink, FIFO or another
 * user's file, and a damaged value falls back to its default alone.
 */
import path from 'node:path';
import type { z } from 'zod';
import { DEFAULT_IMS_ENDPOINT } from '../shared/integration';
import { DEFAULT_AUTO_LOCK_MINUTES, DEFAULT_CLIPBOARD_CLEAR_SECONDS, SETTINGS_FIELDS, type Settings } from '../shared/settings-schema';
import type { HealthThresholds } from '../shared/health';
import { DEFAULT_THRESHOLDS } from './health/health-check';
import { readPrivateFile } from './private-files';
import { DEFAULT_REFRESH_MARGIN_MINUTES } from './tokens/token-service';

export const SETTINGS_FILE = 'settings.json';
/** Far above what the app writes (favourites are capped): a larger file is not one of ours. */
/** Where a settings file that could not be fully used goes when settings are next saved: beside it, never deleted. */
export const DAMAGED_SETTINGS_PREFIX = `${SETTINGS_FILE}.damaged-`;
export const MAX_SETTINGS_BYTES = 64 * 1024;

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

/** The thresholds health reports use, from the settings. */
export function healthThresholds(s: Settings): HealthThresholds {
  return { secretMaxAgeDays: s.healthSecretMaxAgeDays, certificateDays: s.healthCertificateDays };
}

/** Settings and what was wrong with the file, if anything. */
export interface SettingsRead {
  settings: Settings;
  /** why nothing in the file could be used (all defaults) */
  unusable?: string;
  /** the fields whose values were set aside for their defaults */
  invalid: (keyof Settings)[];
}

/**
 * Settings from a file that may be old, hand-edited or damaged: each field that does not parse
 * falls back to its default alone, so one bad value does not cost the user every other setting.
 * Own keys only: `__proto__` or `constructor` in the file set nothing.
 */
export function parseSettings(raw: unknown): SettingsRead {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { settings: { ...DEFAULT_SETTINGS }, unusable: 'it does not hold a JSON object', invalid: [] };
  const source = raw as Record<string, unknown>;
  const out: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  const invalid: (keyof Settings)[] = [];
  for (const [key, schema] of Object.entries(SETTINGS_FIELDS)) {
    if (!Object.hasOwn(source, key)) continue;
    const parsed = (schema as z.ZodType).safeParse(source[key]);
    if (parsed.success) out[key] = parsed.data;
    else invalid.push(key as keyof Settings);
  }
  return { settings: out as Settings, invalid };
}

/** Like parseSettings, without the report: what the app has always used. */
export function readSettings(raw: unknown): Settings {
  return parseSettings(raw).settings;
}

/** The settings file of a data folder: defaults when there is none, defaults and a problem when it cannot be used. */
export async function readSettingsFile(dataDir: string): Promise<SettingsRead> {
  const file = path.join(dataDir, SETTINGS_FILE);
  let text: string;
  try {
    const read = await readPrivateFile(file, MAX_SETTINGS_BYTES);
    if (!read) return { settings: { ...DEFAULT_SETTINGS }, invalid: [] };
    text = read.bytes.toString('utf8');
  } catch (err) {
    return { settings: { ...DEFAULT_SETTINGS }, unusable: err instanceof Error ? err.message : 'it could not be read', invalid: [] };
  }
  try {
    return parseSettings(JSON.parse(text));
  } catch {
    return { settings: { ...DEFAULT_SETTINGS }, unusable: 'it is not valid JSON', invalid: [] };
  }
}
