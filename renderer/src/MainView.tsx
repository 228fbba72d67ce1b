import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ariaKeyShortcuts } from '../../electron/shared/shortcuts';
import { call, type IntegrationListItem, type IpcError, type KeysmithApi } from './bridge';
import { AppIcon } from './AppIcon';
import { copiedState, CopyNotice, type CopyState } from './CopyNotice';
import { ErrorActionProvider, ErrorMessage, type ActionHandlers } from './errors/ErrorActions';
import { NewIntegration } from './forms/NewIntegration';
import { ImportView } from './import/ImportView';
import { useFileDrop, type DroppedFile } from './import/useFileDrop';
import { IntegrationDetail, type DetailIntent } from './IntegrationDetail';
import { IntegrationList } from './IntegrationList';
import { buildCommands } from './palette/commands';
import { CommandPalette } from './palette/CommandPalette';
import { shortcutTextHere, shortcutTitleHere } from './platform';
import { SettingsView } from './settings/SettingsView';
import { copyTokenOf } from './tokens/copyToken';
import { COPIED_FLASH_MS } from './tokens/CopyTokenButton';
import { useUnsavedGuard } from './unsaved/UnsavedGuard';
import { useShortcuts } from './useShortcuts';
import { Welcome } from './Welcome';
import { useHealthFirst } from './health/useHealthFirst';
import { HealthView } from './health/HealthView';
import { RestoredNotice, type Restored } from './lock/RestoredNotice';

interface Props {
  api: KeysmithApi;
  /** the vault was just opened by restoring its backup: said once, until dismissed */
  restored?: Restored | null;
  onDismissRestored?: () => void;
}

/** What the right-hand pane shows; `intent` is what the detail should do once open (from an error's button or the palette). */
type Pane = { view: 'detail'; name: string; intent?: DetailIntent } | { view: 'new' } | { view: 'import'; dropped?: DroppedFile; dropProblem?: string } | { view: 'settings' } | { view: 'health' } | { view: 'none' };

/** The last copy from a row or the palette, for the notice under the list. */
type RowCopy = { name: string; state: CopyState; preview?: string; error?: IpcError };

