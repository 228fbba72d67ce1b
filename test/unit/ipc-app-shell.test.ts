/**
 * The app shell's templates and policies, without Electron: the native menu (OS conventions and the
 * shortcuts the renderer listens for), the tray (one entry per favourite), auto-lock, and which
 * background events become notifications.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { DOCS_URL, SHORTCUTS, appMenuTemplate } from '../../electron/app/app-menu';
import { AutoLock, shouldLock } from '../../electron/app/auto-lock';
import { NotificationPolicy } from '../../electron/app/notification-policy';
import { favoriteEntries, menuLabel, trayMenuTemplate } from '../../electron/app/tray-menu';
import { isAllowedExternalUrl } from '../../electron/app/window-policy';

type Item = MenuItemConstructorOptions;
const flatten = (items: Item[]): Item[] => items.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? flatten(i.submenu) : [])]);
const click = (item: Item | undefined) => (item!.click as () => void)();

describe('application menu', () => {
  const calls: string[] = [];
  const actions = {
    search: () => calls.push('search'),
    newIntegration: () => calls.push('new'),
    copySelectedToken: () => calls.push('copy'),
    lock: () => calls.push('lock'),
    openDocs: (url: string) => calls.push(url),
  };

  it('binds the four shortcuts to their actions on every OS', () => {
    for (const platform of ['darwin', 'linux', 'win32'] as const) {
      calls.length = 0;
      const items = flatten(appMenuTemplate({ platform, devTools: false, actions }));
      const byKey = (key: string) => items.find((i) => i.accelerator === key);
      click(byKey(SHORTCUTS.search));
      click(byKey(SHORTCUTS.newIntegration));
      click(byKey(SHORTCUTS.copySelectedToken));
      click(byKey(SHORTCUTS.lock));
      expect(calls).toEqual(['search', 'new', 'copy', 'lock']);
      expect(items.filter((i) => i.accelerator).map((i) => i.accelerator).sort()).toEqual(Object.values(SHORTCUTS).sort());
    }
    expect(SHORTCUTS).toEqual({ search: 'CmdOrCtrl+K', newIntegration: 'CmdOrCtrl+N', copySelectedToken: 'CmdOrCtrl+Shift+C', lock: 'CmdOrCtrl+L' });
  });

  it('follows each OS: an app and Window menu on macOS, Quit in File elsewhere, Edit roles everywhere', () => {
    const mac = appMenuTemplate({ platform: 'darwin', devTools: false, actions });
    expect(mac[0]).toEqual({ role: 'appMenu' });
    expect(mac.some((i) => i.role === 'windowMenu')).toBe(true);
    expect(flatten(mac).some((i) => i.role === 'quit')).toBe(false);
    const linux = appMenuTemplate({ platform: 'linux', devTools: false, actions });
    expect(flatten(linux).some((i) => i.role === 'quit')).toBe(true);
    for (const menu of [mac, linux]) {
      const roles = flatten(menu).map((i) => i.role);
      for (const role of ['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']) expect(roles).toContain(role);
    }
  });

  it('has devtools entries only in development, and an allowlisted docs link', () => {
    expect(flatten(appMenuTemplate({ platform: 'linux', devTools: false, actions })).some((i) => i.role === 'toggleDevTools')).toBe(false);
    expect(flatten(appMenuTemplate({ platform: 'linux', devTools: true, actions })).some((i) => i.role === 'toggleDevTools')).toBe(true);
    expect(isAllowedExternalUrl(DOCS_URL)).toBe(true);
  });
});

describe('tray menu', () => {
  const integrations = [
    { id: 'a', name: 'Analytics', kind: 'oauthS2S' as const },
    { id: 'b', name: 'R&D key', kind: 'apiKey' as const },
    { id: 'c', name: 'Other', kind: 'jwt' as const },
  ];
  const copied: string[] = [];
  const actions = { copy: (n: string) => copied.push(n), show: vi.fn(), lock: vi.fn(), quit: vi.fn() };

  it('has one entry per favourite that still exists, in the chosen order, copying its token', () => {
    const favorites = favoriteEntries(['b', 'gone', 'a'], integrations);
    expect(favorites.map((f) => f.id)).toEqual(['b', 'a']);
    const items = trayMenuTemplate({ unlocked: true, favorites, platform: 'linux', actions });
    const entries = items.filter((i) => i.click && !['Show Keysmith', 'Lock vault', 'Quit Keysmith'].includes(i.label!));
    expect(entries.map((i) => i.label)).toEqual(['R&&D key (API key)', 'Analytics']);
    entries.forEach(click);
    expect(copied).toEqual(['R&D key', 'Analytics']);
  });

  it('offers nothing to copy while locked', () => {
    const items = trayMenuTemplate({ unlocked: false, favorites: favoriteEntries(['a'], integrations), platform: 'darwin', actions });
    expect(items[0]).toMatchObject({ enabled: false, label: expect.stringMatching(/locked/) });
    expect(items.find((i) => i.label === 'Lock vault')?.enabled).toBe(false);
    expect(items.some((i) => i.label === 'Analytics')).toBe(false);
  });

  it('shows names as typed on every OS', () => {
    expect(menuLabel('A&B', 'darwin')).toBe('A&B');
    expect(menuLabel('A&B', 'win32')).toBe('A&&B');
  });
});

describe('auto-lock', () => {
  afterEach(() => vi.useRealTimers());

  it('locks after the configured idle time, never when set to never', () => {
    expect(shouldLock(899, 15)).toBe(false);
    expect(shouldLock(900, 15)).toBe(true);
    expect(shouldLock(1e9, null)).toBe(false);
  });

  it('polls system idle time while unlocked', () => {
    vi.useFakeTimers();
    let idle = 0;
    let unlocked = true;
    const lock = vi.fn(() => (unlocked = false));
    const auto = new AutoLock({ idleSeconds: () => idle, minutes: () => 5, isUnlocked: () => unlocked, lock, pollMs: 1000 });
    auto.start();
    vi.advanceTimersByTime(10_000);
    expect(lock).not.toHaveBeenCalled();
    idle = 300;
    vi.advanceTimersByTime(1000);
    expect(lock).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(10_000);
    expect(lock).toHaveBeenCalledTimes(1); // already locked
    auto.stop();
  });
});

describe('notifications', () => {
  it('notifies a failing refresh once until it recovers', () => {
    const policy = new NotificationPolicy();
    const failed = { type: 'failed' as const, name: 'A', message: 'IMS had a server error.', retryAt: 0, code: 'token_unavailable' as const };
    expect(policy.onRefreshEvent(failed)).toMatchObject({ title: expect.stringContaining('"A"') });
    expect(policy.onRefreshEvent(failed)).toBeNull();
    expect(policy.onRefreshEvent({ type: 'refreshed', name: 'A', expiresAt: 1 })).toBeNull();
    expect(policy.onRefreshEvent(failed)).not.toBeNull();
  });

  it('notifies an expiring certificate at most once a day', () => {
    const policy = new NotificationPolicy();
    const expiring = [{ name: 'CM', fingerprint: 'AA', notAfter: '2026-12-01T00:00:00.000Z', daysLeft: 8 }];
    const now = new Date('2026-11-23T10:00:00Z');
    expect(policy.certificateNotices(expiring, now)).toEqual([{ title: 'Certificate of "CM" expires in 8 days', body: expect.stringContaining('Developer Console'), integration: 'CM' }]);
    expect(policy.certificateNotices(expiring, new Date(now.getTime() + 3_600_000))).toEqual([]);
    expect(policy.certificateNotices(expiring, new Date(now.getTime() + 86_400_000))).toHaveLength(1);
  });
});
