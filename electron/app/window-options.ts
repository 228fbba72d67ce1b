/**
 * The main window's options, in one literal at the one `new BrowserWindow` call: static scanners
 * (electronegativity) read them there, and the security spec passes a recording constructor to
 * assert them. The constructor is injected so this file needs no `electron` at run time.
 */
import type { BrowserWindowConstructorOptions } from 'electron';

export interface MainWindowOptions {
  preloadPath: string;
  /** development builds only */
  devTools: boolean;
}

export function createMainWindow<W>(BrowserWindow: new (options: BrowserWindowConstructorOptions) => W, opts: MainWindowOptions): W {
  return new BrowserWindow({
    width: 1100,
    height: 720,
    minWidth: 720,
    minHeight: 480,
    show: false,
    title: 'Keysmith',
    backgroundColor: '#1f2a44',
    webPreferences: {
      preload: opts.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      // Middle-click would otherwise open links in new windows, around setWindowOpenHandler's intent.
      disableBlinkFeatures: 'Auxclick',
      // Secrets are typed into this window; the Linux spellchecker downloads dictionaries and reads every word.
      spellcheck: false,
      safeDialogs: true,
      devTools: opts.devTools,
    },
  });
}
