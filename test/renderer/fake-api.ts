/**
 * A fake `window.keysmith` for component tests: the channels the renderer uses, answering with the
 * contract's shapes. It never holds a real secret: secrets are stored masked, as main returns them.
 */
import { vi } from 'vitest';
import type { KeysmithApi } from '../../electron/shared/ipc/api';
import type { EventName } from '../../electron/shared/ipc/channels';
import type { EventPayloads, IntegrationListItem, ResponseOf, TokenStatus, VaultStatus } from '../../electron/shared/ipc/contract';
import type { IpcResult } from '../../electron/shared/ipc/result';

type Settings = ResponseOf<'settings:get'>;

export const MASKED_SECRET = '••••••••wxyz';

const ok = <T>(value: T): Promise<IpcResult<T>> => Promise.resolve({ ok: true, value });

export function listItem(i: number, over: Partial<IntegrationListItem> = {}): IntegrationListItem {
  const kinds = ['oauthS2S', 'jwt', 'apiKey', 'oauth2'] as const;
  const kind = kinds[i % kinds.length]!;
  return {
    id: `id-${i}`,
    name: `integration-${String(i).padStart(4, '0')}`,
    kind,
    clientId: `client${i}abc`,
    orgId: kind === 'oauth2' ? null : `ORG${i % 10}@AdobeOrg`,
    scopes: kind === 'apiKey' ? [] : ['openid', `scope_${i % 7}`],
    description: '',
    updatedAt: '2026-01-01T00:00:00.000Z',
    favorite: false,
    token: { name: `integration-${i}`, applicable: kind !== 'apiKey', state: 'none', expiresAt: null, mintedAt: null, autoRefresh: false },
    keys: null,
    ...over,
  };
}

export function detailOf(item: IntegrationListItem): ResponseOf<'integrations:get'> {
  return {
    id: item.id,
    name: item.name,
    kind: 'oauthS2S',
    clientId: item.clientId,
    orgId: item.orgId ?? undefined,
    description: item.description,
    clientSecrets: [MASKED_SECRET],
    scopes: ['openid', 'AdobeID'],
    imsEndpoint: 'https://ims-na1.adobelogin.com',
    createdAt: item.updatedAt,
    updatedAt: item.updatedAt,
  } as ResponseOf<'integrations:get'>;
}

export interface FakeOptions {
  vault?: Partial<VaultStatus>;
  items?: IntegrationListItem[];
  token?: Partial<TokenStatus>;
  health?: ResponseOf<'health:report'>;
}

export function createFakeApi(options: FakeOptions = {}) {
  const items = options.items ?? [listItem(0), listItem(1), listItem(2)];
  const vault: VaultStatus = { state: 'unlocked', methods: ['passphrase', 'recovery'], dataDir: '/tmp/ks', lastError: null, ...options.vault };
  const token = (name: string): TokenStatus => ({
    name,
    applicable: true,
    state: 'valid',
    expiresAt: Date.now() + 125_000,
    mintedAt: Date.now(),
    autoRefresh: false,
    ...options.token,
  });
  const listeners = new Map<EventName, Set<(payload: never) => void>>();
  let settings: Settings = {
    clipboardClearSeconds: 30,
    refreshMarginMinutes: 10,
    autoLockMinutes: 15,
    defaultImsEndpoint: 'https://ims-na1.adobelogin.com',
    theme: 'system',
    healthSecretMaxAgeDays: 90,
    healthCertificateDays: 30,
    favorites: [],
  };

  const api = {
    app: { version: vi.fn<KeysmithApi['app']['version']>(() => ok('0.1.0')) },
    vault: {
      status: vi.fn<KeysmithApi['vault']['status']>(() => ok(vault)),
      unlock: vi.fn<KeysmithApi['vault']['unlock']>(() => ok({ ...vault, state: 'unlocked' })),
      lock: vi.fn<KeysmithApi['vault']['lock']>(() => ok({ ...vault, state: 'locked' })),
      restoreBackup: vi.fn<KeysmithApi['vault']['restoreBackup']>(() => ok({ ...vault, state: 'unlocked', keptAs: '/tmp/ks/vault.ksv.damaged-x' })),
    },
    integrations: {
      list: vi.fn<KeysmithApi['integrations']['list']>(() => ok(items)),
      get: vi.fn<KeysmithApi['integrations']['get']>((req) => {
        const found = items.find((i) => i.name === req?.name);
        return found
          ? ok(detailOf(found))
          : Promise.resolve({ ok: false, error: { code: 'not_found', message: `No integration named "${req?.name}"` } });
      }),
    },
    tokens: {
      status: vi.fn<KeysmithApi['tokens']['status']>((req) => ok(token(req.name))),
      mint: vi.fn<KeysmithApi['tokens']['mint']>((req) => ok(token(req.name))),
      copy: vi.fn<KeysmithApi['tokens']['copy']>((req) =>
        ok({ copied: true, clearsInSeconds: 30, format: req.format ?? 'raw', expiresAt: Date.now() + 125_000, preview: 'eyJhbGci…x9Qw' }),
      ),
      setAutoRefresh: vi.fn<KeysmithApi['tokens']['setAutoRefresh']>((req) => ok({ ...token(req.name), autoRefresh: req.enabled })),
    },
    // The app reads the theme at start; settings live in memory so a change can be read back.
    settings: {
      get: vi.fn<KeysmithApi['settings']['get']>(() => ok(settings)),
      set: vi.fn<KeysmithApi['settings']['set']>((patch) => {
        settings = { ...settings, ...(patch as Partial<Settings>) };
        return ok(settings);
      }),
    },
    secrets: {
      copyClientSecret: vi.fn<KeysmithApi['secrets']['copyClientSecret']>(() => ok({ copied: true, clearsInSeconds: 30 })),
    },
    // Nothing due unless a test says otherwise (options.health), so the app opens on the list.
    health: {
      report: vi.fn<KeysmithApi['health']['report']>(() => ok(options.health ?? { checkedAt: new Date().toISOString(), items: [], due: 0 })),
    },
    rotation: {
      secrets: vi.fn<KeysmithApi['rotation']['secrets']>((req) => ok({ name: req.name, rotation: null, secrets: [{ uuid: 'uuid-held', createdAt: 0, lastUsedAt: 1, held: 'yes' as const }] })),
      rotate: vi.fn<KeysmithApi['rotation']['rotate']>(() => ok({ state: 'switched' as const, newUuid: 'uuid-new', oldUuid: 'uuid-held', oldLastUsedAt: 1, events: [{ step: 'switched' as const, message: 'Keysmith now uses the new client secret uuid-new' }] })),
    },
    on: vi.fn(<E extends EventName>(event: E, callback: (payload: EventPayloads[E]) => void) => {
      const set = listeners.get(event) ?? new Set();
      set.add(callback as (payload: never) => void);
      listeners.set(event, set);
      return () => void set.delete(callback as (payload: never) => void);
    }),
  };

  /** Pushes an event as main would. */
  function emit<E extends EventName>(event: E, payload: EventPayloads[E]) {
    for (const cb of listeners.get(event) ?? []) (cb as (p: EventPayloads[E]) => void)(payload);
  }

  // Channels the renderer does not use yet are absent: calling one fails the test loudly.
  return { api, full: api as unknown as KeysmithApi, emit };
}
