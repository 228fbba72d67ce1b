/** Each setting as a sentence names it ("using defaults for the theme"): one place for every front end. */
import type { Settings } from './settings-schema';

export const SETTINGS_LABELS: Record<keyof Settings, string> = {
  clipboardClearSeconds: 'the clipboard clear delay',
  refreshMarginMinutes: 'the refresh margin',
  autoLockMinutes: 'the auto-lock delay',
  defaultImsEndpoint: 'the default IMS endpoint',
  theme: 'the theme',
  healthSecretMaxAgeDays: 'the secret age limit',
  healthCertificateDays: 'the certificate warning',
  favorites: 'the favourites',
};
