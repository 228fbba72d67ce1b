/**
 * The packaged shape of the app, end to end, through Playwright's `_electron`: launch the built app
 * on a fresh data folder, unlock the vault through the preload bridge, create an integration, mint a
 * token from the IMS emulator (via main's net.fetch), copy it, and read the OS clipboard from main.
 *
 * It runs wherever the Electron binary exists. Offline machines (CI here) have the `electron`
 * package without its binary, which it would try to download on first use; so this suite never
 * calls require('electron') and instead looks for the binary the way that package does, and skips
 * with a plain reason when it is absent (or when Linux has no display to open a window on).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Vault } from '../../electron/core/vault';
import { startImsEmulator, type ImsEmulator } from '../support/ims-emulator';
import { tempDataDir } from '../support/cli';
import { optional } from '../support/requirements';
import { noKeychain } from '../support/app-stand-ins';

const ROOT = path.resolve(__dirname, '..', '..');
const PASSPHRASE = 'e2e passphrase';
const ORG = '1234567890ABCDEF12345678@AdobeOrg';
const SECRET = 'p8e-e2e-secret-0123456789abcdef';

/** The binary node_modules/electron would run, without triggering its download. */
function electronBinary(): string | null {
  const pkg = path.join(ROOT, 'node_modules', 'electron');
  const pathFile = path.join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const relative = readFileSync(pathFile, 'utf8').trim();
  const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(pkg, 'dist');
  const binary = path.join(dist, relative);
  return existsSync(binary) ? binary : null;
}

function whyNotRunnable(): string | null {
  if (!electronBinary()) return 'the Electron binary is not installed here (offline machine: the electron package downloads it on first run)';
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return 'no display to open a window on (run under xvfb-run)';
  }
  return null;
}

const electronHere = optional('electron e2e', whyNotRunnable());

describe.skipIf(!electronHere)('the Electron app, end to end', () => {
  let ims: ImsEmulator;
  let app: ElectronApplication;
  let page: Page;

  beforeAll(async () => {
    const built = spawnSync(process.execPath, ['scripts/build.mjs', 'all'], { cwd: ROOT, stdio: 'inherit' });
    expect(built.status).toBe(0);
    ims = await startImsEmulator();
    ims.registerClient({ clientId: 'e2e-client', clientSecrets: [SECRET], orgId: ORG, scopes: ['openid', 'AdobeID'] });
    const dataDir = tempDataDir();
    // Created here rather than in the app: creating one shows the recovery key in a native dialog,
    // which Playwright cannot click.
    await Vault.create(dataDir, { method: 'passphrase', passphrase: PASSPHRASE }, { keychain: noKeychain });
    app = await _electron.launch({
      executablePath: electronBinary()!,
      args: [ROOT],
      cwd: ROOT,
      env: { ...process.env, KEYSMITH_HOME: dataDir, ELECTRON_ENABLE_LOGGING: '1' },
      timeout: 60_000,
    });
    page = await app.firstWindow();
    await page.waitForFunction(() => Boolean(window.keysmith));
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    await ims?.close();
  });

  it('serves the renderer from app:// with the bridge and nothing else of Node', async () => {
    expect(page.url()).toBe('app://keysmith/index.html');
    const exposed = await page.evaluate(() => ({
      keys: Object.keys(window.keysmith ?? {}).sort(),
      require: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process,
    }));
    expect(exposed).toEqual({ keys: ['app', 'integrations', 'interop', 'keypairs', 'on', 'secrets', 'settings', 'tokens', 'vault'], require: 'undefined', process: 'undefined' });
  });

  it('unlocks, creates an integration, mints a token from the emulator and copies it', async () => {
    const flow = await page.evaluate(
      async ({ passphrase, imsUrl, secret, org }) => {
        const k = window.keysmith!;
        const locked = await k.vault.status();
        const unlocked = await k.vault.unlock({ method: 'passphrase', passphrase });
        const created = await k.integrations.create({
          fields: { kind: 'oauthS2S', name: 'E2E', clientId: 'e2e-client', clientSecrets: [secret], orgId: org, scopes: ['openid', 'AdobeID'], imsEndpoint: imsUrl },
        });
        const minted = await k.tokens.mint({ name: 'E2E' });
        const copied = await k.tokens.copy({ name: 'E2E', format: 'raw' });
        return { locked, unlocked, created, minted, copied };
      },
      { passphrase: PASSPHRASE, imsUrl: ims.url, secret: SECRET, org: ORG },
    );
    expect(flow.locked).toMatchObject({ ok: true, value: { state: 'locked' } });
    expect(flow.unlocked).toMatchObject({ ok: true, value: { state: 'unlocked' } });
    expect(flow.created).toMatchObject({ ok: true, value: { name: 'E2E', clientSecrets: ['••••cdef'] } });
    expect(flow.minted).toMatchObject({ ok: true, value: { state: 'valid', fromCache: false } });
    expect(flow.copied).toMatchObject({ ok: true, value: { copied: true, format: 'raw' } });

    const clipboard = await app.evaluate(({ clipboard }) => clipboard.readText());
    expect(clipboard.split('.')).toHaveLength(3);
    expect(JSON.stringify(flow)).not.toContain(clipboard);
    expect(JSON.stringify(flow)).not.toContain(SECRET);
    expect(ims.requests.filter((r) => r.form.client_id === 'e2e-client')).toHaveLength(1);
  });

  it('locks from the bridge and refuses vault calls afterwards', async () => {
    // Unlocked first (a no-op if another test left it so): a vault that was never open proves nothing.
    const calls = await page.evaluate(async (passphrase) => {
      const k = window.keysmith!;
      await k.vault.unlock({ method: 'passphrase', passphrase });
      const before = await k.integrations.list();
      await k.vault.lock();
      return { before, after: await k.integrations.list() };
    }, PASSPHRASE);
    expect(calls.before).toMatchObject({ ok: true });
    expect(calls.after).toMatchObject({ ok: false, error: { code: 'vault_locked' } });
  });
});
