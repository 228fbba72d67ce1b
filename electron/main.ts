// App lifecycle: wiring only. Every decision lives in a module tested in plain Node, because
// Electron cannot start in CI: app-protocol.ts and window-policy.ts (what is served, with which
// headers), app/web-policy.ts and app/window-options.ts (the lockdown), ipc/ (the contract and the
// router), app/vault-session.ts, app/clipboard-policy.ts, app/auto-lock.ts, the menu templates.
import path from 'node:path';
import { BrowserWindow, app, ipcMain, protocol, session, shell } from 'electron';
import { APP_ENTRY_URL, APP_ORIGIN, APP_SCHEME } from './app/app-protocol';
import { keepMemoryOutOfCoreDumps } from './core/core-dumps';
import { defaultDataDir } from './core/data-dir';
import { forgetUnlockMaterial } from './core/unlock-env';
import { registerIpc } from './ipc/router';
import { createAppServices } from './app/app-services.main';
import { startBackground, type Background } from './app/background.main';
import { pushTo } from './app/events.main';
import { installAppMenu } from './app/menu.main';
import { serveAppFiles } from './app/protocol.main';
import { hardenSession, hardenWebContents } from './app/web-policy';
import { createMainWindow } from './app/window-options';
import { isAllowedExternalUrl } from './app/window-policy';

// First, before any vault is unlocked: what the main process holds stays out of core dumps, and
// no process the app starts (Chromium's helpers, xdg-open and the browser it may launch) inherits
// a KEYSMITH_PASSPHRASE the app was started with (the app never reads it).
keepMemoryOutOfCoreDumps();
forgetUnlockMaterial();

// dist/main.cjs sits next to dist/preload.cjs and dist/renderer/.
const RENDERER_DIR = path.join(__dirname, 'renderer');
const PRELOAD_PATH = path.join(__dirname, 'preload.cjs');
// The CLI's folder (KEYSMITH_HOME overrides), so the app and the CLI share one vault.
const DATA_DIR = defaultDataDir();

// Must run before `ready`: a standard + secure scheme gets a real origin, so 'self' in the CSP
// and the trusted-sender check mean "our bundled files" rather than the whole disk (file://).
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);
// One app instance per data folder; Chromium's own files (cache, storage) in a subfolder, not beside the vault.
app.setPath('userData', DATA_DIR);
app.setPath('sessionData', path.join(DATA_DIR, 'chromium'));

const log = (message: string, err?: unknown) => console.error(`keysmith: ${message}`, err instanceof Error ? err.stack : (err ?? ''));

let mainWindow: BrowserWindow | null = null;
let background: Background | null = null;

function openExternal(url: string): void {
  // Checked here as well as by the callers: this is the one door to the OS's URL handlers.
  if (isAllowedExternalUrl(url)) void shell.openExternal(url);
}

function showWindow(): void {
  if (!mainWindow) mainWindow = openWindow();
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

function openWindow(): BrowserWindow {
  const win = createMainWindow(BrowserWindow, { preloadPath: PRELOAD_PATH, devTools: !app.isPackaged });
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  void win.loadURL(APP_ENTRY_URL);
  return win;
}

async function start(): Promise<void> {
  hardenSession(session.defaultSession);
  serveAppFiles(RENDERER_DIR);
  const push = pushTo(() => mainWindow);
  const parts = createAppServices({ dataDir: DATA_DIR, window: () => mainWindow, push, log });
  registerIpc(ipcMain, parts.services, { appOrigin: APP_ORIGIN });
  installAppMenu(!app.isPackaged, {
    search: () => push('menu:search', {}),
    newIntegration: () => push('menu:newIntegration', {}),
    copySelectedToken: () => push('menu:copySelectedToken', {}),
    lock: () => parts.session.lock('menu'),
    openDocs: openExternal,
  });
  background = startBackground(parts, { push, showWindow, quit: () => app.quit() });
  mainWindow = openWindow();
  await parts.session.autoUnlock();

  // Quitting waits once for the clipboard: a copied secret must not outlive the app.
  let cleaned = false;
  app.on('will-quit', (event) => {
    if (cleaned) return;
    event.preventDefault();
    cleaned = true;
    parts.session.lock('user');
    background?.stop();
    void parts.clipboard.clearIfOurs('quit').finally(() => app.quit());
  });
}

// Applies to every webContents, including any a future feature creates, not just mainWindow.
app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, openExternal));

// A second process would open the same vault and race the first one's writes; hand off instead.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', showWindow);
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (app.isReady() && BrowserWindow.getAllWindows().length === 0) mainWindow = openWindow();
  });
  void app.whenReady().then(start).catch((err) => {
    log('start-up failed', err);
    app.exit(1);
  });
}
