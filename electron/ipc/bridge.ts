// The one object the preload exposes as `window.keysmith`. Shared as a type with the renderer.
// Placeholder until the IPC contract issue replaces it with channels + schemas.

export const APP_VERSION_CHANNEL = 'app:version';

export interface KeysmithBridge {
  /** The running app's version, e.g. "0.1.0". */
  appVersion(): Promise<string>;
}
