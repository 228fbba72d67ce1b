/**
 * Registers every channel of the contract with `ipcMain.handle`. Each call goes through the same
 * gate, in this order: trusted sender, one argument, size cap, schema, handler, leak guard. Every
 * outcome is an IpcResult; nothing is thrown back across IPC, so the renderer never sees a stack.
 *
 * `ipcMain` and the services are parameters: in the app they are Electron's, in tests a stand-in
 * that records handlers, so the whole gate is exercised in plain Node.
 */
import type { z } from 'zod';
import { CHANNELS, type Channel } from '../shared/ipc/channels';
import { REQUEST_SCHEMAS } from '../shared/ipc/contract';
import { toIpcError } from './errors';
import { createHandlers } from './handlers';
import type { Handler } from './handlers/types';
import { withholdPem } from './leak-guard';
import { exceedsPayloadLimit } from './payload-size';
import { fail, ok, type IpcError, type IpcResult } from '../shared/ipc/result';
import { isTrustedSender, parseOrigin, type InvokeEventLike } from './sender-policy';
import type { AppServices } from './services';

export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

export interface RouterOptions {
  /** e.g. 'app://keysmith': the only origin whose frames may call main */
  appOrigin: string;
  /** default 1 MiB: a request is a name, some fields or a pasted key, never more than a few KB */
  maxPayloadBytes?: number;
}

export const DEFAULT_MAX_PAYLOAD_BYTES = 1024 * 1024;

export type Dispatch = (channel: Channel, event: InvokeEventLike, args: unknown[]) => Promise<IpcResult<unknown>>;

/** First issue of a failed parse as one sentence, with the request field it is about. */
function invalidInput(error: z.ZodError): IpcError {
  const issue = error.issues[0];
  const field = issue?.path.filter((p) => typeof p === 'string' || typeof p === 'number').join('.');
  return {
    code: 'invalid_input',
    message: issue?.message ?? 'The request is not valid',
    ...(field ? { field } : {}),
  };
}

export function createDispatcher(services: AppServices, opts: RouterOptions): Dispatch {
  const origin = parseOrigin(opts.appOrigin);
  const maxBytes = opts.maxPayloadBytes ?? DEFAULT_MAX_PAYLOAD_BYTES;
  const handlers = createHandlers(services);

  return async (channel, event, args) => {
    try {
      if (!isTrustedSender(event, origin)) {
        return fail({ code: 'forbidden', message: 'This request did not come from the Keysmith window' });
      }
      if (args.length > 1) return fail({ code: 'invalid_input', message: 'A Keysmith call takes one request object' });
      const payload = args[0];
      if (exceedsPayloadLimit(payload, maxBytes)) {
        return fail({ code: 'payload_too_large', message: `The request is larger than ${Math.round(maxBytes / 1024)} KiB` });
      }
      const parsed = (REQUEST_SCHEMAS[channel] as z.ZodType).safeParse(payload);
      if (!parsed.success) return fail(invalidInput(parsed.error));
      const guarded = withholdPem(await (handlers[channel] as Handler<Channel>)(parsed.data as never));
      if (guarded.withheld) services.log(`the response of ${channel} held a PEM block; it was withheld`);
      return ok(guarded.value);
    } catch (err) {
      return fail(toIpcError(err, (message, e) => services.log(`${message} (${channel})`, e)));
    }
  };
}

/** Registers every channel; returns a function that removes them again (tests, window teardown). */
export function registerIpc(ipcMain: IpcMainLike, services: AppServices, opts: RouterOptions): () => void {
  const dispatch = createDispatcher(services, opts);
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, (event, ...args) => dispatch(channel, event, args));
  }
  return () => {
    for (const channel of CHANNELS) ipcMain.removeHandler(channel);
  };
}
