/**
 * The renderer's only way to main: `window.keysmith` (set by the preload). Types come from the IPC
 * contract with `import type` only, so nothing of main or core is bundled here.
 */
import type { KeysmithApi } from '../../electron/shared/ipc/api';
import type { IpcError, IpcResult } from '../../electron/shared/ipc/result';
import { appMessage } from './errors/nextStep';

export type { KeysmithApi };
export type { IpcError };
export type {
  IntegrationListItem,
  TokenStatus,
  VaultStatus,
  RequestOf,
  ResponseOf,
} from '../../electron/shared/ipc/contract';

/** The bridge, or null when the page runs outside Electron (a plain browser). */
export function getApi(): KeysmithApi | null {
  return window.keysmith ?? null;
}

/** A thrown value turned into an IpcError, so a rejected promise is shown like a failed call. */
export function asIpcError(err: unknown): IpcError {
  return { code: 'internal', message: err instanceof Error ? err.message : 'The call to Keysmith failed' };
}

/** Awaits a call and always resolves to an IpcResult, never throws; errors in the app's words. */
export async function call<T>(promise: Promise<IpcResult<T>>): Promise<IpcResult<T>> {
  try {
    const result = await promise;
    return result.ok ? result : { ok: false, error: { ...result.error, message: appMessage(result.error) } };
  } catch (err) {
    return { ok: false, error: asIpcError(err) };
  }
}
