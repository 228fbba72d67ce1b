import type { IntegrationListItem } from './bridge';
import { comparator, type SortKey } from './list/sortItems';

/**
 * Milliseconds left as mm:ss, or h:mm:ss from an hour up (Adobe tokens live 24 hours, and
 * "1439:53" says less than "23:59:53"); never negative. Rounded up, like a kitchen timer: "00:01"
 * is shown until the very end, and a fresh 30 s countdown starts at "00:30".
 */
export function formatCountdown(msLeft: number): string {
  const total = Math.max(0, Math.ceil(msLeft / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const mmss = `${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}`;
  return hours > 0 ? `${hours}:${mmss}` : mmss;
}

export type KindFilter = IntegrationListItem['kind'] | 'all';

/** The lower-cased text a query is matched against, computed once per list. */
export function searchText(item: IntegrationListItem): string {
  return [item.name, item.clientId, item.orgId ?? '', item.description, item.scopes.join(' ')].join('\n').toLowerCase();
}

export interface Indexed {
  item: IntegrationListItem;
  text: string;
}

/** Sorted once per list and sort (favourites first, then by `sort`), so a keystroke only filters. */
export function indexItems(items: readonly IntegrationListItem[], sort: SortKey = 'name'): Indexed[] {
  return [...items].sort(comparator(sort)).map((item) => ({ item, text: searchText(item) }));
}

/** Keeps the index order; every whitespace-separated word of the query must match. */
export function filterItems(index: readonly Indexed[], query: string, kind: KindFilter): IntegrationListItem[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const out: IntegrationListItem[] = [];
  for (const { item, text } of index) {
    if (kind !== 'all' && item.kind !== kind) continue;
    if (words.every((w) => text.includes(w))) out.push(item);
  }
  return out;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * Time left on a token as people read it: "23 h 59 m", and seconds only in the last hour
 * ("59 m 05 s", "42 s"), where they start to matter. Rounded down: at least this much is left.
 */
export function formatTimeLeft(msLeft: number): string {
  const total = Math.max(0, Math.floor(msLeft / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  if (hours > 0) return `${hours} h ${minutes} m`;
  if (minutes > 0) return `${minutes} m ${String(seconds).padStart(2, '0')} s`;
  return `${seconds} s`;
}

const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dayAndClock = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });

function startOfDay(t: number): number {
  const d = new Date(t);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

/** When, on the local clock: "at 16:21", "at 16:21 tomorrow", or "on Fri 9 Jan, 16:21" further out. */
export function formatWhen(at: number, now: number): string {
  const days = Math.round((startOfDay(at) - startOfDay(now)) / DAY);
  if (days === 0) return `at ${clock.format(at)}`;
  if (days === 1) return `at ${clock.format(at)} tomorrow`;
  return `on ${dayAndClock.format(at)}`;
}

/** "23 h 59 m · at 16:21 tomorrow": how long, then when. */
export function formatExpiry(expiresAt: number, now: number): string {
  return `${formatTimeLeft(expiresAt - now)} · ${formatWhen(expiresAt, now)}`;
}

/** "1 integration", "5000 integrations". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
