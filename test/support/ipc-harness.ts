/**
 * The app's main process minus Electron, wired as main.ts wires it: buildAppParts (the REAL vault
 * session, settings store and clipboard policy over a real data directory), forwardEvents, and
 * registerIpc on a stand-in ipcMain. Stand-ins only where Electron itself would act
 * (app-stand-ins.ts: the native dialogs, the OS clipboard, the keychain). Used by the router, fuzz
 * and session suites, the browser e2e suite (test/e2e/browser/app-under-test.ts) and the benchmarks.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildAppParts, type AppParts } from '../../electron/app/app-parts';
import { forwardEvents } from '../../electron/app/event-forwarding';
import type { PushEvent } from '../../electron/app/events.main';
import { APP_ORIGIN } from '../../electron/app/app-protocol';
import type { Keychain } from '../../electron/core/keychain';
import type { Fetch } from '../../electron/core/tokens/token-http';
import { Vault } from '../../electron/core/vault';
import type { Channel, EventName } from '../../electron/shared/ipc/channels';
import type { IpcResult } from '../../electron/shared/ipc/result';
import { registerIpc } from '../../electron/ipc/router';
import type { InvokeEventLike } from '../../electron/ipc/sender-policy';
import { FakeClipboard, noKeychain, StandInDialogs, StandInIpcMain, TRUSTED_EVENT } from './app-stand-ins';
import { copyDataDir } from './data-dir-template';

export { FakeClipboard, noKeychain, StandInDialogs, StandInIpcMain, TRUSTED_EVENT } from './app-stand-ins';

export interface WireOptions {
  dataDir: string;
  /** Default: no keychain (a headless box), so vaults are in passphrase mode. */
  keychain?: Keychain;
  /** Default: Node's fetch, i.e. real HTTP. */
  fetch?: Fetch;
  appVersion?: string;
  /** Also receives every push event, after the harness has recorded it. */
  push?: PushEvent;
  /** The system browser stand-in for a person's sign-in (what shell.openExternal opens). */
  openExternal?: (url: string) => Promise<void>;
}

export interface WiredApp extends AppParts {
  dataDir: string;
  parts: AppParts;
  ipc: StandInIpcMain;
  board: FakeClipboard;
  dialogs: StandInDialogs;
  logged: { message: string; err: unknown }[];
  pushed: { event: EventName; payload: unknown }[];
  /** Every result `call` returned, for checks over all of a test's responses. */
  responses: unknown[];
  /** One renderer call, as the preload makes it: exactly one argument. */
  call<T = unknown>(channel: Channel | string, request?: unknown, event?: InvokeEventLike): Promise<IpcResult<T>>;
  dispose(): void;
}

/** The main process's parts over `dataDir`, as main.ts builds them, with the IPC router registered. */
export function wireApp(opts: WireOptions): WiredApp {
  const board = new FakeClipboard();
  const dialogs = new StandInDialogs();
  const logged: WiredApp['logged'] = [];
  const pushed: WiredApp['pushed'] = [];
  const responses: unknown[] = [];
  const push: PushEvent = (event, payload) => {
    pushed.push({ event, payload });
    opts.push?.(event, payload);
  };
  const parts = buildAppParts({
    dataDir: opts.dataDir,
    appVersion: opts.appVersion ?? '0.1.0-test',
    keychain: opts.keychain ?? noKeychain,
    fetch: opts.fetch ?? ((url, init) => fetch(url, init)),
    clipboardPort: board,
    dialogs: () => dialogs,
    push,
    log: (message, err) => logged.push({ message, err }),
    ...(opts.openExternal && { openExternal: opts.openExternal }),
  });
  forwardEvents(parts, push);
  const ipc = new StandInIpcMain();
  const unregister = registerIpc(ipc, parts.services, { appOrigin: APP_ORIGIN });
  return {
    ...parts,
    parts,
    dataDir: opts.dataDir,
    ipc,
    board,
    dialogs,
    logged,
    pushed,
    responses,
    call: async <T>(channel: Channel | string, request?: unknown, event: InvokeEventLike = TRUSTED_EVENT) => {
      const result = (await ipc.invoke(channel, event, request)) as IpcResult<T>;
      responses.push(result);
      return result;
    },
    dispose: () => {
      parts.session.lock('user');
      parts.clipboard.dispose();
      unregister();
    },
  };
}

export interface Harness extends WiredApp {
  /** A fresh temp folder; the data directory is `data` inside it, other files may go beside. */
  workDir: string;
  /** of the vault created for the test, when one was */
  recoveryKey: string | null;
}

export interface HarnessOptions {
  /** Creates a passphrase vault with it, unless createVault is false or a template is given. */
  passphrase: string;
  createVault?: boolean;
  /** A prepared data directory (a vault made with `passphrase`) to start from a copy of. */
  template?: string;
  /** Unlocks the vault through the session, as a renderer's vault:unlock would. */
  unlock?: boolean;
  fetch?: Fetch;
  openExternal?: (url: string) => Promise<void>;
}

/** A fresh data directory, its vault (new, copied from a template, or none) and the app wired over it. */
export async function createHarness(opts: HarnessOptions): Promise<Harness> {
  const workDir = mkdtempSync(path.join(tmpdir(), 'keysmith-ipc-'));
  const dataDir = path.join(workDir, 'data');
  let recoveryKey: string | null = null;
  if (opts.template !== undefined) copyDataDir(opts.template, dataDir);
  else if (opts.createVault !== false) {
    ({ recoveryKey } = await Vault.create(dataDir, { method: 'passphrase', passphrase: opts.passphrase }, { keychain: noKeychain }));
  }
  const app = wireApp({ dataDir, ...(opts.fetch && { fetch: opts.fetch }), ...(opts.openExternal && { openExternal: opts.openExternal }) });
  if (opts.unlock && (recoveryKey !== null || opts.template !== undefined)) await app.session.unlock({ method: 'passphrase', passphrase: opts.passphrase });
  return { ...app, workDir, recoveryKey };
}

/** A call that must succeed: its value, or a throw naming the channel and the error main returned. */
export async function callOk<T>(app: Pick<WiredApp, 'call'>, channel: string, request?: unknown): Promise<T> {
  const result = await app.call<T>(channel, request);
  if (!result.ok) throw new Error(`${channel}: ${JSON.stringify(result.error)}`);
  return result.value;
}