/** The unlocked app: the list on the left; the selected integration, a form or the settings on the right. */
export function MainView({ api, restored = null, onDismissRestored = () => {} }: Props) {
  const [items, setItems] = useState<IntegrationListItem[] | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const [pane, setPaneNow] = useState<Pane>({ view: 'none' });
  const [listHidden, setListHidden] = useState(false);
  const [palette, setPalette] = useState(false);
  const [failures, setFailures] = useState<ReadonlyMap<string, IpcError>>(new Map());
  const [copied, setCopied] = useState<{ name: string; at: number } | null>(null);
  const [rowCopy, setRowCopy] = useState<RowCopy | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const guard = useUnsavedGuard();
  const selected = pane.view === 'detail' ? pane.name : null;

  /** Every way the user moves the pane goes through the unsaved-work guard. */
  const go = useCallback((next: Pane) => guard.confirm(() => setPaneNow(next)), [guard]);
  const due = useHealthFirst(api, () => go({ view: 'health' }));

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
      setPaneNow(name === null ? { view: 'none' } : { view: 'detail', name });
    },
    [reload],
  );

  const noteFailure = useCallback((name: string, failure: IpcError | null) => {
    setFailures((old) => {
      if (!failure && !old.has(name)) return old;
      const next = new Map(old);
      if (failure) next.set(name, failure);
      else next.delete(name);
      return next;
    });
  }, []);

  useEffect(() => {
    void reload();
    const offs = [
      api.on('menu:search', () => setPalette(true)),
      api.on('menu:newIntegration', () => go({ view: 'new' })),
      // A desktop notice about one integration (a sign-in to renew, a certificate) was clicked.
      api.on('notice:showIntegration', (p) => go({ view: 'detail', name: p.name })),
      api.on('notice:showHealth', () => go({ view: 'health' })),
      api.on('token:refreshed', (p) => {
        noteFailure(p.name, null);
        void reload();
      }),
      api.on('token:failed', (p) => {
        noteFailure(p.name, { code: 'token_unavailable', message: p.message, integration: p.name });
        void reload();
      }),
      api.on('clipboard:cleared', () => setRowCopy((c) => (c?.state?.ok ? null : c))),
    ];
    return () => offs.forEach((off) => off());
  }, [api, reload, go, noteFailure]);

  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(null), COPIED_FLASH_MS);
    return () => clearTimeout(timer);
  }, [copied]);

  const copyRow = useCallback(
    async (item: IntegrationListItem) => {
      const result = await copyTokenOf(api, item);
      if (result.ok) {
        setCopied({ name: item.name, at: Date.now() });
        setRowCopy({ name: item.name, state: copiedState(result.value.clearsInSeconds), preview: result.value.preview });
        noteFailure(item.name, null);
        void reload();
      } else {
        const failure = { ...result.error, integration: result.error.integration ?? item.name };
        setRowCopy({ name: item.name, state: null, error: failure });
        noteFailure(item.name, failure);
      }
    },
    [api, reload, noteFailure],
  );

  const openWith = useCallback((name: string, intent?: DetailIntent) => go({ view: 'detail', name, ...(intent && { intent }) }), [go]);

  // What an error's button does from anywhere in the main view; the detail adds its own.
  const handlers = useMemo<ActionHandlers>(
    () => ({
      list: () => void reload(),
      replace_secret: (e) => e.integration && openWith(e.integration, 'replace_secret'),
      generate_key: (e) => e.integration && openWith(e.integration, 'generate_key'),
      edit: (e) => e.integration && openWith(e.integration, 'edit'),
      use_other_key: (e) => e.integration && openWith(e.integration, 'keys'),
    }),
    [reload, openWith],
  );

  const commands = useMemo(
    () =>
      buildCommands(items ?? [], {
        newIntegration: () => go({ view: 'new' }),
        importFile: () => go({ view: 'import' }),
        settings: () => go({ view: 'settings' }),
        lock: () => guard.confirm(() => void api.vault.lock()),
        toggleList: () => setListHidden((h) => !h),
        open: (name) => openWith(name),
        copy: (item) => void copyRow(item),
        refresh: (name) => openWith(name, 'refresh'),
        replaceSecret: (name) => openWith(name, 'replace_secret'),
        generateKey: (name) => openWith(name, 'generate_key'),
        edit: (name) => openWith(name, 'edit'),
      }),
    [items, go, guard, api, openWith, copyRow],
  );

  // The menu's accelerators do not reach a plain browser (tests); the same keys here. Ctrl+Shift+C
  // (copy the selected token) is the token panel's, which knows the chosen format.
  useShortcuts({
    search: () => setPalette(true),
    newIntegration: () => go({ view: 'new' }),
    lock: () => guard.confirm(() => void api.vault.lock()),
  });

  // A credentials file dropped anywhere opens the import with its plan (through the unsaved-work guard).
  const dragging = useFileDrop((r) => go(r.ok ? { view: 'import', dropped: r.file } : { view: 'import', dropProblem: r.message }), !palette);

  const empty = items !== null && items.length === 0;
  return (
    <ErrorActionProvider handlers={handlers}>
      <div className={`main-view${listHidden ? ' list-hidden' : ''}`}>
        <header className="app-header">
          <div className="row brand">
            <button
              type="button"
              className="icon-button"
              aria-expanded={!listHidden}
              aria-controls="integration-list"
              onClick={() => setListHidden(!listHidden)}
              title={listHidden ? 'Show the list' : 'Hide the list'}
            >
              <span aria-hidden="true">☰</span>
              <span className="visually-hidden">{listHidden ? 'Show the list' : 'Hide the list'}</span>
            </button>
            <AppIcon />
            <h1>Keysmith</h1>
          </div>
          <nav className="row header-actions" aria-label="Actions">
            <button type="button" className="palette-hint" onClick={() => setPalette(true)} title={shortcutTitleHere('search')} aria-keyshortcuts={ariaKeyShortcuts('search')}>
              <span aria-hidden="true">⌕</span> Go to… <kbd>{shortcutTextHere('search')}</kbd>
            </button>
            <button type="button" onClick={() => go({ view: 'import' })} title="Import credentials from a Developer Console, AEM, aio or .env file">
              <span aria-hidden="true">⇪ </span>Import…
            </button>
            <button type="button" onClick={() => go({ view: 'health' })} aria-pressed={pane.view === 'health'} title="What needs attention, and by when">
              {due > 0 ? `Health (${due} due)` : 'Health'}
            </button>
            <button type="button" onClick={() => go({ view: 'settings' })} aria-pressed={pane.view === 'settings'} title="Settings">
              <span aria-hidden="true">⚙ </span>Settings
            </button>
            <button type="button" onClick={() => guard.confirm(() => void api.vault.lock())} title={shortcutTitleHere('lock')} aria-keyshortcuts={ariaKeyShortcuts('lock')}>
              Lock
            </button>
            <button type="button" className="primary" onClick={() => go({ view: 'new' })} title={shortcutTitleHere('newIntegration')} aria-keyshortcuts={ariaKeyShortcuts('newIntegration')}>
              + New<span className="visually-hidden"> integration</span>
            </button>
          </nav>
        </header>
        {restored && <RestoredNotice restored={restored} onDismiss={onDismissRestored} />}
        {error && <ErrorMessage error={error} />}
        {items === null && !error ? (
          <p aria-busy="true">Loading integrations…</p>
        ) : (
          <div className="panes">
            {!listHidden && (
              <div className="list-column" id="integration-list">
                <IntegrationList
                  items={items ?? []}
                  selected={selected}
                  onSelect={(name) => openWith(name)}
                  searchRef={searchRef}
                  onCopy={(item) => void copyRow(item)}
                  failures={failures}
                  copiedName={copied?.name ?? null}
                />
                {rowCopy && (
                  <div className="row-copy-notice">
                    {rowCopy.error ? (
                      <ErrorMessage error={rowCopy.error} />
                    ) : (
                      <CopyNotice state={rowCopy.state} what={`Token of “${rowCopy.name}”`} preview={rowCopy.preview} />
                    )}
                  </div>
                )}
              </div>
            )}
            {pane.view === 'detail' && (
              <IntegrationDetail
                key={pane.name}
                api={api}
                name={pane.name}
                intent={pane.intent}
                onChanged={(next) => void show(next?.name ?? null)}
                onTokenResult={(failure) => noteFailure(pane.name, failure)}
              />
            )}
            {pane.view === 'new' && <NewIntegration api={api} onCreated={(name) => void show(name)} onCancel={() => setPaneNow({ view: 'none' })} />}
            {pane.view === 'import' && (
              <ImportView
                api={api}
                dropped={pane.dropped}
                dropProblem={pane.dropProblem}
                onImported={(names) => void show(names[0] ?? null)}
                onApplied={() => void reload()}
                onCancel={() => setPaneNow({ view: 'none' })}
              />
            )}
            {pane.view === 'health' && <HealthView api={api} onOpen={(name) => go({ view: 'detail', name })} onClose={() => setPaneNow({ view: 'none' })} />}
            {pane.view === 'settings' && <SettingsView api={api} onClose={() => setPaneNow({ view: 'none' })} />}
            {pane.view === 'none' &&
              (empty ? (
                <Welcome onNew={() => go({ view: 'new' })} onImport={() => go({ view: 'import' })} />
              ) : (
                <section className="detail empty-state" aria-label="No integration selected">
                  <p>
                    Select an integration to see its credentials, or press <kbd>{shortcutTextHere('search')}</kbd> to find one or run an action.
                  </p>
                </section>
              ))}
          </div>
        )}
        {dragging && (
          <div className="drop-overlay" aria-hidden="true">
            <p>Drop a credentials file to import it</p>
          </div>
        )}
        {palette && <CommandPalette commands={commands} onClose={() => setPalette(false)} />}
      </div>
    </ErrorActionProvider>
  );
}
