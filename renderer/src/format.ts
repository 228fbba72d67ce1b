import type { IntegrationListItem } from './bridge';

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

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** Sorted once per list (favourites first, then by name), so a keystroke only filters. */
export function indexItems(items: readonly IntegrationListItem[]): Indexed[] {
  return [...items]
    .sort((a, b) => Number(b.favorite) - Number(a.favorite) || collator.compare(a.name, b.name))
    .map((item) => ({ item, text: searchText(item) }));
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
