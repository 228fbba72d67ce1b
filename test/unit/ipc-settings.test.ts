/** Settings: defaults, patches, and a damaged file that costs only the damaged field. */
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SettingsStore } from '../../electron/app/settings-store';
import { DEFAULT_SETTINGS, SettingsPatchSchema, applySettingsPatch, readSettings } from '../../electron/app/settings';

const ID = '6f1c3a52-8a0e-4f4e-9d55-0c1b2a3d4e5f';

describe('settings', () => {
  it('has the documented defaults', () => {
    expect(DEFAULT_SETTINGS).toEqual({
      clipboardClearSeconds: 30,
      refreshMarginMinutes: 10,
      autoLockMinutes: 15,
      defaultImsEndpoint: 'https://ims-na1.adobelogin.com',
      theme: 'system',
      healthSecretMaxAgeDays: 90,
      healthCertificateDays: 30,
      favorites: [],
    });
  });

  it('falls back field by field on a damaged file', () => {
    expect(readSettings({ clipboardClearSeconds: 'soon', theme: 'dark', favorites: [ID, ID], autoLockMinutes: null, extra: 1 })).toEqual({
      ...DEFAULT_SETTINGS,
      theme: 'dark',
      favorites: [ID, ID],
      autoLockMinutes: null,
    });
    expect(readSettings(null)).toEqual(DEFAULT_SETTINGS);
    expect(readSettings([1, 2])).toEqual(DEFAULT_SETTINGS);
  });

  it('applies patches: null means never, favourites are deduplicated, bounds hold', () => {
    const next = applySettingsPatch(DEFAULT_SETTINGS, SettingsPatchSchema.parse({ clipboardClearSeconds: null, favorites: [ID, ID] }));
    expect(next).toMatchObject({ clipboardClearSeconds: null, favorites: [ID] });
    expect(SettingsPatchSchema.safeParse({ clipboardClearSeconds: 2 }).success).toBe(false);
    expect(SettingsPatchSchema.safeParse({ autoLockMinutes: 0 }).success).toBe(false);
    expect(SettingsPatchSchema.safeParse({ refreshMarginMinutes: 1441 }).success).toBe(false);
    expect(SettingsPatchSchema.safeParse({ healthSecretMaxAgeDays: 0 }).success).toBe(false);
    expect(SettingsPatchSchema.safeParse({ healthCertificateDays: 36_501 }).success).toBe(false);
    expect(SettingsPatchSchema.safeParse({ healthSecretMaxAgeDays: 36_500, healthCertificateDays: 1 }).success).toBe(true);
    expect(SettingsPatchSchema.safeParse({ defaultImsEndpoint: 'http://ims.example.com' }).success).toBe(false);
    expect(SettingsPatchSchema.parse({ defaultImsEndpoint: 'ims-eu1.adobelogin.com' })).toEqual({ defaultImsEndpoint: 'https://ims-eu1.adobelogin.com' });
    expect(SettingsPatchSchema.safeParse({ favorites: ['not-an-id'] }).success).toBe(false);
  });

  it('stores settings 0600 and survives a damaged file', async () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), 'keysmith-settings-')), 'data');
    const store = new SettingsStore(dir);
    const changes: unknown[] = [];
    store.on('changed', (s) => changes.push(s));
    expect(await store.get()).toEqual(DEFAULT_SETTINGS);
    await Promise.all([store.set({ theme: 'light' }), store.set({ autoLockMinutes: 5 })]);
    expect(await store.get()).toMatchObject({ theme: 'light', autoLockMinutes: 5 });
    expect(changes).toHaveLength(2);
    expect(statSync(store.file).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(JSON.parse(readFileSync(store.file, 'utf8'))).toMatchObject({ theme: 'light', autoLockMinutes: 5 });
    await expect(store.set({ theme: 'neon' } as never)).rejects.toThrow();
    writeFileSync(store.file, '{ not json');
    expect(await new SettingsStore(dir).get()).toEqual(DEFAULT_SETTINGS);
  });
});
