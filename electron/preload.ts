// Sandboxed preload: bundled to one CJS file, since a sandboxed preload cannot require local modules.
// Exposes plain functions only; ipcRenderer and IPC event objects never reach the page.
import { contextBridge, ipcRenderer } from 'electron';
import { APP_VERSION_CHANNEL, type KeysmithBridge } from './ipc/bridge';

const bridge: KeysmithBridge = {
  appVersion: () => ipcRenderer.invoke(APP_VERSION_CHANNEL) as Promise<string>,
};

contextBridge.exposeInMainWorld('keysmith', bridge);
