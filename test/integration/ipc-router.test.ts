/**
 * The IPC router under Node with a stand-in ipcMain and the REAL core services on a real
 * passphrase vault in a temp dir, wired as main.ts wires them (test/support/ipc-harness.ts); token
 * channels mint over real HTTP from the IMS emulator. Every channel's happy path, the
 * trusted-sender check, the size cap, typed errors, and the rule that no secret (client secret,
 * private key, access token) is ever in a response: checked after every test, over every response
 * that test received.
 *
 * Each test starts from its own data directory and emulator, built by the `given` helpers below:
 * none relies on what another left behind, so they pass alone and in any order.
 */
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { APP_ORIGIN } from '../../electron/app/app-protocol';
import { MAX_DROPPED_FILE_BYTES } from '../../electron/shared/import-limits';
import { SECRET_MANAGEMENT_SCOPES } from '../../electron/shared/secret-rotation';
import { CHANNELS, type Channel } from '../../electron/shared/ipc/channels';
import type { ImportPreview, IntegrationListItem, TokenCopyResult, TokenStatus, VaultStatus } from '../../electron/shared/ipc/contract';
import { INTERNAL_MESSAGE } from '../../electron/ipc/errors';
import type { IpcResult } from '../../electron/shared/ipc/result';
import { createDispatcher } from '../../electron/ipc/router';
import type { MaskedIntegration } from '../../electron/core/integration-view';
import type { KeyPairSummary } from '../../electron/core/keys/keypair-store';
import { startImsEmulator, type ImsEmulator } from '../support/ims-emulator';
import { follow } from '../support/redirect-following-browser';
import { createHarness, TRUSTED_EVENT, type Harness } from '../support/ipc-harness';

const PASSPHRASE = 'router tests passphrase';
const ORG = '1234567890ABCDEF12345678@AdobeOrg';
const TECH = 'ABCDEF0123456789@techacct.adobe.com';
/** Secrets that must never appear in any response. */
const CANARY = 'p8e-CANARY-s2s-0123456789abcdef-SECRET';
const CANARY_JWT = 'p8e-CANARY-jwt-fedcba9876543210-SECRET';
const CANARY_IMPORT = 'p8e-CANARY-import-55555555-SECRET';

let ims: ImsEmulator;
/** The harness the current test calls through; every harness it made is checked and disposed after it. */
let h: Harness;
let harnesses: Harness[] = [];
/** Every private key the current test handed in, to search its responses for. */
let keyMaterial: string[] = [];

beforeEach(async () => {
  harnesses = [];
  keyMaterial = [];
  ims = await startImsEmulator();
  ims.registerClient({ clientId: 's2s-client', clientSecrets: [CANARY], orgId: ORG, scopes: ['openid', 'AdobeID'] });
});

afterEach(async () => {
  try {
    for (const harness of harnesses) await expectNoSecretCrossed(harness);
  } finally {
    for (const harness of harnesses) harness.dispose();
    await ims.close();
  }
});

async function harness(opts: { createVault?: boolean; unlock?: boolean }): Promise<Harness> {
  // The system browser stand-in for a person's sign-in: it follows the emulator's redirect back.
  const made = await createHarness({ passphrase: PASSPHRASE, openExternal: async (url) => void follow(url).catch(() => undefined), ...opts });
  harnesses.push(made);
  return made;
}

/** The states tests start from. */
const given = {
  /** no vault at all: enough for the checks made before any handler runs */
  noVault: async () => (h = await harness({ createVault: false })),
  locked: async () => (h = await harness({})),
  unlocked: async () => (h = await harness({ unlock: true })),
  /** unlocked, with the OAuth S2S integration "Analytics" minting from the emulator */
  analytics: async () => {
    await given.unlocked();
    await ok('integrations:create', { fields: { ...s2sFields, imsEndpoint: ims.url } });
    return h;
  },
  /** unlocked, with the JWT integration "Cloud Manager" and a generated key whose certificate the emulator knows */
  cloudManager: async () => {
    await given.unlocked();
    await ok('integrations:create', {
      fields: { kind: 'jwt', name: 'Cloud Manager', clientId: 'jwt-client', clientSecrets: [CANARY_JWT], orgId: ORG, technicalAccountId: TECH, metascopes: ['ent_cloudmgr_sdk'], imsEndpoint: ims.url },
    });
    const key = await ok<KeyPairSummary>('keypairs:generate', { name: 'Cloud Manager', days: 30 });
    const certPath = path.join(h.workDir, 'cm.crt');
    h.dialogs.saveQueue.push(certPath);
    await ok('keypairs:saveCertificate', { name: 'Cloud Manager' });
    ims.registerClient({ clientId: 'jwt-client', clientSecrets: [CANARY_JWT], orgId: ORG, technicalAccountId: TECH, metascopes: ['ent_cloudmgr_sdk'], certificatesPem: [readFileSync(certPath, 'utf8')] });
    return { h, key, certPath };
  },
};

