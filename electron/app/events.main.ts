/** Typed push events to the renderer: the event names and payloads of the contract, nothing else. */
import type { BrowserWindow } from 'electron';
import type { EventName } from '../shared/ipc/channels';
import type { EventPayloads } from '../shared/ipc/contract';

export type PushEvent = <E extends EventName>(event: E, payload: EventPayloads[E]) => void;

export function pushTo(window: () => BrowserWindow | null): PushEvent {
  return (event, payload) => {
    const win = window();
    if (win && !win.isDestroyed()) win.webContents.send(event, payload);
  };
}
