import type { IntegrationListItem } from '../bridge';
import { rowStatus, STATUS_RANK } from './rowStatus';

export const SORTS = [
  ['name', 'Name'],
  ['updated', 'Recently changed'],
  ['expiry', 'Token expiry'],
  ['status', 'Needs attention'],
] as const;
export type SortKey = (typeof SORTS)[number][0];

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
const byName = (a: IntegrationListItem, b: IntegrationListItem) => collator.compare(a.name, b.name);

/** The comparator for a sort; favourites always come first, and names break ties. */
export function comparator(sort: SortKey): (a: IntegrationListItem, b: IntegrationListItem) => number {
  const then: Record<SortKey, (a: IntegrationListItem, b: IntegrationListItem) => number> = {
    name: () => 0,
    updated: (a, b) => b.updatedAt.localeCompare(a.updatedAt),
    expiry: (a, b) => (a.token.expiresAt ?? Infinity) - (b.token.expiresAt ?? Infinity) || 0,
    status: (a, b) => STATUS_RANK[rowStatus(a)?.id ?? 'none'] - STATUS_RANK[rowStatus(b)?.id ?? 'none'],
  };
  const key = then[sort];
  return (a, b) => Number(b.favorite) - Number(a.favorite) || key(a, b) || byName(a, b);
}
