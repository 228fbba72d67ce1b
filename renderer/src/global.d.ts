import type { KeysmithBridge } from '../../electron/ipc/bridge';

declare global {
  interface Window {
    /** Set by the preload; undefined when the page runs outside Electron. */
    keysmith?: KeysmithBridge;
  }
}

export {};
