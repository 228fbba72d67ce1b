/**
 * The real main bundle (electron/main.ts, bundled as scripts/build.mjs bundles it) run in Node
 * against a recording stand-in for the `electron` module, since the binary cannot start here. It
 * checks the wiring the unit tests cannot see: the scheme is privileged before ready, one instance
 * per data folder, the session is hardened, every channel is registered behind the sender gate, the
 * app:// handler serves files with the CSP, the window gets the secure options, the menu, tray and
 * power events are connected, screen lock locks and tells the renderer, and quitting clears the
 * clipboard first.
 *
 * The bundle is built once; each test runs it afresh (a new stand-in electron, data folder and
 * recording) and quits it afterwards, so no test sees another's vault, clipboard or windows.
 */
import { EventEmitter } from 'node:events';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { build } from 'esbuild';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CHANNELS } from '../../electron/shared/ipc/channels';
import { CONTENT_SECURITY_POLICY } from '../../electron/app/window-policy';
import { SHORTCUTS } from '../../electron/app/app-menu';
import { StandInIpcMain, TRUSTED_EVENT } from '../support/app-stand-ins';
import { waitFor } from '../support/wait-for';

const ROOT = path.resolve(__dirname, '..', '..');

interface Recorded {
  privileged: unknown[];
  paths: Record<string, string>;
  appEvents: Map<string, ((...args: unknown[]) => unknown)[]>;
  windows: { options: Record<string, unknown>; loaded: string[]; sent: unknown[][] }[];
  protocolHandlers: Map<string, (request: Request) => Promise<Response>>;
  sessionHandlers: Record<string, (...args: unknown[]) => unknown>;
  appMenu: { accelerator?: string; submenu?: unknown }[] | null;
  trays: { menus: unknown[] }[];
  clipboardText: string;
  clipboardWrites: unknown[];
  quits: number;
  exits: number[];
}

function fakeElectron(rec: Recorded, ipcMain: StandInIpcMain, power: EventEmitter) {
  const on = (name: string, cb: (...args: unknown[]) => unknown) => {
    rec.appEvents.set(name, [...(rec.appEvents.get(name) ?? []), cb]);
  };
  class BrowserWindow {
    static all: BrowserWindow[] = [];
    static getAllWindows = () => BrowserWindow.all;
    private readonly record: Recorded['windows'][number];
    readonly webContents: { send: (...args: unknown[]) => void };
    constructor(options: Record<string, unknown>) {
      this.record = { options, loaded: [], sent: [] };
      rec.windows.push(this.record);
      this.webContents = { send: (...args: unknown[]) => this.record.sent.push(args) };
      BrowserWindow.all.push(this);
    }
    loadURL(url: string) {
      this.record.loaded.push(url);
      return Promise.resolve();
    }
    once() {}
    on() {}
    isDestroyed() {
      return false;
    }
    isMinimized() {
      return false;
    }
    show() {}
    focus() {}
    restore() {}
  }
  class Tray {
    private readonly record = { menus: [] as unknown[] };
    constructor() {
      rec.trays.push(this.record);
    }
    setToolTip() {}
    setContextMenu(menu: unknown) {
      this.record.menus.push(menu);
    }
    destroy() {}
  }
  class ClipboardItem {
    constructor(readonly items: Record<string, unknown>) {}
  }
  return {
    app: {
      on,
      setPath: (name: string, value: string) => (rec.paths[name] = value),
      requestSingleInstanceLock: () => true,
      whenReady: () => Promise.resolve(),
      isReady: () => true,
      isPackaged: false,
      getVersion: () => '9.9.9',
      quit: () => rec.quits++,
      exit: (code: number) => rec.exits.push(code),
    },
    BrowserWindow,
    ipcMain,
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => rec.privileged.push(...schemes),
      handle: (scheme: string, handler: (r: Request) => Promise<Response>) => rec.protocolHandlers.set(scheme, handler),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (h: (...a: unknown[]) => unknown) => (rec.sessionHandlers.request = h),
        setPermissionCheckHandler: (h: (...a: unknown[]) => unknown) => (rec.sessionHandlers.check = h),
        setDevicePermissionHandler: (h: (...a: unknown[]) => unknown) => (rec.sessionHandlers.device = h),
      },
    },
    shell: { openExternal: async () => undefined },
    net: { fetch: (url: string, init: RequestInit) => fetch(url, init) },
    powerMonitor: Object.assign(power, { getSystemIdleTime: () => 0 }),
    Menu: {
      buildFromTemplate: (template: unknown) => template,
      setApplicationMenu: (menu: Recorded['appMenu']) => (rec.appMenu = menu),
    },
    Tray,
    nativeImage: { createFromBuffer: () => ({ addRepresentation() {} }) },
    Notification: { isSupported: () => false },
    dialog: {
      showMessageBox: async () => ({ response: 1 }),
      showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
      showSaveDialog: async () => ({ canceled: true }),
    },
    clipboard: {
      readText: async () => rec.clipboardText,
      writeText: async (t: string) => void (rec.clipboardText = t),
      write: async (items: ClipboardItem[]) => {
        rec.clipboardWrites.push(items);
        rec.clipboardText = String(items[0]!.items['text/plain']);
      },
      clear: () => void (rec.clipboardText = ''),
    },
    ClipboardItem,
  };
}

