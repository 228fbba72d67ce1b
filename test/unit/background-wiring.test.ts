/**
 * The background wiring can be undone: startBackground's stop() and forwardEvents' dispose remove
 * every listener they added to the vault session, the settings and powerMonitor, and every timer,
 * so nothing they wired fires afterwards. The session, settings store and clipboard policy are the
 * real ones (app-parts.ts builds them as the app does); only Electron is a stand-in, since it
 * cannot start here.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppParts } from '../../electron/app/app-parts';
import { startBackground } from '../../electron/app/background.main';
import { forwardEvents } from '../../electron/app/event-forwarding';
import type { PushEvent } from '../../electron/app/events.main';
import { headlessAppParts } from '../support/headless-app-parts';

const electron = vi.hoisted(() => {
  // vi.hoisted runs before the imports above, so it cannot use them.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { EventEmitter } = require('node:events') as typeof import('node:events');
  const trays: { destroyed: boolean }[] = [];
  class Tray {
    destroyed = false;
    constructor() {
      trays.push(this);
    }
    setToolTip() {}
    setContextMenu() {}
    destroy() {
      this.destroyed = true;
    }
  }
  return {
    powerMonitor: Object.assign(new EventEmitter(), { getSystemIdleTime: () => 0 }),
    trays,
    Tray,
    Menu: { buildFromTemplate: (template: unknown) => template },
    nativeImage: { createFromBuffer: () => ({ addRepresentation() {} }) },
    Notification: { isSupported: () => false },
  };
});
vi.mock('electron', () => electron);

const SESSION_EVENTS = ['refresh', 'unlocked', 'locked', 'changed'] as const;
const POWER_EVENTS = ['lock-screen', 'suspend'] as const;

let parts: AppParts;
let pushed: string[];
const push: PushEvent = (event) => void pushed.push(event);

/** How many listeners each emitter the background wires into has, event by event. */
function listenerCounts() {
  return {
    session: SESSION_EVENTS.map((e) => parts.session.listenerCount(e)),
    settings: parts.settings.listenerCount('changed'),
    power: POWER_EVENTS.map((e) => electron.powerMonitor.listenerCount(e)),
  };
}

beforeEach(() => {
  vi.useFakeTimers();
  pushed = [];
  parts = headlessAppParts(push);
});

afterEach(() => {
  vi.useRealTimers();
});

describe('forwardEvents', () => {
  it('pushes session and settings events until disposed, then adds nothing and pushes nothing', () => {
    const before = listenerCounts();
    const dispose = forwardEvents(parts, push);
    // refresh, unlocked and locked are forwarded; changed is not the renderer's business.
    expect(listenerCounts().session).toEqual(before.session.map((n, i) => (SESSION_EVENTS[i] === 'changed' ? n : n + 1)));
    expect(listenerCounts().settings).toBe(before.settings + 1);

    parts.session.emit('unlocked');
    parts.session.emit('locked', 'user');
    expect(pushed).toEqual(['vault:unlocked', 'vault:locked']);

    dispose();
    expect(listenerCounts()).toEqual(before);
    parts.session.emit('unlocked');
    expect(pushed).toEqual(['vault:unlocked', 'vault:locked']);
  });
});

describe('startBackground', () => {
  it('stop() removes every listener, timer and power event it added, and the tray', () => {
    const before = listenerCounts();
    const timersBefore = vi.getTimerCount();
    const background = startBackground(parts, { push, showWindow: () => undefined, quit: () => undefined });

    const during = listenerCounts();
    SESSION_EVENTS.forEach((event, i) => expect(during.session[i], event).toBeGreaterThan(before.session[i]!));
    expect(during.settings).toBeGreaterThan(before.settings);
    POWER_EVENTS.forEach((event, i) => expect(during.power[i], event).toBeGreaterThan(before.power[i]!));
    expect(vi.getTimerCount()).toBeGreaterThan(timersBefore);
    parts.session.emit('unlocked');
    expect(pushed).toContain('vault:unlocked');

    background.stop();
    expect(listenerCounts()).toEqual(before);
    expect(vi.getTimerCount()).toBe(timersBefore);
    expect(electron.trays.at(-1)?.destroyed).toBe(true);

    pushed = [];
    parts.session.emit('unlocked');
    electron.powerMonitor.emit('lock-screen');
    expect(pushed).toEqual([]);
  });
});