async function call<T>(channel: Channel, request?: unknown): Promise<IpcResult<T>> {
  return h.call<T>(channel, request);
}

async function ok<T>(channel: Channel, request?: unknown): Promise<T> {
  const result = await call<T>(channel, request);
  if (!result.ok) throw new Error(`${channel} failed: ${result.error.code}: ${result.error.message}`);
  return result.value;
}

async function fails(channel: Channel, request: unknown, code: string): Promise<{ code: string; message: string; field?: string }> {
  const result = await call(channel, request);
  expect(result.ok, JSON.stringify(result)).toBe(false);
  if (result.ok) throw new Error('unreachable');
  expect(result.error.code).toBe(code);
  expect(Object.keys(result.error).sort()).toEqual(expect.arrayContaining(['code', 'message']));
  expect(result.error.message).not.toMatch(/\n\s+at /); // never a stack
  return result.error;
}

function pkcs8Key(): string {
  const pem = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  keyMaterial.push(pem);
  return pem;
}

/** No client secret, private key or access token in anything `harness` answered. */
async function expectNoSecretCrossed(harness: Harness): Promise<void> {
  const everything = JSON.stringify(harness.responses);
  for (const secret of [CANARY, CANARY_JWT, CANARY_IMPORT]) expect(everything).not.toContain(secret);
  // 'PRIVATE KEY' may appear only in the hint of an error message ("a -----BEGIN PRIVATE KEY----- block"),
  // never in a value, and never followed by key material.
  const values = JSON.stringify(harness.responses.filter((r) => (r as IpcResult<unknown>).ok));
  expect(values).not.toContain('PRIVATE KEY');
  expect(values).not.toContain('-----BEGIN');
  expect(everything).not.toMatch(/PRIVATE KEY-----(\\n|\s)*[A-Za-z0-9+/=]{16}/);
  const keys = [...keyMaterial];
  const tokens: string[] = [];
  if (harness.session.isUnlocked) {
    for (const i of (await harness.session.vault()).document.integrations) for (const k of i.keys ?? []) keys.push(k.privateKeyPem);
    tokens.push(...Object.values(await harness.session.tokenEntries()).map((t) => t.accessToken));
  }
  for (const key of keys) {
    for (const line of key.split('\n').filter((l) => /^[A-Za-z0-9+/=]{40,}$/.test(l))) expect(everything).not.toContain(line);
  }
  for (const token of tokens) expect(everything).not.toContain(token);
  expect(harness.logged.filter((l) => l.message.includes('PEM'))).toEqual([]);
}

/** A Developer Console project with one OAuth S2S credential, as the Console downloads it. */
function writeConsoleProject(project: string): string {
  writeFileSync(
    project,
    JSON.stringify({
      project: {
        id: '1',
        name: 'reports',
        title: 'Reports',
        org: { id: '1', name: 'Acme', ims_org_id: ORG },
        workspace: {
          id: '2',
          name: 'Stage',
          title: 'Stage',
          details: {
            credentials: [
              {
                id: '333',
                name: 'OAuth Server-to-Server',
                integration_type: 'oauth_server_to_server',
                oauth_server_to_server: { client_id: 'imported-client', client_secrets: [CANARY_IMPORT], technical_account_id: TECH, scopes: ['openid'] },
              },
            ],
          },
        },
      },
    }),
  );
  return project;
}

const s2sFields = {
  kind: 'oauthS2S',
  name: 'Analytics',
  clientId: 's2s-client',
  clientSecrets: [CANARY],
  orgId: ORG,
  scopes: ['openid', 'AdobeID'],
};

describe('IPC router: registration', () => {
  it('registers exactly the contract channels, once each', async () => {
    await given.noVault();
    expect([...h.ipc.handlers.keys()].sort()).toEqual([...CHANNELS].sort());
  });
});