let rec: Recorded;
let ipcMain: StandInIpcMain;
let power: EventEmitter;
let dataDir: string;
let distDir: string;
let bundle: string;
const savedHome = process.env.KEYSMITH_HOME;
const savedPassphrase = process.env.KEYSMITH_PASSPHRASE;

const call = (channel: string, request?: unknown) => ipcMain.invoke(channel, TRUSTED_EVENT, request) as Promise<{ ok: boolean; value?: unknown; error?: { code: string } }>;

beforeAll(async () => {
  const bundled = await build({
    entryPoints: [path.join(ROOT, 'electron', 'main.ts')],
    bundle: true,
    write: false,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    external: ['electron', '@napi-rs/keyring'],
    logLevel: 'silent',
  });
  bundle = bundled.outputFiles[0]!.text;
});

/** Starts main as Electron would load dist/main.cjs, over a fresh data folder and stand-in electron. */
beforeEach(async () => {
  rec = { privileged: [], paths: {}, appEvents: new Map(), windows: [], protocolHandlers: new Map(), sessionHandlers: {}, appMenu: null, trays: [], clipboardText: '', clipboardWrites: [], quits: 0, exits: [] };
  ipcMain = new StandInIpcMain();
  power = new EventEmitter();
  const work = mkdtempSync(path.join(tmpdir(), 'keysmith-main-'));
  dataDir = path.join(work, 'data');
  distDir = path.join(work, 'dist');
  mkdirSync(path.join(distDir, 'renderer'), { recursive: true });
  writeFileSync(path.join(distDir, 'renderer', 'index.html'), '<!doctype html><title>Keysmith</title>');
  writeFileSync(path.join(distDir, 'main.cjs'), '// not for the renderer');
  process.env.KEYSMITH_HOME = dataDir;
  process.env.KEYSMITH_PASSPHRASE = 'started-from-a-shell-that-exports-it';
  const electron = fakeElectron(rec, ipcMain, power);
  const realRequire = createRequire(path.join(ROOT, 'package.json'));
  const main = vm.compileFunction(bundle, ['exports', 'require', 'module', '__filename', '__dirname']);
  const module = { exports: {} };
  main(module.exports, (id: string) => (id === 'electron' ? electron : realRequire(id)), module, path.join(distDir, 'main.cjs'), distDir);
  await waitFor(() => ipcMain.handlers.size === CHANNELS.length && rec.trays.length === 1, { what: 'the IPC channels and the tray' });
});

/** Quits the app the test started (its will-quit stops the background timers and locks the vault). */
afterEach(async () => {
  await quit();
});

afterAll(() => {
  if (savedHome === undefined) delete process.env.KEYSMITH_HOME;
  else process.env.KEYSMITH_HOME = savedHome;
  if (savedPassphrase !== undefined) process.env.KEYSMITH_PASSPHRASE = savedPassphrase;
});

/** What Electron does on app.quit(): will-quit, which main may delay once to clean up. */
async function quit(): Promise<boolean> {
  let prevented = false;
  for (const listener of rec.appEvents.get('will-quit') ?? []) listener({ preventDefault: () => (prevented = true) });
  await waitFor(() => rec.quits > 0 || !prevented, { what: 'main to quit' });
  return prevented;
}

/** A new passphrase vault, unlocked, holding the API key integration "Key". */
async function vaultWithKey(): Promise<void> {
  expect(await call('vault:create', { method: 'passphrase', passphrase: 'wiring passphrase' })).toMatchObject({ ok: true, value: { state: 'unlocked' } });
  expect(await call('integrations:create', { fields: { kind: 'apiKey', name: 'Key', clientId: 'the-api-key' } })).toMatchObject({ ok: true });
}

