// App shell: lifecycle, window, protocol. Wiring only; the decisions live in app-protocol.ts and
// window-policy.ts, which are tested in plain Node because Electron cannot start in CI.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { BrowserWindow, app, ipcMain, protocol, session, shell } from 'electron';
import { APP_ENTRY_URL, APP_SCHEME, isTrustedSenderUrl, resolveAppPath } from './app-protocol';
import { APP_VERSION_CHANNEL } from './ipc/bridge';
import { CONTENT_SECURITY_POLICY, isAllowedExternalUrl, securityHeaders } from './window-policy';

// dist/main.cjs sits next to dist/preload.cjs and dist/renderer/.
const RENDERER_DIR = path.join(__dirname, 'renderer');
const PRELOAD_PATH = path.join(__dirname, 'preload.cjs');

// Must run before `ready`: a standard + secure scheme gets a real origin, so 'self' in the CSP
// and the trusted-sender check mean "our bundled files" rather than the whole disk (file://).
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

let mainWindow: BrowserWindow | null = null;

function plainResponse(status: number): Response {
  return new Response(null, {
    status,
    headers: { 'Content-Security-Policy': CONTENT_SECURITY_POLICY },
  });
}

async function serveAppFile(request: Request): Promise<Response> {
  const resolved = resolveAppPath(RENDERER_DIR, request.url);
  if (!resolved.ok) return plainResponse(resolved.status);
  try {
    const body = await readFile(resolved.filePath);
    return new Response(body, { status: 200, headers: securityHeaders(resolved.mimeType) });
  } catch {
    // Missing file or a directory: both are simply "not here".
    return plainResponse(404);
  }
}

function lockDownSession(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  protocol.handle(APP_SCHEME, serveAppFile);
}

// Applies to every webContents, including any a future feature creates, not just mainWindow.
app.on('web-contents-created', (_event, contents) => {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
});

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1100,
    height: 720,
    show: false,
    title: 'Keysmith',
    webPreferences: {
      preload: PRELOAD_PATH,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      devTools: !app.isPackaged,
    },
  });
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    mainWindow = null;
  });
  void win.loadURL(APP_ENTRY_URL);
  return win;
}

function registerIpc(): void {
  ipcMain.handle(APP_VERSION_CHANNEL, (event) => {
    if (!isTrustedSenderUrl(event.senderFrame?.url)) throw new Error('untrusted sender');
    return app.getVersion();
  });
}

function focusMainWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
}

// A second process would open the same vault and race the first one's writes; hand off instead.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', focusMainWindow);
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (app.isReady() && BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow();
  });
  void app.whenReady().then(() => {
    lockDownSession();
    registerIpc();
    mainWindow = createWindow();
  });
}
