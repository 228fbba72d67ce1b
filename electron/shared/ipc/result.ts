/**
 * What every IPC call resolves to. A plain value, never a thrown error: Electron flattens an error
 * thrown across IPC to its message (with "Error invoking remote method" prepended), losing the
 * code the UI needs, and a stack trace would tell a compromised page about the main process.
 */
import type { ErrorAction, ErrorCode } from '../error-codes';

export type IpcErrorCode =
  | ErrorCode
  /** the sender is not a frame of the app's own origin */
  | 'forbidden'
  /** the request is over the size cap; refused before it is parsed */
  | 'payload_too_large'
  /** the vault must be unlocked first */
  | 'vault_locked';

export interface IpcError {
  code: IpcErrorCode;
  /** one plain sentence for the user */
  message: string;
  /** for invalid input: the request field at fault, dotted (`fields.clientId`) */
  field?: string;
  /** the integration the error is about */
  integration?: string;
  /** what to do next; the renderer offers it as a button */
  action?: ErrorAction;
}

export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError };

export const ok = <T>(value: T): IpcResult<T> => ({ ok: true, value });
export const fail = (error: IpcError): IpcResult<never> => ({ ok: false, error });