describe('IPC router: vault and settings', () => {
  it('answers the app version and a locked status before unlock', async () => {
    await given.locked();
    expect(await ok('app:version')).toBe('0.1.0-test');
    const status = await ok<VaultStatus>('vault:status');
    expect(status).toMatchObject({ state: 'locked', methods: ['passphrase', 'recovery'], dataDir: h.dataDir, lastError: null });
    await fails('integrations:list', undefined, 'vault_locked');
  });

  it('refuses a wrong passphrase with a typed error, then unlocks', async () => {
    await given.locked();
    const error = await fails('vault:unlock', { method: 'passphrase', passphrase: 'not it' }, 'wrong_passphrase');
    expect(error.message).toMatch(/Wrong passphrase/);
    expect((await ok<VaultStatus>('vault:status')).lastError?.code).toBe('wrong_passphrase');
    const status = await ok<VaultStatus>('vault:unlock', { method: 'passphrase', passphrase: PASSPHRASE });
    expect(status).toMatchObject({ state: 'unlocked', lastError: null });
  });

  it('reads and changes settings, stored 0600 beside the vault', async () => {
    await given.unlocked();
    const defaults = await ok<Record<string, unknown>>('settings:get');
    expect(defaults).toMatchObject({ clipboardClearSeconds: 30, autoLockMinutes: 15, theme: 'system', favorites: [] });
    const changed = await ok<Record<string, unknown>>('settings:set', { clipboardClearSeconds: null, theme: 'dark', refreshMarginMinutes: 7, defaultImsEndpoint: ims.url });
    expect(changed).toMatchObject({ clipboardClearSeconds: null, theme: 'dark', refreshMarginMinutes: 7, defaultImsEndpoint: ims.url });
    expect(statSync(path.join(h.dataDir, 'settings.json')).mode & 0o777).toBe(0o600);
    const bad = await fails('settings:set', { theme: 'neon' }, 'invalid_input');
    expect(bad.field).toBe('theme');
    await fails('settings:set', { favourites: [] }, 'invalid_input'); // unknown key
  });
});

describe('IPC router: integrations', () => {
  it('creates an integration, filling omitted fields from the settings, and masks its secret', async () => {
    await given.unlocked();
    await ok('settings:set', { refreshMarginMinutes: 7, defaultImsEndpoint: ims.url });
    const created = await ok<MaskedIntegration>('integrations:create', { fields: s2sFields });
    expect(created).toMatchObject({ name: 'Analytics', kind: 'oauthS2S', imsEndpoint: ims.url, refreshMarginMinutes: 7 });
    expect(created.clientSecrets).toEqual(['••••CRET']);
    const invalid = await fails('integrations:create', { fields: { ...s2sFields, name: 'Other', orgId: 'not-an-org' } }, 'invalid_input');
    expect(invalid).toMatchObject({ field: 'fields.orgId', message: expect.stringMatching(/@AdobeOrg/) });
    await fails('integrations:create', { fields: s2sFields }, 'already_exists');
  });

  it('lists, gets, updates, duplicates and deletes', async () => {
    await given.analytics();
    const list = await ok<IntegrationListItem[]>('integrations:list');
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ name: 'Analytics', favorite: false, keys: null, scopes: ['openid', 'AdobeID'], token: { state: 'none', applicable: true } });
    expect((await ok<MaskedIntegration>('integrations:get', { name: 'analytics' })).name).toBe('Analytics');
    const updated = await ok<MaskedIntegration>('integrations:update', { name: 'Analytics', patch: { description: 'prod reports', orgId: null } });
    expect(updated).toMatchObject({ description: 'prod reports' });
    expect(updated).not.toHaveProperty('orgId');
    await fails('integrations:update', { name: 'Analytics', patch: { kind: 'jwt' } }, 'invalid_input');
    await fails('integrations:update', { name: 'Analytics', patch: { id: 'x' } }, 'invalid_input');
    const copy = await ok<MaskedIntegration>('integrations:duplicate', { name: 'Analytics' });
    expect(copy.name).toBe('Analytics (copy)');
    expect(copy.id).not.toBe(list[0]!.id);
    expect(await ok('integrations:delete', { name: 'Analytics (copy)' })).toEqual({ deleted: 'Analytics (copy)' });
    await fails('integrations:get', { name: 'Analytics (copy)' }, 'not_found');
  });

  it('keeps favourites in the settings and drops them with the integration', async () => {
    await given.analytics();
    const [item] = await ok<IntegrationListItem[]>('integrations:list');
    const dup = await ok<MaskedIntegration>('integrations:duplicate', { name: 'Analytics', newName: 'Fav' });
    await ok('settings:set', { favorites: [item!.id, dup.id] });
    expect((await ok<IntegrationListItem[]>('integrations:list')).map((i) => i.favorite)).toEqual([true, true]);
    await ok('integrations:delete', { name: 'Fav' });
    expect((await ok<{ favorites: string[] }>('settings:get')).favorites).toEqual([item!.id]);
  });
});

