import { useCallback, useEffect, useState } from 'react';
import { call, getApi, type IpcError, type VaultStatus } from './bridge';
import { CreateVault } from './CreateVault';
import { LockScreen } from './LockScreen';
import { MainView } from './MainView';
import { useTheme } from './settings/useTheme';
import { ErrorActionProvider, ErrorMessage } from './errors/ErrorActions';
import { UnsavedGuardProvider } from './unsaved/UnsavedGuard';
import type { Restored } from './lock/RestoredNotice';

type Load = { state: 'loading' } | { state: 'ready'; status: VaultStatus } | { state: 'failed'; error: IpcError };

export function App() {
  const api = getApi();
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  // Said once, in the main view after a restore; a lock forgets it like the rest of the session.
  const [restored, setRestored] = useState<Restored | null>(null);
  useTheme(api);

  const refresh = useCallback(async () => {
    if (!api) return;
    const result = await call(api.vault.status());
    setLoad(result.ok ? { state: 'ready', status: result.value } : { state: 'failed', error: result.error });
  }, [api]);

  useEffect(() => {
    if (!api) return;
    void refresh();
    const offLocked = api.on('vault:locked', () => {
      setRestored(null);
      void refresh();
    });
    const offUnlocked = api.on('vault:unlocked', () => void refresh());
    return () => {
      offLocked();
      offUnlocked();
    };
  }, [api, refresh]);

  if (!api) {
    return (
      <main className="app-message">
        <h1>Keysmith</h1>
        <p>This page must be opened from the Keysmith app.</p>
      </main>
    );
  }
  if (load.state === 'loading') {
    return (
      <main className="app-message" aria-busy="true">
        <p>Opening the vault…</p>
      </main>
    );
  }
  if (load.state === 'failed') {
    return (
      <main className="app-message">
        <ErrorMessage error={load.error} />
        <button type="button" onClick={() => void refresh()}>
          Try again
        </button>
      </main>
    );
  }
  if (load.status.state === 'missing') {
    return <CreateVault api={api} status={load.status} onCreated={(status) => setLoad({ state: 'ready', status })} />;
  }
  // "Unlock…" on an error: the vault locked under the user; "Create a vault…": its file is gone.
  // Either way asking main again shows the screen for the vault's state (lock screen, first run).
  const again = { unlock: () => void refresh(), init: () => void refresh() };
  if (load.status.state !== 'unlocked') {
    return (
      <ErrorActionProvider handlers={again}>
        <LockScreen
          api={api}
          status={load.status}
          onUnlocked={(status, how) => {
            setRestored(how ?? null);
            setLoad({ state: 'ready', status });
          }}
        />
      </ErrorActionProvider>
    );
  }
  return (
    <ErrorActionProvider handlers={again}>
      <UnsavedGuardProvider>
        <MainView api={api} restored={restored} onDismissRestored={() => setRestored(null)} />
      </UnsavedGuardProvider>
    </ErrorActionProvider>
  );
}
