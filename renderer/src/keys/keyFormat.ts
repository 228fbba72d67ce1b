import type { ResponseOf } from '../bridge';

export type KeyPair = ResponseOf<'keypairs:list'>[number];

/** The first 8 hex digits: what the CLI's listing shows and `use-key` accepts, enough to tell keys apart. */
export function shortFingerprint(fingerprint: string): string {
  return fingerprint.replace(/:/g, '').slice(0, 8);
}

/** yyyy-mm-dd in UTC: the form the certificate itself states, the same in every locale. */
export function formatDay(iso: string): string {
  return new Date(iso).toISOString().slice(0, 10);
}

export function daysLeftText(daysLeft: number): string {
  if (daysLeft < -1) return `expired ${-daysLeft} days ago`;
  if (daysLeft < 0) return 'expired';
  if (daysLeft === 0) return 'expires today';
  return daysLeft === 1 ? '1 day left' : `${daysLeft} days left`;
}