describe('IPC router: tokens and secrets over real HTTP', () => {
  it('mints, serves from cache, and re-mints on force', async () => {
    await given.analytics();
    const before = ims.requests.length;
    expect(await ok<TokenStatus>('tokens:status', { name: 'Analytics' })).toMatchObject({ state: 'none' });
    const minted = await ok<TokenStatus>('tokens:mint', { name: 'Analytics' });
    expect(minted).toMatchObject({ state: 'valid', fromCache: false, applicable: true });
    expect(minted.expiresAt! - minted.mintedAt!).toBe(86_399_000);
    expect(await ok<TokenStatus>('tokens:mint', { name: 'Analytics' })).toMatchObject({ fromCache: true });
    expect(await ok<TokenStatus>('tokens:mint', { name: 'Analytics', force: true })).toMatchObject({ fromCache: false });
    expect(ims.requests.length - before).toBe(2);
    expect(await ok<TokenStatus>('tokens:status', { name: 'Analytics' })).toMatchObject({ state: 'valid' });
  });

  it('copies a token in a chosen format into the clipboard, never into the response', async () => {
    await given.analytics();
    const raw = await ok<TokenCopyResult>('tokens:copy', { name: 'Analytics' });
    expect(raw).toMatchObject({ copied: true, format: 'raw', clearsInSeconds: 30 });
    const token = h.board.text;
    expect(token.split('.')).toHaveLength(3); // the emulator's JWT-shaped access token
    expect(JSON.stringify(raw)).not.toContain(token);
    await ok('tokens:copy', { name: 'Analytics', format: 'header' });
    expect(h.board.text).toBe(`Authorization: Bearer ${token}`);
    await ok('tokens:copy', { name: 'Analytics', format: 'curl' });
    expect(h.board.text).toContain(`x-api-key: s2s-client`);
    await fails('tokens:copy', { name: 'Analytics', format: 'yaml' }, 'invalid_input');
  });

  it('turns auto-refresh on and off', async () => {
    await given.analytics();
    expect(await ok<TokenStatus>('tokens:setAutoRefresh', { name: 'Analytics', enabled: true })).toMatchObject({ autoRefresh: true });
    expect((await ok<IntegrationListItem[]>('integrations:list'))[0]!.token.autoRefresh).toBe(true);
    expect(await ok<TokenStatus>('tokens:setAutoRefresh', { name: 'Analytics', enabled: false })).toMatchObject({ autoRefresh: false });
  });

  it('copies the client secret in main only', async () => {
    await given.analytics();
    const result = await ok('secrets:copyClientSecret', { name: 'Analytics' });
    expect(result).toEqual({ copied: true, clearsInSeconds: 30 });
    expect(h.board.text).toBe(CANARY);
  });

  it('copies identifiers plainly (not concealed, no timed clear) and says when one is absent', async () => {
    await given.analytics();
    expect(await ok('secrets:copyField', { name: 'Analytics', field: 'orgId' })).toEqual({ copied: true, clearsInSeconds: null });
    expect(h.board.text).toBe(ORG);
    expect(h.board.concealed).toBe(false);
    await ok('secrets:copyField', { name: 'Analytics', field: 'clientId' });
    expect(h.board.text).toBe('s2s-client');
    const absent = await fails('secrets:copyField', { name: 'Analytics', field: 'technicalAccountId' }, 'not_found');
    expect(absent.message).toBe('"Analytics" has no technical account id');
    await fails('secrets:copyField', { name: 'Analytics', field: 'clientSecrets' }, 'invalid_input');
  });

  it('says plainly why a token cannot be had', async () => {
    await given.analytics();
    await ok('integrations:create', { fields: { kind: 'apiKey', name: 'Just a key', clientId: 'api-key-1' } });
    const error = await fails('tokens:mint', { name: 'Just a key' }, 'invalid_input');
    expect(error.message).toMatch(/API key integration/);
    await ok('tokens:copy', { name: 'Just a key' });
    expect(h.board.text).toBe('api-key-1');
    await fails('tokens:setAutoRefresh', { name: 'Just a key', enabled: true }, 'invalid_input');
    // A failed re-mint keeps serving the still-valid cached token, and says why.
    await ok('tokens:mint', { name: 'Analytics' });
    ims.failNext({ status: 400, body: JSON.stringify({ error: 'invalid_scope', error_description: 'no' }) });
    expect(await ok<TokenStatus>('tokens:mint', { name: 'Analytics', force: true })).toMatchObject({ fromCache: true, refreshError: expect.stringMatching(/scope/) });
    // Without a cached token, the refusal is the answer.
    await ok('integrations:create', { fields: { ...s2sFields, name: 'Wrong secret', clientSecrets: ['p8e-not-the-secret'], imsEndpoint: ims.url } });
    const refused = await fails('tokens:mint', { name: 'Wrong secret' }, 'token_refused');
    expect(refused.message).toMatch(/client secret/);
  });
});

