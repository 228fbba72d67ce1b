/**
 * The lockdown every session and every webContents gets, as plain functions over structural types:
 * main.ts applies them to Electron's objects, the security spec to recording fakes, so the policy
 * that ships is the policy that is tested.
 */
import { isAllowedExternalUrl } from './window-policy';

export interface PreventableEvent {
  preventDefault(): void;
}

export interface WebContentsLike {
  on(event: 'will-navigate' | 'will-frame-navigate' | 'will-redirect' | 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

export interface SessionLike {
  setPermissionRequestHandler(handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void): void;
  setPermissionCheckHandler(handler: (...args: unknown[]) => boolean): void;
  setDevicePermissionHandler(handler: (...args: unknown[]) => boolean): void;
}

/** The renderer is one bundled page: it never has a reason to navigate, redirect or embed. */
export const NAVIGATION_EVENTS = ['will-navigate', 'will-frame-navigate', 'will-redirect', 'will-attach-webview'] as const;

export function blockNavigation(event: PreventableEvent): void {
  event.preventDefault();
}

/** No new windows; an allowlisted https docs link opens in the user's browser instead. */
export function windowOpenHandler(openExternal: (url: string) => void) {
  return ({ url }: { url: string }): { action: 'deny' } => {
    if (isAllowedExternalUrl(url)) openExternal(url);
    return { action: 'deny' };
  };
}

export function hardenWebContents(contents: WebContentsLike, openExternal: (url: string) => void): void {
  for (const name of NAVIGATION_EVENTS) contents.on(name, blockNavigation);
  contents.setWindowOpenHandler(windowOpenHandler(openExternal));
}

/** Camera, microphone, notifications-from-the-page, USB, HID, serial…: the page needs none. */
export function hardenSession(session: SessionLike): void {
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}
