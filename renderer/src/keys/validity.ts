import { MAX_CERTIFICATE_DAYS } from '../../../electron/shared/key-limits';

/** Days as typed: the number, or the message to show next to the field. */
export function parseDays(text: string): { days: number; error: null } | { days: null; error: string } {
  const trimmed = text.trim();
  const days = Number(trimmed);
  if (trimmed === '' || !Number.isInteger(days) || days < 1 || days > MAX_CERTIFICATE_DAYS) {
    return { days: null, error: `Enter a whole number of days from 1 to ${MAX_CERTIFICATE_DAYS}` };
  }
  return { days, error: null };
}
