import { useCallback, useEffect, useRef, useState } from 'react';
import { ariaKeyShortcuts, shortcutText, shortcutTitle } from '../../electron/shared/shortcuts';
import { call, type IntegrationListItem, type IpcError, type KeysmithApi } from './bridge';
import { NewIntegration } from './forms/NewIntegration';
import { ImportView } from './import/ImportView';
import { IntegrationDetail } from './IntegrationDetail';
import { IntegrationList } from './IntegrationList';
import { SettingsView } from './settings/SettingsView';
import { useShortcuts } from './useShortcuts';
import { Welcome } from './Welcome';
import { useHealthFirst } from './health/useHealthFirst';
import { HealthView } from './health/HealthView';

interface Props {
  api: KeysmithApi;
}

/** What the right-hand pane shows. */
type Pane = { view: 'detail'; name: string } | { view: 'new' } | { view: 'import' } | { view: 'settings' } | { view: 'health' } | { view: 'none' };

/** The unlocked app: the list on the left; the selected integration, a form or the settings on the right. */
export function MainView({ api }: Props) {
  const [items, setItems] = useState<IntegrationListItem[] | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const [pane, setPane] = useState<Pane>({ view: 'none' });
  const searchRef = useRef<HTMLInputElement>(null);
  const selected = pane.view === 'detail' ? pane.name : null;
  const due = useHealthFirst(api, () => setPane({ view: 'health' }));

  const reload = useCallback(async () => {
    const result = await call(api.integrations.list());
    if (result.ok) {
      setItems(result.value);
      setError(null);
    } else {
      setError(result.error);
    }
  }, [api]);

  /** After a write: the list again, then the pane on what was written (or nothing, after a delete). */
  const show = useCallback(
    async (name: string | null) => {
      await reload();
      setPane(name === null ? { view: 'none' } : { view: 'detail', name });
    },
    [reload],
  );

  useEffect(() => {
    void reload();
    const offs = [
      api.on('menu:search', () => searchRef.current?.focus()),
      api.on('menu:newIntegration', () => setPane({ view: 'new' })),
      api.on('token:refreshed', () => void reload()),
      api.on('token:failed', () => void reload()),
    ];
    return () => offs.forEach((off) => off());
  }, [api, reload]);

  // The menu's accelerators do not reach a plain browser (tests); the same keys here. Ctrl+Shift+C
  // (copy the selected token) is the token panel's, which knows the chosen format.
  useShortcuts({
    search: () => searchRef.current?.focus(),
    newIntegration: () => setPane({ view: 'new' }),
    lock: () => void api.vault.lock(),
  });

  const empty = items !== null && items.length === 0;
  return (
    <div className="main-view">
      <header className="app-header">
        <h1>Keysmith</h1>
        <nav className="row" aria-label="Actions">
          <button type="button" onClick={() => setPane({ view: 'new' })} title={shortcutTitle('newIntegration')} aria-keyshortcuts={ariaKeyShortcuts('newIntegration')}>
            New integration
          </button>
          <button type="button" onClick={() => setPane({ view: 'import' })} title="Import credentials from a Developer Console, AEM, aio or .env file">
            Import…
          </button>
          <button type="button" onClick={() => setPane({ view: 'health' })} aria-pressed={pane.view === 'health'}>
            {due > 0 ? `Health (${due} due)` : 'Health'}
          </button>
          <button type="button" onClick={() => setPane({ view: 'settings' })} aria-pressed={pane.view === 'settings'}>
            Settings
          </button>
          <button type="button" onClick={() => void api.vault.lock()} title={shortcutTitle('lock')} aria-keyshortcuts={ariaKeyShortcuts('lock')}>
            Lock
          </button>
        </nav>
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
          <IntegrationList items={items ?? []} selected={selected} onSelect={(name) => setPane({ view: 'detail', name })} searchRef={searchRef} />
          {pane.view === 'detail' && <IntegrationDetail key={pane.name} api={api} name={pane.name} onChanged={(next) => void show(next?.name ?? null)} />}
          {pane.view === 'new' && <NewIntegration api={api} onCreated={(name) => void show(name)} onCancel={() => setPane({ view: 'none' })} />}
          {pane.view === 'import' && (
            <ImportView api={api} onImported={(names) => void show(names[0] ?? null)} onCancel={() => setPane({ view: 'none' })} />
          )}
          {pane.view === 'health' && <HealthView api={api} onOpen={(name) => setPane({ view: 'detail', name })} onClose={() => setPane({ view: 'none' })} />}
          {pane.view === 'settings' && <SettingsView api={api} onClose={() => setPane({ view: 'none' })} />}
          {pane.view === 'none' &&
            (empty ? (
              <Welcome onNew={() => setPane({ view: 'new' })} onImport={() => setPane({ view: 'import' })} />
            ) : (
              <section className="detail empty-state" aria-label="No integration selected">
                <p>Select an integration to see its credentials, or press {shortcutText('search')} to search.</p>
              </section>
            ))}
        </div>
      )}
    </div>
  );
}
