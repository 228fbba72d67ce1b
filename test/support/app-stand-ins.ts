/**
 * Stand-ins for what only Electron or the OS provides: ipcMain, the clipboard, the native dialogs,
 * and a keychain that is not there. Everything else the tests wire is the app's own code
 * (ipc-harness.ts). Shared by the router, fuzz, session and main-wiring suites, the browser e2e suite
 * and the benchmarks.
 */
import type { ClipboardPort } from '../../electron/app/clipboard-policy';
import { keychainUnavailable, type Keychain } from '../../electron/core/keychain';
import type { IpcMainLike } from '../../electron/ipc/router';
import type { InvokeEventLike } from '../../electron/ipc/sender-policy';
import type { Dialogs } from '../../electron/ipc/services';
import { APP_ENTRY_URL } from '../../electron/app/app-protocol';

/** An invoke from the app's own top-level page, as the preload guarantees. */
export const TRUSTED_EVENT: InvokeEventLike = { senderFrame: { url: APP_ENTRY_URL, parent: null } };

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

/** A headless box: the keychain is unavailable, so a vault there is in passphrase mode. */
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

/** What Electron's clipboard would hold. */
export class FakeClipboard implements ClipboardPort {
  text = '';
  /** whether the last write was marked concealed */
  concealed = false;
  readText() {
    return this.text;
  }
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
