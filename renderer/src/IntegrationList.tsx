import { memo, useCallback, useDeferredValue, useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import type { IntegrationListItem, IpcError } from './bridge';
import { KIND_LABELS } from '../../electron/shared/integration-kinds';
import { ariaKeyShortcuts } from '../../electron/shared/shortcuts';
import { filterItems, indexItems, plural, type KindFilter } from './format';
import { IntegrationRow } from './IntegrationRow';
import { rowStatus } from './list/rowStatus';
import { SORTS, type SortKey } from './list/sortItems';
import { shortcutTitleHere } from './platform';

/** Every row is this tall (styles.css .row-item), which is what lets the list render only the rows in view. */
export const ROW_HEIGHT = 38;
/** rows rendered above and below the visible ones, so a fast scroll shows no gap */
const OVERSCAN = 8;
/** the viewport assumed before layout (and in jsdom, which has none) */
const FALLBACK_VIEWPORT = 760;

interface Props {
  items: readonly IntegrationListItem[];
  selected: string | null;
  onSelect: (name: string) => void;
  searchRef: RefObject<HTMLInputElement | null>;
  /** copy the token (or API key) of a row: its button, Enter, or Ctrl/⌘+C on the selected row */
  onCopy?: (item: IntegrationListItem) => void;
  /** the last error this window met per integration, by name: the row shows it */
  failures?: ReadonlyMap<string, IpcError>;
  /** the row whose copy button says "Copied ✓" */
  copiedName?: string | null;
}

const NO_FAILURES: ReadonlyMap<string, IpcError> = new Map();

export const IntegrationList = memo(function IntegrationList({ items, selected, onSelect, searchRef, onCopy, failures = NO_FAILURES, copiedName = null }: Props) {
  const [query, setQuery] = useState('');
  const [kind, setKind] = useState<KindFilter>('all');
  const [sort, setSort] = useState<SortKey>('name');
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(FALLBACK_VIEWPORT);
  const deferredQuery = useDeferredValue(query);
  const index = useMemo(() => indexItems(items, sort), [items, sort]);
  const matches = useMemo(() => filterItems(index, deferredQuery, kind), [index, deferredQuery, kind]);
  const listRef = useRef<HTMLDivElement>(null);
  const searchId = useId();
  const kindId = useId();
  const sortId = useId();
  const listId = useId();

  useLayoutEffect(() => {
    const el = listRef.current;
    if (!el) return;
    const measure = () => setViewport(el.clientHeight || FALLBACK_VIEWPORT);
    measure();
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(measure);
    observer?.observe(el);
    return () => observer?.disconnect();
  }, []);

  // A new search starts again at the top.
  useEffect(() => {
    if (listRef.current) listRef.current.scrollTop = 0;
    setScrollTop(0);
  }, [deferredQuery, kind, sort]);

  const position = selected === null ? -1 : matches.findIndex((m) => m.name === selected);

  /** Scrolls just enough for row `i` to be in view. */
  const reveal = useCallback(
    (i: number) => {
      const el = listRef.current;
      if (!el || i < 0) return;
      const top = i * ROW_HEIGHT;
      const height = el.clientHeight || viewport;
      if (top < el.scrollTop) el.scrollTop = top;
      else if (top + ROW_HEIGHT > el.scrollTop + height) el.scrollTop = top + ROW_HEIGHT - height;
      setScrollTop(el.scrollTop);
    },
    [viewport],
  );

  useEffect(() => reveal(position), [position, reveal]);

  function move(delta: number | 'first' | 'last') {
    if (matches.length === 0) return;
    const next = delta === 'first' ? 0 : delta === 'last' ? matches.length - 1 : Math.min(matches.length - 1, Math.max(0, position + delta));
    const item = matches[next];
    if (item) onSelect(item.name);
  }

  function copySelected(e: KeyboardEvent): boolean {
    const item = matches[position];
    if (!item || !onCopy) return false;
    e.preventDefault();
    onCopy(item);
    return true;
  }

  function onKeyDown(e: KeyboardEvent) {
    const inList = e.currentTarget === listRef.current;
    if (e.key === 'Enter') {
      // from the search box: Enter picks the first match, then copies it
      if (position < 0 && matches[0]) {
        e.preventDefault();
        onSelect(matches[0].name);
      } else copySelected(e);
      return;
    }
    // Ctrl/⌘+C on the selected row copies its token, unless the user selected text to copy
    const textSelected = inList ? Boolean(window.getSelection()?.toString()) : (e.target as HTMLInputElement).selectionStart !== (e.target as HTMLInputElement).selectionEnd;
    if ((e.ctrlKey || e.metaKey) && !e.shiftKey && !e.altKey && e.key.toLowerCase() === 'c' && !textSelected) {
      copySelected(e);
      return;
    }
    const keys: Record<string, number | 'first' | 'last'> = { ArrowDown: 1, ArrowUp: -1, PageDown: 10, PageUp: -10 };
    if (inList) Object.assign(keys, { Home: 'first', End: 'last' });
    const delta = keys[e.key];
    if (delta === undefined) return;
    e.preventDefault();
    move(delta);
  }

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(matches.length, Math.ceil((scrollTop + viewport) / ROW_HEIGHT) + OVERSCAN);
  const shown = matches.slice(first, last);
  const activeId = position >= first && position < last ? `${listId}-${position}` : undefined;
  const total = plural(items.length, 'integration');
  return (
    <section className="integration-list" aria-label="Integrations">
      <div className="list-controls">
        <label htmlFor={searchId} className="visually-hidden">
          Search integrations
        </label>
        <input
          id={searchId}
          ref={searchRef}
          type="search"
          className="search"
          placeholder="Search name, client id, org, scope"
          title={shortcutTitleHere('search')}
          aria-keyshortcuts={ariaKeyShortcuts('search')}
          aria-controls={listId}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={onKeyDown}
        />
        <div className="list-filters">
          <label htmlFor={kindId}>Kind</label>
          <select id={kindId} value={kind} onChange={(e) => setKind(e.target.value as KindFilter)}>
            <option value="all">All kinds</option>
            {Object.entries(KIND_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
          <label htmlFor={sortId}>Sort</label>
          <select id={sortId} value={sort} onChange={(e) => setSort(e.target.value as SortKey)}>
            {SORTS.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p className="match-count" role="status" aria-live="polite">
        {matches.length === items.length ? total : `${matches.length} of ${total}`}
      </p>
      <div
        id={listId}
        ref={listRef}
        className="rows"
        role="listbox"
        aria-label="Integrations"
        tabIndex={0}
        aria-activedescendant={activeId}
        onKeyDown={onKeyDown}
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      >
        <ul role="presentation" className="rows-inner" style={{ height: matches.length * ROW_HEIGHT }}>
          {shown.map((item, i) => (
            <IntegrationRow
              key={item.id}
              id={`${listId}-${first + i}`}
              item={item}
              selected={item.name === selected}
              status={rowStatus(item, failures.get(item.name))}
              copied={item.name === copiedName}
              position={first + i + 1}
              setSize={matches.length}
              style={{ top: (first + i) * ROW_HEIGHT }}
              onSelect={onSelect}
              onCopy={onCopy ?? noop}
            />
          ))}
        </ul>
      </div>
    </section>
  );
});

function noop() {}