describe('IPC router: keypairs', () => {
  it('generates a key, saves its certificate through the save dialog, and mints a JWT token with it', async () => {
    await given.unlocked();
    await ok('integrations:create', {
      fields: { kind: 'jwt', name: 'Cloud Manager', clientId: 'jwt-client', clientSecrets: [CANARY_JWT], orgId: ORG, technicalAccountId: TECH, metascopes: ['ent_cloudmgr_sdk'], imsEndpoint: ims.url },
    });
    const key = await ok<KeyPairSummary>('keypairs:generate', { name: 'Cloud Manager', days: 30 });
    expect(key).toMatchObject({ active: true, bits: 2048, origin: 'generated', expiringSoon: true });
    expect(key).not.toHaveProperty('privateKeyPem');

    const certPath = path.join(h.workDir, 'cm.crt');
    h.dialogs.saveQueue.push(certPath);
    expect(await ok('keypairs:saveCertificate', { name: 'Cloud Manager' })).toEqual({ saved: true, path: certPath });
    const certificatePem = readFileSync(certPath, 'utf8');
    expect(certificatePem).toMatch(/^-----BEGIN CERTIFICATE-----/);
    expect(await ok('keypairs:saveCertificate', { name: 'Cloud Manager' })).toEqual({ saved: false }); // cancelled

    ims.registerClient({ clientId: 'jwt-client', clientSecrets: [CANARY_JWT], orgId: ORG, technicalAccountId: TECH, metascopes: ['ent_cloudmgr_sdk'], certificatesPem: [certificatePem] });
    expect(await ok<TokenStatus>('tokens:mint', { name: 'Cloud Manager' })).toMatchObject({ state: 'valid', fromCache: false });
    const [cm] = await ok<IntegrationListItem[]>('integrations:list');
    expect(cm!.keys).toMatchObject({ count: 1, activeFingerprint: key.fingerprintSha256, expiringSoon: true });
  });

  it('imports keys pasted as text and chosen in the open dialog, then rotates', async () => {
    await given.cloudManager();
    const pasted = await ok<{ imported: true; key: KeyPairSummary; certificateGenerated: boolean }>('keypairs:import', { name: 'Cloud Manager', source: 'text', keyPem: pkcs8Key() });
    expect(pasted).toMatchObject({ imported: true, certificateGenerated: true, key: { active: false, origin: 'imported' } });

    const keyFile = path.join(h.workDir, 'chosen.key');
    writeFileSync(keyFile, pkcs8Key());
    h.dialogs.openQueue.push([keyFile]);
    const chosen = await ok<{ imported: true; key: KeyPairSummary }>('keypairs:import', { name: 'Cloud Manager', source: 'dialog' });
    expect(chosen.key.active).toBe(false);
    expect(await ok('keypairs:import', { name: 'Cloud Manager', source: 'dialog' })).toEqual({ imported: false }); // cancelled

    const notAKey = await fails('keypairs:import', { name: 'Cloud Manager', source: 'text', keyPem: 'hello' }, 'invalid_input');
    expect(notAKey.message).not.toContain('hello');

    const keys = await ok<KeyPairSummary[]>('keypairs:list', { name: 'Cloud Manager' });
    expect(keys).toHaveLength(3);
    const active = await ok<KeyPairSummary>('keypairs:setActive', { name: 'Cloud Manager', fingerprint: pasted.key.fingerprintSha256.replace(/:/g, '').toLowerCase() });
    expect(active).toMatchObject({ active: true, fingerprintSha256: pasted.key.fingerprintSha256 });
    await fails('keypairs:remove', { name: 'Cloud Manager', fingerprint: pasted.key.fingerprintSha256 }, 'invalid_input'); // the active one
    expect(await ok('keypairs:remove', { name: 'Cloud Manager', fingerprint: chosen.key.fingerprintSha256 })).toEqual({ removed: chosen.key.fingerprintSha256 });
    await ok('integrations:create', { fields: { ...s2sFields, imsEndpoint: ims.url } });
    await fails('keypairs:list', { name: 'Analytics' }, 'invalid_input'); // S2S uses no keys
  });
});

