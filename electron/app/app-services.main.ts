/**
 * Builds the services the IPC router and the background work share, from Electron's pieces: the OS
 * keychain, `net.fetch` (the system's proxy settings apply), native dialogs and the clipboard.
 */
import { app, net, type BaseWindow } from 'electron';
import { ClipboardPolicy } from '../core/clipboard-policy';
import { DEFAULT_CLIPBOARD_CLEAR_SECONDS } from '../core/settings';
import { OsKeychain } from '../core/keychain';
import type { AppServices } from '../ipc/services';
import { electronClipboardPort } from './clipboard.main';
import { electronDialogs } from './dialogs.main';
import type { PushEvent } from './events.main';
import { SettingsStore } from './settings-store';
import { VaultSession } from './vault-session';

export interface AppParts {
  services: AppServices;
  session: VaultSession;
  settings: SettingsStore;
  clipboard: ClipboardPolicy;
}

export function createAppServices(opts: {
  dataDir: string;
  window: () => BaseWindow | null;
  push: PushEvent;
  log: (message: string, err?: unknown) => void;
}): AppParts {
  const { dataDir, log } = opts;
  const settings = new SettingsStore(dataDir);
  // Read at each copy; the first copy waits for nothing, since get() is cached after the first read.
  let clearAfter: number | null = DEFAULT_CLIPBOARD_CLEAR_SECONDS;
  void settings.get().then((s) => (clearAfter = s.clipboardClearSeconds));
  settings.on('changed', (s) => (clearAfter = s.clipboardClearSeconds));

  const clipboard = new ClipboardPolicy(electronClipboardPort(log), {
    clearAfterSeconds: () => clearAfter,
    onCleared: (reason) => opts.push('clipboard:cleared', { reason }),
    onError: (err) => log('clipboard', err),
  });
  const session = new VaultSession({
    dataDir,
    keychain: new OsKeychain(),
    fetch: (url, init) => net.fetch(url, init),
    log,
  });
  const services: AppServices = {
    appVersion: app.getVersion(),
    vault: session,
    dialogs: electronDialogs(opts.window, clipboard),
    clipboard,
    settings,
    log,
  };
  return { services, session, settings, clipboard };
}
