/**
 * Turning anything a handler throws into an IpcError. Known failures (KeysmithError from core,
 * IpcFailure from the app layer) keep their code and plain message; anything else is a bug, logged
 * in main with its stack and reported to the renderer as `internal` with a fixed sentence, so no
 * detail of an unexpected failure (a path, a value, a stack) crosses the boundary.
 */
import { KeysmithError, fromSystemError } from '../core/errors';
import type { IpcError, IpcErrorCode } from '../shared/ipc/result';

/** A failure the app layer raises on purpose, with a message meant for the user. */
export class IpcFailure extends Error {
  constructor(
    readonly code: IpcErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'IpcFailure';
  }
}

export const INTERNAL_MESSAGE = 'Something went wrong inside Keysmith; the details are in the app log';

export function vaultLocked(): IpcFailure {
  return new IpcFailure('vault_locked', 'The vault is locked: unlock it first');
}

export function toIpcError(err: unknown, log: (message: string, err: unknown) => void): IpcError {
  if (err instanceof KeysmithError || err instanceof IpcFailure) {
    const next = err instanceof KeysmithError ? { ...(err.integration !== undefined && { integration: err.integration }), ...(err.action !== undefined && { action: err.action }) } : {};
    return { code: err.code, message: err.message, ...(err.field !== undefined && { field: err.field }), ...next };
  }
  // A full disk or a read-only folder is the user's to fix: the same sentence as the CLI gives.
  const system = fromSystemError(err);
  if (system) return { code: system.code, message: system.message };
  log('IPC handler failed unexpectedly', err);
  return { code: 'internal', message: INTERNAL_MESSAGE };
}