describe('main, wired to a stand-in electron', () => {
  it('privileges app:// and keeps one instance and Chromium files per data folder', () => {
    expect(rec.privileged).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    expect(rec.paths).toEqual({ userData: dataDir, sessionData: path.join(dataDir, 'chromium') });
    expect(rec.exits).toEqual([]);
  });

  it.runIf(process.platform === 'linux')('keeps the main process\'s memory out of core dumps (coredump_filter 0)', () => {
    // main ran in this very process: the filter it wrote is this process's own.
    expect(readFileSync('/proc/self/coredump_filter', 'utf8').trim()).toBe('00000000');
  });

  it('forgets a KEYSMITH_PASSPHRASE it was started with, so nothing it starts inherits it, and keeps KEYSMITH_HOME', () => {
    expect(process.env.KEYSMITH_PASSPHRASE).toBeUndefined();
    expect(process.env.KEYSMITH_HOME).toBe(dataDir);
  });

  it('hardens the session and every webContents', () => {
    let granted: boolean | undefined;
    rec.sessionHandlers.request!({}, 'media', (g: boolean) => (granted = g));
    expect(granted).toBe(false);
    expect(rec.sessionHandlers.check!()).toBe(false);
    expect(rec.appEvents.get('web-contents-created')).toHaveLength(1);
    const listeners: string[] = [];
    rec.appEvents.get('web-contents-created')![0]!({}, { on: (name: string) => listeners.push(name), setWindowOpenHandler: () => listeners.push('open-handler') });
    expect(listeners.sort()).toEqual(['open-handler', 'will-attach-webview', 'will-frame-navigate', 'will-navigate', 'will-redirect']);
  });

  it('serves the renderer from app:// with the CSP, and refuses traversal', async () => {
    const handler = rec.protocolHandlers.get('app')!;
    const ok = await handler(new Request('app://keysmith/index.html'));
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(ok.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await ok.text()).toContain('<title>Keysmith</title>');
    // Dot segments are normalised away by the URL parser (staying inside the root); encoded separators are refused.
    expect((await handler(new Request('app://keysmith/%2e%2e/main.cjs'))).status).toBe(404);
    const traversal = await handler(new Request('app://keysmith/..%2fmain.cjs'));
    expect(traversal.status).toBe(403);
    expect(traversal.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await traversal.text()).not.toContain('not for the renderer');
  });

  it('opens one secure window on the app:// entry', () => {
    expect(rec.windows).toHaveLength(1);
    expect(rec.windows[0]!.loaded).toEqual(['app://keysmith/index.html']);
    expect(rec.windows[0]!.options.webPreferences).toMatchObject({
      preload: path.join(distDir, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      devTools: true, // not packaged
    });
  });

  it('registers every channel behind the sender gate', async () => {
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...CHANNELS].sort());
    expect(await call('app:version')).toEqual({ ok: true, value: '9.9.9' });
    for (const channel of CHANNELS) {
      expect(await ipcMain.invoke(channel, { senderFrame: { url: 'https://evil.example/', parent: null } }), channel).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(await call('vault:status')).toMatchObject({ ok: true, value: { state: 'missing', dataDir } });
  });

  it('installs the menu with the four shortcuts and a tray', () => {
    const accelerators: string[] = [];
    const walk = (items: unknown) => {
      for (const item of (items as { accelerator?: string; submenu?: unknown }[]) ?? []) {
        if (item.accelerator) accelerators.push(item.accelerator);
        if (Array.isArray(item.submenu)) walk(item.submenu);
      }
    };
    walk(rec.appMenu);
    expect(accelerators.sort()).toEqual(Object.values(SHORTCUTS).sort());
    expect(rec.trays[0]!.menus.length).toBeGreaterThanOrEqual(1);
  });

  it('creates and unlocks a vault, copies concealed, and locks on screen lock, clearing the clipboard', async () => {
    await vaultWithKey();
    await call('settings:set', { favorites: [((await call('integrations:list')).value as { id: string }[])[0]!.id] });
    expect(await call('tokens:copy', { name: 'Key' })).toMatchObject({ ok: true, value: { copied: true } });
    expect(rec.clipboardText).toBe('the-api-key');
    const item = (rec.clipboardWrites.at(-1) as { items: Record<string, unknown> }[])[0]!;
    if (process.platform === 'linux') expect(Object.keys(item.items)).toContain('electron application/osclipboard;format="x-kde-passwordManagerHint"');

    const win = rec.windows[0]!;
    await waitFor(() => JSON.stringify(rec.trays[0]!.menus.at(-1)).includes('"label":"Key (API key)"'), { what: 'the unlocked tray' });
    power.emit('lock-screen');
    await waitFor(() => rec.clipboardText === '', { what: 'the clipboard to clear' });
    expect(win.sent).toContainEqual(['vault:locked', { reason: 'screen-lock' }]);
    expect(win.sent).toContainEqual(['clipboard:cleared', { reason: 'lock' }]);
    expect(await call('integrations:list')).toMatchObject({ ok: false, error: { code: 'vault_locked' } });
  });

  it('clears our copy before quitting', async () => {
    await vaultWithKey();
    await call('tokens:copy', { name: 'Key' });
    expect(rec.clipboardText).toBe('the-api-key');
    expect(await quit()).toBe(true);
    expect(rec.quits).toBe(1);
    expect(rec.clipboardText).toBe('');
  });
});