describe('IPC router: import and export', () => {
  it('previews a Console project chosen in the open dialog, then applies it', async () => {
    await given.unlocked();
    const project = writeConsoleProject(path.join(h.workDir, 'project.json'));
    h.dialogs.openQueue.push([project]);
    const preview = await ok<ImportPreview>('interop:importPreview');
    if (preview.cancelled) throw new Error('preview was cancelled');
    expect(preview).toMatchObject({ file: 'project.json', format: 'console', items: [{ action: 'add', kind: 'oauthS2S', clientId: 'imported-client', key: null }] });
    const applied = await ok<{ items: { targetName: string }[] }>('interop:importApply', { previewId: preview.previewId });
    expect(applied.items).toHaveLength(1);
    expect((await ok<IntegrationListItem[]>('integrations:list')).map((i) => i.clientId)).toContain('imported-client');
    await fails('interop:importApply', { previewId: preview.previewId }, 'not_found'); // used up
    expect(await ok('interop:importPreview')).toEqual({ cancelled: true });
  });

  it('previews a dropped file from its text alone, and applies it under the names given in the plan', async () => {
    await given.analytics();
    const project = readFileSync(writeConsoleProject(path.join(h.workDir, 'project.json')), 'utf8');
    const dropped = { fileName: '/elsewhere/project.json', content: project };
    const preview = await ok<ImportPreview>('interop:importPreview', { dropped });
    if (preview.cancelled) throw new Error('preview was cancelled');
    expect(preview).toMatchObject({ file: 'project.json', format: 'console', items: [{ action: 'add', clientId: 'imported-client' }] });
    expect(h.dialogs.openQueue).toEqual([]);

    // A name that is taken is refused with its field, and the same preview can be applied with another.
    const taken = await fails('interop:importApply', { previewId: preview.previewId, names: { 0: 'analytics ' } }, 'already_exists');
    expect(taken.field).toBe('name');
    expect((await fails('interop:importApply', { previewId: preview.previewId, names: { 3: 'Reports' } }, 'invalid_input')).field).toBe('name');
    await fails('interop:importApply', { previewId: preview.previewId, names: JSON.parse('{"constructor":"x"}') }, 'invalid_input');
    await fails('interop:importApply', { previewId: preview.previewId, names: { '00': 'x' } }, 'invalid_input');
    await fails('interop:importApply', { previewId: preview.previewId, names: { 0: 'bad\u0007name' } }, 'invalid_input');
    await fails('interop:importApply', { previewId: preview.previewId, names: { 0: '' } }, 'invalid_input');
    const applied = await ok<{ items: { targetName: string }[] }>('interop:importApply', { previewId: preview.previewId, names: { 0: '  Reports stage ' } });
    expect(applied.items.map((i) => i.targetName)).toEqual(['Reports stage']);
    const list = await ok<IntegrationListItem[]>('integrations:list');
    expect(list.find((i) => i.clientId === 'imported-client')?.name).toBe('Reports stage');

    // The same file again updates in place: it keeps its name, and a new one for it is refused.
    const again = await ok<ImportPreview>('interop:importPreview', { dropped });
    if (again.cancelled) throw new Error('preview was cancelled');
    expect(again.items).toMatchObject([{ action: 'update', targetName: 'Reports stage' }]);
    expect((await fails('interop:importApply', { previewId: again.previewId, names: { 0: 'Other' } }, 'invalid_input')).message).toContain('keeps that name');
  });

  it('never reads a key file a dropped file names, and bounds what is dropped', async () => {
    await given.unlocked();
    const keyFile = path.join(h.workDir, 'private.key');
    writeFileSync(keyFile, generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }));
    const env = `CLIENT_ID=dropped-jwt\nCLIENT_SECRET=${CANARY_IMPORT}\nORG_ID=${ORG}\nTECHNICAL_ACCOUNT_ID=${TECH}\nMETASCOPES=ent_cloudmgr_sdk\nPRIVATE_KEY_PATH=${keyFile}\n`;
    const preview = await ok<ImportPreview>('interop:importPreview', { dropped: { fileName: 'jwt.env', content: env } });
    if (preview.cancelled) throw new Error('preview was cancelled');
    expect(preview.items).toMatchObject([{ clientId: 'dropped-jwt', key: null }]);
    expect(preview.warnings.join('\n')).toContain('cannot read');

    await fails('interop:importPreview', { dropped: { fileName: 'big.json', content: 'x'.repeat(MAX_DROPPED_FILE_BYTES + 1) } }, 'invalid_input');
    await fails('interop:importPreview', { dropped: { fileName: 'x'.repeat(256), content: '{}' } }, 'invalid_input');
    await fails('interop:importPreview', { dropped: { fileName: 'a.json', content: '{}', path: '/etc/passwd' } }, 'invalid_input');
    await fails('interop:importPreview', { path: keyFile }, 'invalid_input');
    await fails('interop:importPreview', { dropped: { fileName: 'empty.json', content: '' } }, 'invalid_input');
  });

  it('exports through the save dialog; a file with secrets is 0600', async () => {
    await given.analytics();
    const out = path.join(h.workDir, 'analytics.env');
    h.dialogs.saveQueue.push(out);
    expect(await ok('interop:export', { name: 'Analytics', format: 'env', includeSecrets: true })).toEqual({
      saved: true,
      path: out,
      // What the CLI prints as warnings, the app gets as data: this integration lacks what aio needs.
      warnings: [expect.stringContaining('aio-lib-ims would refuse'), expect.stringContaining('aio picks its IMS')],
    });
    expect(readFileSync(out, 'utf8')).toContain(CANARY);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    await fails('interop:export', { name: 'Analytics', format: 'xml' }, 'invalid_input');
  });
});

