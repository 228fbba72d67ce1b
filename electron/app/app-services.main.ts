/**
 * The app's services from Electron's pieces: the OS keychain, `net.fetch` (the system's proxy
 * settings apply), native dialogs and the clipboard. The building itself is app-parts.ts.
 */
import { app, net, shell, type BaseWindow } from 'electron';
import { OsKeychain } from '../core/keychain';
import { buildAppParts, type AppParts } from './app-parts';
import { electronClipboardPort } from './clipboard.main';
import { electronDialogs } from './dialogs.main';
import { isAuthorizationUrl } from './sign-in-url';
import type { PushEvent } from './events.main';

export type { AppParts };

export function createAppServices(opts: {
  dataDir: string;
  window: () => BaseWindow | null;
  push: PushEvent;
  log: (message: string, err?: unknown) => void;
}): AppParts {
  return buildAppParts({
    dataDir: opts.dataDir,
    appVersion: app.getVersion(),
    keychain: new OsKeychain(),
    fetch: (url, init) => net.fetch(url, init),
    clipboardPort: electronClipboardPort(opts.log),
    dialogs: (clipboard) => electronDialogs(opts.window, clipboard),
    push: opts.push,
    log: opts.log,
    // Only the authorization URL core built from the integration's endpoints reaches here.
    openExternal: async (url) => {
      if (isAuthorizationUrl(url)) await shell.openExternal(url);
      else throw new Error('not an authorization URL: https, or http on loopback, without credentials');
    },
  });
}
