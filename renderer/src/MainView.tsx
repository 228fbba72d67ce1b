import { useCallback, useEffect, useRef, useState } from 'react';
import { call, type IntegrationListItem, type IpcError, type KeysmithApi } from './bridge';
import { IntegrationDetail } from './IntegrationDetail';
import { IntegrationList } from './IntegrationList';

interface Props {
  api: KeysmithApi;
}

/** The unlocked app: the list on the left, the selected integration on the right. */
export function MainView({ api }: Props) {
  const [items, setItems] = useState<IntegrationListItem[] | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);

  const reload = useCallback(async () => {
    const result = await call(api.integrations.list());
    if (result.ok) {
      setItems(result.value);
      setError(null);
    } else {
      setError(result.error);
    }
  }, [api]);

  useEffect(() => {
    void reload();
    const offSearch = api.on('menu:search', () => searchRef.current?.focus());
    const offRefreshed = api.on('token:refreshed', () => void reload());
    return () => {
      offSearch();
      offRefreshed();
    };
  }, [api, reload]);

  // Ctrl/Cmd+K also works when the menu accelerator does not reach us (e.g. in tests or a browser).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        searchRef.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div className="main-view">
      <header className="app-header">
        <h1>Keysmith</h1>
        <button type="button" onClick={() => void api.vault.lock()} title="Lock the vault">
          Lock
        </button>
      </header>
      {error && (
        <p role="alert" className="error-text">
          {error.message}
        </p>
      )}
      {items === null && !error ? (
        <p aria-busy="true">Loading integrations…</p>
      ) : (
        <div className="panes">
          <IntegrationList items={items ?? []} selected={selected} onSelect={setSelected} searchRef={searchRef} />
          {selected ? (
            <IntegrationDetail key={selected} api={api} name={selected} />
          ) : (
            <section className="detail empty-state" aria-label="No integration selected">
              <p>{items && items.length === 0 ? 'No integrations yet: import or create one.' : 'Select an integration to see its credentials.'}</p>
            </section>
          )}
        </div>
      )}
    </div>
  );
}
