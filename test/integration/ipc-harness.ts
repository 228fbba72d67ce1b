/**
 * The IPC router as the app wires it, minus Electron: a stand-in ipcMain that records handlers, the
 * REAL vault session, settings store and clipboard policy over a real data directory, and stand-ins
 * only where Electron itself would act (the native dialogs, the OS clipboard, the keychain).
 * Shared by the router, fuzz and bench suites.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ClipboardPolicy, type ClipboardPort } from '../../electron/core/clipboard-policy';
import { keychainUnavailable, type Keychain } from '../../electron/core/keychain';
import type { Fetch } from '../../electron/core/tokens/token-http';
import { Vault } from '../../electron/core/vault';
import { SettingsStore } from '../../electron/app/settings-store';
import { VaultSession } from '../../electron/app/vault-session';
import type { Channel } from '../../electron/ipc/channels';
import type { IpcResult } from '../../electron/ipc/result';
import { registerIpc, type IpcMainLike } from '../../electron/ipc/router';
import type { InvokeEventLike } from '../../electron/ipc/sender-policy';
import type { AppServices, Dialogs } from '../../electron/ipc/services';

export const APP_ORIGIN = 'app://keysmith';
export const TRUSTED_EVENT: InvokeEventLike = { senderFrame: { url: 'app://keysmith/index.html', parent: null } };

type Listener = (event: InvokeEventLike, ...args: unknown[]) => unknown;

export class StandInIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, Listener>();
  handle(channel: string, listener: Listener): void {
    // Electron refuses a second handler for a channel; so does the stand-in.
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  /** What Electron does on ipcRenderer.invoke(channel, ...args). */
  async invoke(channel: string, event: InvokeEventLike, ...args: unknown[]): Promise<unknown> {
    const listener = this.handlers.get(channel);
    if (!listener) throw new Error(`No handler registered for '${channel}'`);
    return listener(event, ...args);
  }
}

/** A headless box: the keychain is unavailable, so the vault is in passphrase mode. */
export const noKeychain: Keychain = {
  get: async () => {
    throw keychainUnavailable('no Secret Service in this test');
  },
  set: async () => {
    throw keychainUnavailable('no Secret Service in this test');
  },
  delete: async () => {
    throw keychainUnavailable('no Secret Service in this test');
  },
};

export class FakeClipboard implements ClipboardPort {
  text = '';
  readText() {
    return this.text;
  }
  /** whether the last write was marked concealed */
  concealed = false;
  writeSecret(text: string) {
    this.text = text;
    this.concealed = true;
  }
  writeText(text: string) {
    this.text = text;
    this.concealed = false;
  }
  clear() {
    this.text = '';
  }
}

/** Native dialogs answered from queues, as a user would click; an empty queue means "cancel". */
export class StandInDialogs implements Dialogs {
  readonly openQueue: (string[] | null)[] = [];
  readonly saveQueue: (string | null)[] = [];
  readonly recoveryKeys: string[] = [];
  readonly titles: string[] = [];
  async openFiles(opts: { title: string }) {
    this.titles.push(opts.title);
    return this.openQueue.shift() ?? null;
  }
  async saveFile(opts: { title: string }) {
    this.titles.push(opts.title);
    return this.saveQueue.shift() ?? null;
  }
  async showRecoveryKey(key: string) {
    this.recoveryKeys.push(key);
  }
}

export interface Harness {
  dataDir: string;
  /** of the vault created for the test, when one was */
  recoveryKey: string | null;
  workDir: string;
  ipc: StandInIpcMain;
  services: AppServices;
  session: VaultSession;
  settings: SettingsStore;
  board: FakeClipboard;
  clipboard: ClipboardPolicy;
  dialogs: StandInDialogs;
  logged: { message: string; err: unknown }[];
  /** One renderer call, as the preload makes it: exactly one argument. */
  call<T = unknown>(channel: Channel | string, request?: unknown, event?: InvokeEventLike): Promise<IpcResult<T>>;
  dispose(): void;
}

export async function createHarness(opts: { passphrase: string; fetch?: Fetch; createVault?: boolean }): Promise<Harness> {
  const workDir = mkdtempSync(path.join(tmpdir(), 'keysmith-ipc-'));
  const dataDir = path.join(workDir, 'data');
  const recoveryKey =
    opts.createVault === false ? null : (await Vault.create(dataDir, { method: 'passphrase', passphrase: opts.passphrase }, { keychain: noKeychain })).recoveryKey;
  const logged: Harness['logged'] = [];
  const log = (message: string, err?: unknown) => logged.push({ message, err });
  const settings = new SettingsStore(dataDir);
  const board = new FakeClipboard();
  const clipboard = new ClipboardPolicy(board, { clearAfterSeconds: () => 30 });
  const session = new VaultSession({ dataDir, keychain: noKeychain, fetch: opts.fetch ?? ((url, init) => fetch(url, init)), log });
  const dialogs = new StandInDialogs();
  const services: AppServices = { appVersion: '0.1.0-test', vault: session, dialogs, clipboard, settings, log };
  const ipc = new StandInIpcMain();
  const unregister = registerIpc(ipc, services, { appOrigin: APP_ORIGIN });
  return {
    dataDir,
    recoveryKey,
    workDir,
    ipc,
    services,
    session,
    settings,
    board,
    clipboard,
    dialogs,
    logged,
    call: (channel, request, event = TRUSTED_EVENT) => ipc.invoke(channel, event, request) as never,
    dispose: () => {
      session.lock('user');
      clipboard.dispose();
      unregister();
    },
  };
}
