import { memo, useDeferredValue, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import type { IntegrationListItem } from './bridge';
import { KIND_LABELS } from '../../electron/shared/integration-kinds';
import { ariaKeyShortcuts, shortcutTitle } from '../../electron/shared/shortcuts';
import { filterItems, indexItems, type KindFilter } from './format';
import { IntegrationRow } from './IntegrationRow';

/** Rows rendered at first; more are added as the user scrolls or moves the selection down. */
export const PAGE_SIZE = 100;

interface Props {
  items: readonly IntegrationListItem[];
  selected: string | null;
  onSelect: (name: string) => void;
  searchRef: RefObject<HTMLInputElement | null>;
}

export const IntegrationList = memo(function IntegrationList({ items, selected, onSelect, searchRef }: Props) {
  const [query, setQuery] = useState('');
  const [kind, setKind] = useState<KindFilter>('all');
  const [limit, setLimit] = useState(PAGE_SIZE);
  const deferredQuery = useDeferredValue(query);
  const index = useMemo(() => indexItems(items), [items]);
  const matches = useMemo(() => filterItems(index, deferredQuery, kind), [index, deferredQuery, kind]);
  const listRef = useRef<HTMLUListElement>(null);
  const searchId = useId();
  const kindId = useId();
  const listId = useId();

  // A new search starts again at the top.
  useEffect(() => setLimit(PAGE_SIZE), [deferredQuery, kind]);

  const position = selected === null ? -1 : matches.findIndex((m) => m.name === selected);
  const shown = matches.slice(0, limit);

  function move(delta: number | 'first' | 'last') {
    if (matches.length === 0) return;
    const next = delta === 'first' ? 0 : delta === 'last' ? matches.length - 1 : Math.min(matches.length - 1, Math.max(0, position + delta));
    if (next >= limit) setLimit(Math.ceil((next + 1) / PAGE_SIZE) * PAGE_SIZE);
    const item = matches[next];
    if (item) onSelect(item.name);
  }

  useEffect(() => {
    if (selected === null) return;
    const row = listRef.current?.querySelector<HTMLElement>('[aria-selected="true"]');
    row?.scrollIntoView?.({ block: 'nearest' });
  }, [selected, limit]);

  function onKeyDown(e: KeyboardEvent) {
    const keys: Record<string, number | 'first' | 'last'> = { ArrowDown: 1, ArrowUp: -1, PageDown: 10, PageUp: -10 };
    const inList = e.currentTarget === listRef.current;
    if (inList) Object.assign(keys, { Home: 'first', End: 'last' });
    const delta = keys[e.key];
    if (delta === undefined) return;
    e.preventDefault();
    move(delta);
  }

  function onScroll() {
    const el = listRef.current;
    if (el && el.scrollTop + el.clientHeight >= el.scrollHeight - 200 && limit < matches.length) setLimit(limit + PAGE_SIZE);
  }

  const activeId = position >= 0 && position < limit ? `${listId}-${position}` : undefined;
  return (
    <section className="integration-list" aria-label="Integrations">
      <div className="list-controls">
        <label htmlFor={searchId}>Search integrations</label>
        <input
          id={searchId}
          ref={searchRef}
          type="search"
          placeholder="Name, client id, org, scope"
          title={shortcutTitle('search')}
          aria-keyshortcuts={ariaKeyShortcuts('search')}
          aria-controls={listId}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={onKeyDown}
        />
        <label htmlFor={kindId}>Kind</label>
        <select id={kindId} value={kind} onChange={(e) => setKind(e.target.value as KindFilter)}>
          <option value="all">All kinds</option>
          {Object.entries(KIND_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <p className="match-count" role="status" aria-live="polite">
        {matches.length === items.length ? `${items.length} integrations` : `${matches.length} of ${items.length} integrations`}
      </p>
      <ul
        id={listId}
        ref={listRef}
        className="rows"
        role="listbox"
        aria-label="Integrations"
        tabIndex={0}
        aria-activedescendant={activeId}
        onKeyDown={onKeyDown}
        onScroll={onScroll}
      >
        {shown.map((item, i) => (
          <IntegrationRow key={item.id} id={`${listId}-${i}`} item={item} selected={item.name === selected} onSelect={onSelect} />
        ))}
      </ul>
      {shown.length < matches.length && (
        <button type="button" className="link" onClick={() => setLimit(limit + PAGE_SIZE)}>
          Show more ({matches.length - shown.length} not shown)
        </button>
      )}
    </section>
  );
});