describe('IPC router: lock, recovery and creation', () => {
  it('locks, refuses vault calls while locked, and unlocks with the recovery key', async () => {
    await given.analytics();
    expect(await ok<VaultStatus>('vault:lock')).toMatchObject({ state: 'locked' });
    await fails('tokens:copy', { name: 'Analytics' }, 'vault_locked');
    await fails('vault:unlock', { method: 'recovery', recoveryKey: 'AAAA-BBBB' }, 'wrong_recovery_key');
    expect(await ok<VaultStatus>('vault:unlock', { method: 'recovery', recoveryKey: h.recoveryKey })).toMatchObject({ state: 'unlocked' });
  });

  it('creates a vault where there is none; the recovery key goes to a main-process dialog only', async () => {
    await given.noVault();
    expect(await call('vault:status')).toMatchObject({ ok: true, value: { state: 'missing', methods: [] } });
    expect(await call('vault:create', { method: 'passphrase', passphrase: 'short' })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'passphrase' } });
    const created = await call<VaultStatus>('vault:create', { method: 'passphrase', passphrase: 'a long enough passphrase' });
    expect(created).toMatchObject({ ok: true, value: { state: 'unlocked', methods: ['passphrase', 'recovery'] } });
    expect(h.dialogs.recoveryKeys).toHaveLength(1);
    expect(JSON.stringify(h.responses)).not.toContain(h.dialogs.recoveryKeys[0]!);
    expect(await call('vault:create', { method: 'passphrase', passphrase: 'a long enough passphrase' })).toMatchObject({ ok: false, error: { code: 'vault_exists' } });
  });
});

describe('IPC router: the gate', () => {
  const foreign: [string, unknown][] = [
    ['an https page', { senderFrame: { url: 'https://evil.example/index.html', parent: null } }],
    ['a file:// page', { senderFrame: { url: 'file:///tmp/keysmith/index.html', parent: null } }],
    ['another app:// host', { senderFrame: { url: 'app://evil/index.html', parent: null } }],
    ['a lookalike host', { senderFrame: { url: 'app://keysmith.evil.example/index.html', parent: null } }],
    ['credentials in the URL', { senderFrame: { url: 'app://user:pw@keysmith/index.html', parent: null } }],
    ['a subframe of the app', { senderFrame: { url: 'app://keysmith/frame.html', parent: { url: 'app://keysmith/index.html' } } }],
    ['a frame that is gone', { senderFrame: null }],
    ['no senderFrame at all', {}],
    ['not an event', undefined],
  ];
  for (const [what, event] of foreign) {
    it(`refuses ${what} on every channel, before parsing`, async () => {
      await given.noVault();
      for (const channel of CHANNELS) {
        // Straight to ipcMain: h.call would put the trusted event in place of an undefined one.
        const result = (await h.ipc.invoke(channel, event as never, { name: 'Analytics' })) as IpcResult<unknown>;
        h.responses.push(result);
        expect(result, channel).toEqual({ ok: false, error: { code: 'forbidden', message: expect.any(String) } });
      }
    });
  }

  it('refuses an oversize request before parsing it', async () => {
    await given.noVault();
    await fails('integrations:get', { name: 'x'.repeat(1024 * 1024 + 1) }, 'payload_too_large');
    await fails('keypairs:import', { name: 'Cloud Manager', source: 'text', keyPem: 'A'.repeat(2 * 1024 * 1024) }, 'payload_too_large');
    let deep: unknown = 'leaf';
    for (let i = 0; i < 100; i++) deep = { n: deep };
    await fails('settings:set', deep, 'payload_too_large');
    await fails('integrations:create', { fields: { blob: new Uint8Array(2 * 1024 * 1024) } }, 'payload_too_large');
  });

  it('refuses extra arguments, unknown keys and wrong types with the field named', async () => {
    await given.noVault();
    const extra = (await h.ipc.invoke('integrations:get', TRUSTED_EVENT, { name: 'Analytics' }, 'second')) as IpcResult<unknown>;
    expect(extra).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await fails('integrations:get', { name: 'Analytics', admin: true }, 'invalid_input')).toBeTruthy();
    expect((await fails('tokens:mint', { name: 'Analytics', force: 'yes' }, 'invalid_input')).field).toBe('force');
    await fails('app:version', { anything: 1 }, 'invalid_input');
  });

  it('reports an unexpected failure as `internal` with a fixed sentence, and logs the details in main', async () => {
    await given.noVault();
    const logged: unknown[] = [];
    const dispatch = createDispatcher(
      {
        ...h.services,
        settings: {
          get: async () => {
            throw new Error(`boom at ${h.dataDir}/secret-path`);
          },
          set: async () => {
            throw new Error('boom');
          },
        },
        log: (message, err) => logged.push([message, err]),
      },
      { appOrigin: APP_ORIGIN },
    );
    const result = await dispatch('settings:get', TRUSTED_EVENT, [undefined]);
    expect(result).toEqual({ ok: false, error: { code: 'internal', message: INTERNAL_MESSAGE } });
    expect(logged).toHaveLength(1);
  });
});


