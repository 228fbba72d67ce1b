// Sandboxed preload: bundled to one CJS file (a sandboxed preload can require only `electron` and a
// few builtins). It exposes the object buildBridge makes from the channel list, and nothing else:
// never ipcRenderer, never an IPC event object. Imports here must stay free of zod and core.
import { contextBridge, ipcRenderer } from 'electron';
import { buildBridge } from './preload/bridge';

contextBridge.exposeInMainWorld('keysmith', buildBridge(ipcRenderer));
