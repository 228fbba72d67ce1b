import type { KeysmithApi } from '../../electron/shared/ipc/api';

declare global {
  interface Window {
    /** Set by the preload; undefined when the page runs outside Electron. */
    keysmith?: KeysmithApi;
  }
}

export {};
