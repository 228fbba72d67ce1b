import type { IntegrationListItem, IpcError } from '../bridge';

export type RowTone = 'ok' | 'warn' | 'error';
export interface RowStatus {
  /** a stable key, for styles and tests */
  id: 'auth-failed' | 'sign-in' | 'no-key' | 'cert-expiring' | 'expiring' | 'valid';
  text: string;
  tone: RowTone;
}

/**
 * The one status a row shows: the most pressing thing about the integration, or nothing when
 * there is nothing to say (no token yet, or an expired one, is normal: copying mints one).
 * `failure` is the last error this window met for it (a copy or refresh that failed).
 */
export function rowStatus(item: IntegrationListItem, failure?: IpcError | null): RowStatus | null {
  if (failure?.action === 'sign_in') return { id: 'sign-in', text: 'sign-in needed', tone: 'error' };
  if (failure?.action === 'generate_key' || (item.keys !== null && item.keys.count === 0)) return { id: 'no-key', text: 'no key', tone: 'error' };
  if (failure || item.token.refreshError) return { id: 'auth-failed', text: 'auth failed', tone: 'error' };
  if (item.keys?.expiringSoon) {
    const days = item.keys.daysLeft;
    return { id: 'cert-expiring', text: days === null ? 'certificate expiring' : `certificate: ${days} d left`, tone: 'warn' };
  }
  if (item.token.state === 'expiring') return { id: 'expiring', text: 'expiring', tone: 'warn' };
  if (item.token.state === 'valid') return { id: 'valid', text: 'valid', tone: 'ok' };
  return null;
}

/** Lower is more pressing: the "status" sort puts what needs attention first. */
export const STATUS_RANK: Record<RowStatus['id'] | 'none', number> = {
  'auth-failed': 0,
  'sign-in': 1,
  'no-key': 2,
  'cert-expiring': 3,
  expiring: 4,
  valid: 5,
  none: 6,
};
