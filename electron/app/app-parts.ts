/**
 * The services the IPC router and the background work share, built from injected pieces: the app
 * passes Electron's keychain, fetch, clipboard and dialogs (app-services.main.ts), the browser e2e
 * suite passes the real keychain and fetch with a Node-side clipboard and scripted dialogs. One
 * builder, so the parts under test are wired exactly as the app wires them.
 */
import { ClipboardPolicy, type ClipboardPort } from './clipboard-policy';
import type { Keychain } from '../core/keychain';
import { DEFAULT_CLIPBOARD_CLEAR_SECONDS } from './settings';
import type { Fetch } from '../core/tokens/token-http';
import type { AppServices, Dialogs } from '../ipc/services';
import type { PushEvent } from './events.main';
import { SettingsStore } from './settings-store';
import { VaultSession } from './vault-session';

export interface AppParts {
  services: AppServices;
  session: VaultSession;
  settings: SettingsStore;
  clipboard: ClipboardPolicy;
}

export interface AppPieces {
  dataDir: string;
  appVersion: string;
  keychain: Keychain;
  fetch: Fetch;
  clipboardPort: ClipboardPort;
  dialogs: (clipboard: ClipboardPolicy) => Dialogs;
  push: PushEvent;
  log: (message: string, err?: unknown) => void;
}

export function buildAppParts(p: AppPieces): AppParts {
  const settings = new SettingsStore(p.dataDir);
  // Read at each copy; the first copy waits for nothing, since get() is cached after the first read.
  let clearAfter: number | null = DEFAULT_CLIPBOARD_CLEAR_SECONDS;
  void settings.get().then((s) => (clearAfter = s.clipboardClearSeconds));
  settings.on('changed', (s) => (clearAfter = s.clipboardClearSeconds));

  const clipboard = new ClipboardPolicy(p.clipboardPort, {
    clearAfterSeconds: () => clearAfter,
    onCleared: (reason) => p.push('clipboard:cleared', { reason }),
    onError: (err) => p.log('clipboard', err),
  });
  const session = new VaultSession({ dataDir: p.dataDir, keychain: p.keychain, fetch: p.fetch, log: p.log });
  const services: AppServices = {
    appVersion: p.appVersion,
    vault: session,
    dialogs: p.dialogs(clipboard),
    clipboard,
    settings,
    log: p.log,
    fetch: p.fetch,
  };
  return { services, session, settings, clipboard };
}
