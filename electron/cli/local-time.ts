/**
 * Times for people, in the machine's own time zone and without seconds: "2026-11-30 21:04 (UTC+1)".
 * JSON keeps ISO 8601 in UTC, which programs compare; this is only for reading.
 */
const pad = (n: number) => String(n).padStart(2, '0');

function zone(date: Date): string {
  const minutes = -date.getTimezoneOffset();
  if (minutes === 0) return 'UTC';
  const sign = minutes > 0 ? '+' : '-';
  const abs = Math.abs(minutes);
  return `UTC${sign}${Math.floor(abs / 60)}${abs % 60 ? `:${pad(abs % 60)}` : ''}`;
}

export function localTime(iso: string | number): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return String(iso);
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())} (${zone(date)})`;
}
