/**
 * What needs attention across the vault, and by when: the one shape behind `keysmith health`, the
 * app's Health view and its notifications.
 */
import type { ErrorAction } from './error-codes';
import type { IntegrationKind } from './integration-kinds';

export const HEALTH_CONDITIONS = [
  'certificate_expiring',
  'secret_old',
  'second_secret',
  'rotation_interrupted',
  'jwt_end_of_life',
  'mint_failed',
  'never_used',
  /** a user sign-in whose refresh token lapses soon (user sign-in flows add this check) */
  'sign_in_lapsing',
] as const;
export type HealthCondition = (typeof HEALTH_CONDITIONS)[number];

export const HEALTH_LABELS: Record<HealthCondition, string> = {
  certificate_expiring: 'Certificate expiring',
  secret_old: 'Client secret due for rotation',
  second_secret: 'Old client secret left behind',
  rotation_interrupted: 'Secret rotation interrupted',
  jwt_end_of_life: 'JWT credential past end of life',
  mint_failed: 'Last token request failed',
  never_used: 'Never used',
  sign_in_lapsing: 'Sign-in lapsing',
};

/** `due`: act now (the CLI exits non-zero, the app notifies); `info`: worth knowing. */
export type HealthSeverity = 'due' | 'info';

export interface HealthItem {
  integration: string;
  kind: IntegrationKind;
  condition: HealthCondition;
  severity: HealthSeverity;
  /** ISO 8601: the date to act by (may be past), when there is one */
  by: string | null;
  /** one sentence, true for every front end (no commands or buttons) */
  message: string;
  action?: ErrorAction;
}

export interface HealthReport {
  checkedAt: string;
  items: HealthItem[];
  /** how many items are due */
  due: number;
}

/** The warning windows and ages health uses; settings may change them. */
export interface HealthThresholds {
  certificateDays: number;
  secretMaxAgeDays: number;
}
