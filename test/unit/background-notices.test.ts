/**
 * The background's desktop notices, wired as the app wires them (startBackground over the real
 * session, settings store and vault; only Electron is a stand-in): a sign-in that can no longer be
 * renewed notifies once, whether the scheduler's refresh said so or the check on unlock found it,
 * and a click shows the window on that integration.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppParts } from '../../electron/app/app-parts';
import { startBackground, type Background } from '../../electron/app/background.main';
import type { PushEvent } from '../../electron/app/events.main';
import { addIntegration } from '../../electron/core/integration-store';
import { SessionStore } from '../../electron/core/signin/session-store';
import { credentialHash } from '../../electron/core/tokens/token-cache';
import type { IntegrationFieldsInput } from '../../electron/shared/integration';
import { headlessAppParts } from '../support/headless-app-parts';
import { waitFor } from '../support/wait-for';

const electron = vi.hoisted(() => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { EventEmitter } = require('node:events') as typeof import('node:events');
  const shown: { title: string; body: string; click: () => void }[] = [];
  class Notification extends EventEmitter {
    static isSupported = () => true;
    constructor(private readonly opts: { title: string; body: string }) {
      super();
    }
    show() {
      shown.push({ ...this.opts, click: () => this.emit('click') });
    }
  }
  class Tray {
    setToolTip() {}
    setContextMenu() {}
    destroy() {}
  }
  return {
    powerMonitor: Object.assign(new EventEmitter(), { getSystemIdleTime: () => 0 }),
    shown,
    Tray,
    Notification,
    Menu: { buildFromTemplate: (template: unknown) => template },
    nativeImage: { createFromBuffer: () => ({ addRepresentation() {} }) },
  };
});
vi.mock('electron', () => electron);

let parts: AppParts;
let pushed: { event: string; payload: unknown }[];
let background: Background | null;
const push: PushEvent = (event, payload) => void pushed.push({ event, payload });

beforeEach(() => {
  electron.shown.length = 0;
  pushed = [];
  background = null;
  parts = headlessAppParts(push);
});

afterEach(() => {
  background?.stop();
  parts.session.lock('user');
});

describe('sign-in notices from the background', () => {
  it('a lapsed sign-in found on unlock notifies once; a failed refresh that day does not repeat it; a click shows the integration', async () => {
    await parts.session.create({ method: 'passphrase', passphrase: 'background notices passphrase' });
    const vault = await parts.session.vault();
    await vault.update((doc) =>
      addIntegration(doc, { kind: 'oauth2User', name: 'Person', clientId: 'app', issuer: 'https://id.example.com', scopes: ['openid'] } as IntegrationFieldsInput),
    );
    const integration = vault.document.integrations.find((i) => i.name === 'Person')!;
    const past = Date.now() - 3_600_000;
    // Signed in once; the access token is gone and the provider gave no refresh token.
    await new SessionStore(vault).put(integration.id, {
      accessToken: 'expired-access-token',
      tokenType: 'Bearer',
      expiresAt: past,
      mintedAt: past - 3_600_000,
      credentialHash: credentialHash(integration),
      identity: { source: 'none' },
      signedInAt: past - 3_600_000,
    });
    parts.session.lock('user');
    await parts.session.unlock({ method: 'passphrase', passphrase: 'background notices passphrase' });

    const showWindow = vi.fn();
    background = startBackground(parts, { push, showWindow, quit: () => undefined });
    parts.session.emit('unlocked');
    await waitFor(() => electron.shown.some((n) => n.title === 'Sign in again to "Person"'), {
      what: () => `the sign-in notice (shown: ${JSON.stringify(electron.shown.map((n) => n.title))})`,
    });

    parts.session.emit('refresh', {
      type: 'failed',
      name: 'Person',
      message: '"Person" has an expired access token and no refresh token (the provider gave none)',
      retryAt: 0,
      code: 'token_unavailable',
      action: 'sign_in',
    });
    expect(electron.shown.filter((n) => n.title.startsWith('Sign in again'))).toHaveLength(1);

    electron.shown.find((n) => n.title === 'Sign in again to "Person"')!.click();
    expect(showWindow).toHaveBeenCalledTimes(1);
    expect(pushed).toContainEqual({ event: 'notice:showIntegration', payload: { name: 'Person' } });
  }, 60_000);

  it('a refresh that failed for want of a sign-in notifies "sign in", not "retrying"', () => {
    background = startBackground(parts, { push, showWindow: () => undefined, quit: () => undefined });
    parts.session.emit('refresh', { type: 'failed', name: 'Someone', message: '"Someone" is not signed in', retryAt: 0, code: 'token_unavailable', action: 'sign_in' });
    expect(electron.shown.map((n) => n.title)).toEqual(['Sign in again to "Someone"']);
  });
});

describe('the health notice from the background', () => {
  it('a click shows the window on Health, not on one integration', async () => {
    await parts.session.create({ method: 'passphrase', passphrase: 'background notices passphrase' });
    const vault = await parts.session.vault();
    // Two client secrets held: one is likely left behind at Adobe, which health reports as due.
    await vault.update((doc) =>
      addIntegration(doc, {
        kind: 'oauthS2S',
        name: 'Left behind',
        clientId: 'app',
        clientSecrets: ['p8e-FAKEfirst0000000000', 'p8e-FAKEsecond000000000'],
        orgId: '1A2B3C4D5E6F7A8B9C0D1E2F@AdobeOrg',
        scopes: ['openid'],
      } as IntegrationFieldsInput),
    );

    const showWindow = vi.fn();
    background = startBackground(parts, { push, showWindow, quit: () => undefined });
    parts.session.emit('unlocked');
    await waitFor(() => electron.shown.some((n) => n.title === '"Left behind" needs attention'), {
      what: () => `the health notice (shown: ${JSON.stringify(electron.shown.map((n) => n.title))})`,
    });

    electron.shown.find((n) => n.title === '"Left behind" needs attention')!.click();
    expect(showWindow).toHaveBeenCalledTimes(1);
    expect(pushed).toContainEqual({ event: 'notice:showHealth', payload: {} });
    expect(pushed.filter((p) => p.event === 'notice:showIntegration')).toEqual([]);
  }, 60_000);
});
