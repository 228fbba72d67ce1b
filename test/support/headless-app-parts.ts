/**
 * The app's parts as app-parts.ts builds them, in a fresh data directory, on a box with no keychain
 * and no network, with the clipboard and dialogs stood in: for tests of main-process wiring
 * (background work, event forwarding) that need the real session and settings but no window.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildAppParts, type AppParts } from '../../electron/app/app-parts';
import type { PushEvent } from '../../electron/app/events.main';
import { FakeClipboard, noKeychain, StandInDialogs } from './app-stand-ins';

export function headlessAppParts(push: PushEvent): AppParts {
  return buildAppParts({
    dataDir: path.join(mkdtempSync(path.join(tmpdir(), 'keysmith-app-parts-')), 'data'),
    appVersion: '0.0.0-test',
    keychain: noKeychain,
    fetch: () => Promise.reject(new Error('no network in this test')),
    clipboardPort: new FakeClipboard(),
    dialogs: () => new StandInDialogs(),
    push,
    log: () => undefined,
  });
}