describe('IPC router: every channel', () => {
  it('answers a valid request successfully on each channel of the contract, from a missing vault on', async () => {
    await given.noVault();
    const succeeded = new Set<Channel>();
    const step = async <T = unknown>(channel: Channel, request?: unknown): Promise<T> => {
      const value = await ok<T>(channel, request);
      succeeded.add(channel);
      return value;
    };
    await step('app:version');
    await step('vault:status');
    await step('vault:create', { method: 'passphrase', passphrase: PASSPHRASE });
    await step('vault:lock');
    await step('vault:unlock', { method: 'passphrase', passphrase: PASSPHRASE });
    await step('settings:get');
    await step('settings:set', { defaultImsEndpoint: ims.url });

    await step('integrations:create', { fields: s2sFields });
    await step('integrations:list');
    await step('integrations:get', { name: 'Analytics' });
    await step('integrations:update', { name: 'Analytics', patch: { description: 'every channel' } });
    await step('integrations:duplicate', { name: 'Analytics' });
    await step('integrations:delete', { name: 'Analytics (copy)' });
    await step('tokens:status', { name: 'Analytics' });
    await step('tokens:mint', { name: 'Analytics' });
    await step('tokens:copy', { name: 'Analytics' });
    await step('tokens:setAutoRefresh', { name: 'Analytics', enabled: false });
    await step('secrets:copyClientSecret', { name: 'Analytics' });
    await step('secrets:copyField', { name: 'Analytics', field: 'clientId' });

    const name = 'Cloud Manager';
    await step('integrations:create', { fields: { kind: 'jwt', name, clientId: 'jwt-client', clientSecrets: [CANARY_JWT], orgId: ORG, technicalAccountId: TECH, metascopes: ['ent_cloudmgr_sdk'] } });
    const generated = await step<KeyPairSummary>('keypairs:generate', { name, days: 30 });
    const imported = await step<{ key: KeyPairSummary }>('keypairs:import', { name, source: 'text', keyPem: pkcs8Key() });
    await step('keypairs:list', { name });
    await step('keypairs:setActive', { name, fingerprint: imported.key.fingerprintSha256 });
    await step('keypairs:remove', { name, fingerprint: generated.fingerprintSha256 });
    h.dialogs.saveQueue.push(path.join(h.workDir, 'cm.crt'));
    await step('keypairs:saveCertificate', { name });

    h.dialogs.openQueue.push([writeConsoleProject(path.join(h.workDir, 'project.json'))]);
    const preview = await step<ImportPreview>('interop:importPreview');
    if (preview.cancelled) throw new Error('preview was cancelled');
    await step('interop:importApply', { previewId: preview.previewId });
    h.dialogs.saveQueue.push(path.join(h.workDir, 'analytics.env'));
    await step('interop:export', { name: 'Analytics', format: 'env', includeSecrets: false });

    ims.users.registerUserClient({ clientId: 'user-app', appType: 'native', redirectUris: ['http://127.0.0.1/callback'] });
    await step('integrations:create', { fields: { kind: 'oauthUser', name: 'Person', clientId: 'user-app', imsEndpoint: ims.url } });
    await step('signin:start', { name: 'Person' });
    await step('signin:status', { name: 'Person' });
    await step('signin:signOut', { name: 'Person' });
    // Rotation, against the emulator's I/O Management API: where the credential lives, then list and rotate.
    ims.registerClient({ clientId: 's2s-client', clientSecrets: [CANARY], orgId: ORG, scopes: ['openid', 'AdobeID', ...SECRET_MANAGEMENT_SCOPES], consoleOrgId: '11', credentialId: '22' });
    await step('integrations:update', { name: 'Analytics', patch: { consoleOrgId: '11', credentialId: '22', consoleApi: ims.url } });
    await step('rotation:secrets', { name: 'Analytics' });
    await step('rotation:rotate', { name: 'Analytics', deleteOld: true });
    await step('health:report', {});
    // A damaged vault body, then the backup generation put back (ipc-restore-backup.test.ts checks the rest).
    await step('vault:lock');
    const vaultFile = path.join(h.dataDir, 'vault.ksv');
    const damaged = readFileSync(vaultFile);
    const at = damaged.indexOf('\n') + 40;
    damaged[at] = damaged[at]! ^ 0x01;
    writeFileSync(vaultFile, damaged);
    await step('vault:restoreBackup', { method: 'passphrase', passphrase: PASSPHRASE });

    // A channel added to the contract without a step here fails this line.
    expect([...succeeded].sort()).toEqual([...CHANNELS].sort());
  });
});
