/**
 * The fake bridge of fake-api.ts plus what the forms and the editable detail call: create, update,
 * delete, duplicate, copyField and the settings (held in memory, so a toggle can be read back).
 * Details can be given per name, of any kind; secrets in them are masked, as main returns them.
 */
import { vi } from 'vitest';
import type { KeysmithApi } from '../../electron/shared/ipc/api';
import type { IntegrationListItem, ResponseOf } from '../../electron/shared/ipc/contract';
import type { IpcResult } from '../../electron/shared/ipc/result';
import { createFakeApi, detailOf, listItem, MASKED_SECRET } from './fake-api';

export type Masked = ResponseOf<'integrations:get'>;
type Settings = ResponseOf<'settings:get'>;

export const ORG = '1234567890ABCDEF12345678@AdobeOrg';
export const TECH = 'ABCDEF0123456789@techacct.adobe.com';

const ok = <T>(value: T): Promise<IpcResult<T>> => Promise.resolve({ ok: true, value });

/** A masked integration of any kind; `over` replaces or adds fields. */
export function masked(over: Partial<Record<string, unknown>> & { name: string; kind: Masked['kind'] }): Masked {
  const base: Record<string, unknown> = {
    id: `00000000-0000-4000-8000-${String(over.name.length).padStart(12, '0')}`,
    clientId: 'client0abc',
    description: '',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  };
  if (over.kind !== 'apiKey') base.clientSecrets = [MASKED_SECRET];
  return { ...base, ...over } as unknown as Masked;
}

export interface FormsFakeOptions {
  /** details answered by integrations.get, by name; the list shows them too */
  details?: Masked[];
  favorites?: string[];
}

export function createFormsFake(options: FormsFakeOptions = {}) {
  const details = new Map((options.details ?? []).map((d) => [d.name, d]));
  const items: IntegrationListItem[] = details.size
    ? [...details.values()].map((d, i) => listItem(i, { id: d.id, name: d.name, kind: d.kind }))
    : [listItem(0), listItem(1), listItem(2)];
  const base = createFakeApi({ items });
  let settings: Settings = {
    clipboardClearSeconds: 30,
    refreshMarginMinutes: 10,
    autoLockMinutes: 15,
    defaultImsEndpoint: 'https://ims-na1.adobelogin.com',
    theme: 'system',
    healthSecretMaxAgeDays: 90,
    healthCertificateDays: 30,
    favorites: options.favorites ?? [],
  };

  const get = vi.fn<KeysmithApi['integrations']['get']>((req) => {
    const found = details.get(req.name) ?? (details.size ? undefined : items.find((i) => i.name === req.name));
    if (!found) return Promise.resolve({ ok: false, error: { code: 'not_found', message: `No integration named "${req.name}"` } });
    return ok('createdAt' in found ? found : detailOf(found));
  });

  const api = {
    ...base.api,
    integrations: {
      ...base.api.integrations,
      get,
      create: vi.fn<KeysmithApi['integrations']['create']>((req) => {
        const fields = req.fields as Record<string, unknown> & { name: string; kind: Masked['kind'] };
        const secrets = fields.clientSecrets as string[] | undefined;
        return ok(masked({ ...fields, ...(secrets ? { clientSecrets: secrets.map(() => MASKED_SECRET) } : {}) }));
      }),
      update: vi.fn<KeysmithApi['integrations']['update']>((req) => {
        const current = details.get(req.name) ?? masked({ name: req.name, kind: 'oauthS2S' });
        const next: Record<string, unknown> = { ...current };
        for (const [key, value] of Object.entries(req.patch)) {
          if (value === null) delete next[key];
          else next[key] = key === 'clientSecrets' ? [MASKED_SECRET] : value;
        }
        return ok(next as unknown as Masked);
      }),
      delete: vi.fn<KeysmithApi['integrations']['delete']>((req) => ok({ deleted: req.name })),
      duplicate: vi.fn<KeysmithApi['integrations']['duplicate']>((req) =>
        ok(masked({ ...(details.get(req.name) ?? { kind: 'oauthS2S' }), name: req.newName ?? `${req.name} (copy)` })),
      ),
    },
    secrets: {
      ...base.api.secrets,
      copyField: vi.fn<KeysmithApi['secrets']['copyField']>(() => ok({ copied: true, clearsInSeconds: null })),
    },
    settings: {
      get: vi.fn<KeysmithApi['settings']['get']>(() => ok(settings)),
      set: vi.fn<KeysmithApi['settings']['set']>((patch) => {
        settings = { ...settings, ...(patch as Partial<Settings>) };
        return ok(settings);
      }),
    },
  };

  return { api, full: api as unknown as KeysmithApi, emit: base.emit, settings: () => settings };
}
