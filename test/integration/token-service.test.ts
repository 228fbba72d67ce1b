/**
 * The token service and refresh scheduler in-process, over real HTTP to the IMS emulator: request
 * sharing, the refresh margin, redirects never followed, and scheduled re-mints with their events.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addIntegration, updateIntegration } from '../../electron/core/integration-store';
import { RefreshScheduler, type RefreshEvent } from '../../electron/core/tokens/refresh-scheduler';
import { TokenService } from '../../electron/core/tokens/token-service';
import { Vault } from '../../electron/core/vault';
import { startImsEmulator, type ImsEmulator } from '../support/ims-emulator';
import { tempDataDir } from '../support/cli';
import { waitFor as waitUntil } from '../support/wait-for';

const ORG = '1234567890ABCDEF12345678@AdobeOrg';
const noKeychain = { get: async () => null, set: async () => {}, delete: async () => false };
let ims: ImsEmulator;
let vault: Vault;

async function s2s(name: string, clientId: string, extra: Record<string, unknown> = {}): Promise<void> {
  ims.registerClient({ clientId, clientSecrets: ['s'], orgId: ORG, scopes: ['openid'] });
  await vault.update((doc) => addIntegration(doc, { kind: 'oauthS2S', name, clientId, clientSecrets: ['s'], scopes: ['openid'], imsEndpoint: ims.url, ...extra }));
}

const calls = (clientId: string) => ims.requests.filter((r) => r.form.client_id === clientId).length;

// A fresh emulator and vault per test: lifetimes, faults and integrations never carry over.
beforeEach(async () => {
  ims = await startImsEmulator();
  ({ vault } = await Vault.create(tempDataDir(), { method: 'passphrase', passphrase: 'service tests' }, { keychain: noKeychain }));
});
afterEach(() => ims.close());

describe('token service', () => {
  it('shares one HTTP call among ten concurrent requests in one process', async () => {
    await s2s('Shared', 'shared-client');
    const service = new TokenService(vault, { fetch });
    const tokens = await Promise.all(Array.from({ length: 10 }, () => service.getToken('Shared')));
    expect(new Set(tokens.map((t) => t.accessToken)).size).toBe(1);
    expect(calls('shared-client')).toBe(1);
  });

  it('reuses a cached token while more than the margin remains, then re-mints', async () => {
    ims.setLifetimes({ s2sSeconds: 1200 });
    await s2s('Margin', 'margin-client');
    let now = Date.parse('2026-11-23T10:00:00Z');
    const service = new TokenService(vault, { fetch, now: () => new Date(now) });
    const first = await service.getToken('Margin');
    expect(first.expiresAt).toBe(now + 1_200_000);
    now += 9 * 60_000; // 11 minutes left, margin 10: reuse
    expect((await service.getToken('Margin')).fromCache).toBe(true);
    now += 2 * 60_000; // 9 minutes left: re-mint
    const third = await service.getToken('Margin');
    expect(third.fromCache).toBe(false);
    expect(calls('margin-client')).toBe(2);
    // A configured margin applies too (capped at half the token's life).
    await vault.update((doc) => updateIntegration(doc, 'Margin', { refreshMarginMinutes: 2 }));
    now += 15 * 60_000; // 5 minutes left, margin 2: reuse
    expect((await service.getToken('Margin')).fromCache).toBe(true);
    ims.setLifetimes({ s2sSeconds: 86399 });
  });

  it('never follows a redirect from a token endpoint', async () => {
    let redirectedTo = 0;
    const target: Server = createServer((_req, res) => {
      redirectedTo++;
      res.end('{"access_token":"stolen","expires_in":3600}');
    });
    await new Promise<void>((r) => target.listen(0, '127.0.0.1', r));
    const redirector: Server = createServer((_req, res) => {
      res.writeHead(307, { location: `http://127.0.0.1:${(target.address() as AddressInfo).port}/token` });
      res.end();
    });
    await new Promise<void>((r) => redirector.listen(0, '127.0.0.1', r));
    try {
      await vault.update((doc) =>
        addIntegration(doc, { kind: 'oauth2', name: 'Redirecting', clientId: 'c', clientSecrets: ['s'], tokenUrl: `http://127.0.0.1:${(redirector.address() as AddressInfo).port}/token` }),
      );
      await expect(new TokenService(vault, { fetch }).getToken('Redirecting')).rejects.toMatchObject({ code: 'bad_response', message: expect.stringMatching(/never followed through redirects/) });
      expect(redirectedTo).toBe(0);
    } finally {
      target.close();
      redirector.close();
    }
  });
});

describe('refresh scheduler', () => {
  it('re-mints auto-refresh integrations before expiry and reports failures, then recovers', async () => {
    ims.setLifetimes({ s2sSeconds: 2 });
    await s2s('Auto', 'auto-client', { autoRefresh: true, refreshMarginMinutes: 0 });
    await s2s('Manual', 'manual-client');
    const service = new TokenService(vault, { fetch, attempts: 1 });
    const scheduler = new RefreshScheduler(vault, service, { maxJitterMs: 0, firstRetryMs: 200 });
    const events: RefreshEvent[] = [];
    scheduler.on('event', (e) => events.push(e));
    const waitFor = (pred: () => boolean) => waitUntil(pred, { what: () => `the scheduler; events so far: ${JSON.stringify(events)}` });
    try {
      await scheduler.start();
      await waitFor(() => events.filter((e) => e.type === 'refreshed').length >= 2);
      expect(calls('manual-client')).toBe(0);
      ims.failNext({ status: 500, body: '{"error":"internal_error"}' });
      await waitFor(() => events.some((e) => e.type === 'failed'));
      const failed = events.find((e) => e.type === 'failed')!;
      expect(failed).toMatchObject({ name: 'Auto', message: expect.stringMatching(/server error \(HTTP 500\)/) });
      const refreshedBefore = events.filter((e) => e.type === 'refreshed').length;
      await waitFor(() => events.filter((e) => e.type === 'refreshed').length > refreshedBefore);
    } finally {
      scheduler.stop();
      ims.setLifetimes({ s2sSeconds: 86399 });
    }
    expect(events.every((e) => e.name === 'Auto')).toBe(true);
  });
});
