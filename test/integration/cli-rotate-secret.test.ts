/**
 * Client-secret rotation end to end: the built CLI, a real vault, the emulator's I/O Management
 * secrets API. Shows the documented order (add, prove, switch, delete only when asked and idle),
 * and that a run refuses rather than risk the only working secret.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ROOT } from '../support/cli';
import { SECRET_MANAGEMENT_SCOPES } from '../../electron/shared/secret-rotation';
import { startImsEmulator, type ImsEmulator } from '../support/ims-emulator';
import { CLIENT, CONSOLE_ORG, CREDENTIAL, FIRST_SECRET, rotationFixture, type RotationFixture } from '../support/rotation-fixture';

let ims: ImsEmulator;
let f: RotationFixture;

beforeEach(async () => {
  ims = await startImsEmulator();
  f = await rotationFixture(ims);
});
afterEach(() => ims.close());

const secretJson = async () => JSON.parse(await f.ok(['secrets', 'Rotating', '--json'])) as { secrets: { uuid: string; held: string; lastUsedAt: string | null }[]; rotation: string | null };
const stored = async () => (await f.ok(['secret', 'Rotating'])).trim();

describe('keysmith secrets', () => {
  it('lists what Adobe lists, marks the one Keysmith holds, and never prints a value', async () => {
    const result = await f.cli(['secrets', 'Rotating']);
    expect(result.code, result.stderr).toBe(0);
    const [only] = ims.secretsOf(CLIENT);
    expect(result.stdout).toContain(only!.uuid);
    expect(result.stdout).toContain('in use');
    expect(result.stdout + result.stderr).not.toContain(FIRST_SECRET);
    const json = await secretJson();
    expect(json.secrets).toEqual([expect.objectContaining({ uuid: only!.uuid, held: 'yes' })]);
    expect(json.secrets[0]!.lastUsedAt).not.toBeNull();
    // The secrets API was called as documented.
    const get = ims.requests.find((r) => r.method === 'GET')!;
    expect(get.path).toBe(`/console/organizations/${CONSOLE_ORG}/credentials/${CREDENTIAL}/secrets`);
    expect(get.headers['x-api-key']).toBe(CLIENT);
    expect(String(get.headers.authorization)).toMatch(/^Bearer /);
  });

  it('names the missing scopes when IMS refuses the I/O Management ones', async () => {
    ims.registerClient({ clientId: CLIENT, clientSecrets: [FIRST_SECRET], orgId: '1234567890ABCDEF12345678@AdobeOrg', scopes: ['openid', 'AdobeID', 'read_organizations'], consoleOrgId: CONSOLE_ORG, credentialId: CREDENTIAL });
    const result = await f.cli(['secrets', 'Rotating']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/I\/O Management API/);
    expect(result.stderr).toMatch(/read_client_secret/);
    expect(result.stderr).toMatch(/manage_client_secrets/);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('says what is missing when the integration does not say where its credential lives', async () => {
    await f.ok(['edit', 'Rotating', '--credential-id', '']);
    const result = await f.cli(['secrets', 'Rotating']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/credential id missing/);
  });
});

describe('keysmith rotate-secret', () => {
  it('adds, proves and switches, keeps the old one until --finish, then deletes it', async () => {
    const [old] = ims.secretsOf(CLIENT);
    const run = await f.cli(['rotate-secret', 'Rotating']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Adobe added client secret/);
    expect(run.stdout).toMatch(/A token minted with the new client secret/);
    expect(run.stdout).toMatch(/now uses the new client secret/);
    expect(run.stdout).toMatch(/--finish/);
    const atAdobe = ims.secretsOf(CLIENT);
    expect(atAdobe).toHaveLength(2);
    const fresh = atAdobe.find((s) => s.uuid !== old!.uuid)!;
    // The new value is the one in use, and it never reached the terminal.
    expect(await stored()).toBe(fresh.value);
    expect(run.stdout + run.stderr).not.toContain(fresh.value);
    // Tokens now come from the new secret.
    await f.ok(['token', 'Rotating', '--force']);
    const mint = ims.requests.filter((r) => r.path === '/ims/token/v3').at(-1)!;
    expect(mint.form.client_secret).toBe(fresh.value);

    const listing = await secretJson();
    expect(listing.rotation).toBe('switched');
    expect(listing.secrets.find((s) => s.uuid === old!.uuid)!.held).toBe('kept');

    const finish = await f.cli(['rotate-secret', 'Rotating', '--finish']);
    expect(finish.code, finish.stderr).toBe(0);
    expect(finish.stdout).toMatch(/last used/);
    expect(finish.stdout).toMatch(/Deleted the old client secret/);
    expect(ims.secretsOf(CLIENT).map((s) => s.uuid)).toEqual([fresh.uuid]);
    expect((await secretJson()).rotation).toBeNull();
    expect((await f.cli(['rotate-secret', 'Rotating', '--finish'])).stderr).toMatch(/no rotation under way/);
  });

  it('with --delete-old goes all the way in one run', async () => {
    const run = await f.cli(['rotate-secret', 'Rotating', '--delete-old', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as { state: string; newUuid: string };
    expect(result.state).toBe('done');
    expect(ims.secretsOf(CLIENT).map((s) => s.uuid)).toEqual([result.newUuid]);
    expect(await stored()).toBe(ims.secretsOf(CLIENT)[0]!.value);
  });

  it('keeps the old secret when Adobe reports a use of it after the switch, and deletes it with --force', async () => {
    await f.ok(['rotate-secret', 'Rotating']);
    const old = ims.secretsOf(CLIENT).find((s) => s.value === FIRST_SECRET)!;
    // Another program still mints with the old secret.
    const body = new URLSearchParams({ grant_type: 'client_credentials', client_id: CLIENT, client_secret: FIRST_SECRET, scope: 'openid' });
    await waitForNewerUse(old.lastUsedAt, body);
    const refused = await f.cli(['rotate-secret', 'Rotating', '--finish']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/still uses it; nothing was deleted/);
    expect(ims.secretsOf(CLIENT)).toHaveLength(2);
    const forced = await f.cli(['rotate-secret', 'Rotating', '--finish', '--force']);
    expect(forced.code, forced.stderr).toBe(0);
    expect(ims.secretsOf(CLIENT).some((s) => s.uuid === old.uuid)).toBe(false);
  });

  it('stops before adding when Adobe already lists two secrets, naming the one to delete', async () => {
    ims.registerClient({
      clientId: CLIENT, clientSecrets: [FIRST_SECRET, 'p8e-someone-elses-secret-000000000'], orgId: '1234567890ABCDEF12345678@AdobeOrg',
      scopes: ['openid', 'AdobeID', 'read_organizations', 'additional_info.projectedProductContext', 'additional_info.roles', 'adobeio_api', 'read_client_secret', 'manage_client_secrets'],
      consoleOrgId: CONSOLE_ORG, credentialId: CREDENTIAL,
    });
    const other = ims.secretsOf(CLIENT)[1]!;
    const run = await f.cli(['rotate-secret', 'Rotating']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/already lists 2 client secrets/);
    expect(run.stderr).toContain(other.uuid);
    expect(ims.secretsOf(CLIENT)).toHaveLength(2);
    expect(ims.requests.some((r) => r.method === 'POST' && r.path.includes('/secrets'))).toBe(false);
  });

  it('leaves everything as it was when Adobe refuses the add (HTTP 500)', async () => {
    ims.intercept((r) => r.method === 'POST' && r.path.endsWith('/secrets'), { status: 500, body: '{"message":"internal"}' });
    const run = await f.cli(['rotate-secret', 'Rotating']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/HTTP 500/);
    expect(await stored()).toBe(FIRST_SECRET);
    expect(ims.secretsOf(CLIENT)).toHaveLength(1);
    // A re-run completes.
    expect((await f.cli(['rotate-secret', 'Rotating', '--delete-old'])).code).toBe(0);
    expect(ims.secretsOf(CLIENT)).toHaveLength(1);
    expect(await stored()).toBe(ims.secretsOf(CLIENT)[0]!.value);
  });
});

/** Mints with the old secret until the emulator's clock has moved past `since` (ms resolution). */
async function waitForNewerUse(since: number | null, body: URLSearchParams): Promise<void> {
  for (;;) {
    await fetch(`${ims.url}/ims/token/v3`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
    const now = ims.secretsOf(CLIENT).find((s) => s.value === FIRST_SECRET)!.lastUsedAt;
    if (now !== null && (since === null || now > since)) return;
  }
}

describe('from an imported Console project', () => {
  it('knows where the credential lives, and stops when the download brought both secrets', async () => {
    const fixture = path.join(ROOT, 'test', 'fixtures', 'import', 'console-workspace.json');
    const json = JSON.parse(readFileSync(fixture, 'utf8')) as { project: { workspace: { details: { credentials: { oauth_server_to_server?: { client_id: string; client_secrets: string[]; scopes: string[] } }[] } } } };
    const block = json.project.workspace.details.credentials[0]!.oauth_server_to_server!;
    ims.registerClient({
      clientId: block.client_id, clientSecrets: block.client_secrets, orgId: '1A2B3C4D5E6F7A8B9C0D1E2F@AdobeOrg',
      scopes: [...block.scopes, ...SECRET_MANAGEMENT_SCOPES], consoleOrgId: '1187321', credentialId: '56890123',
    });
    await f.ok(['import', fixture, '--credential', '56890123']);
    const name = 'CM Automation Stage OAuth Server-to-Server';
    await f.ok(['edit', name, '--ims-endpoint', ims.url, '--console-api', ims.url]);
    const listing = JSON.parse(await f.ok(['secrets', name, '--json'])) as { secrets: { held: string }[] };
    expect(listing.secrets.map((s) => s.held).sort()).toEqual(['no', 'probably']);
    const run = await f.cli(['rotate-secret', name]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/already lists 2 client secrets/);
    expect(run.stderr).toContain(ims.secretsOf(block.client_id)[1]!.uuid);
  });
});

describe('where the credential lives, on add and edit', () => {
  it('takes --console-url, refuses a bad one or one given with the ids, and refuses the flags on other kinds', async () => {
    const bad = await f.cli(['edit', 'Rotating', '--console-url', 'https://developer.adobe.com/console/projects/x']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--console-url must be a Developer Console credential URL/);
    const both = await f.cli(['edit', 'Rotating', '--console-url', 'https://developer.adobe.com/console/projects/1/2/credentials/3', '--credential-id', '4']);
    expect(both.code).toBe(2);
    await f.ok(['edit', 'Rotating', '--console-url', 'https://developer.adobe.com/console/projects/9/8/credentials/7/details']);
    expect(JSON.parse(await f.ok(['show', 'Rotating', '--json']))).toMatchObject({ consoleOrgId: '9', credentialId: '7' });
    const letters = await f.cli(['edit', 'Rotating', '--credential-id', 'abc']);
    expect(letters.code).toBe(1);
    expect(letters.stderr).toMatch(/^keysmith: --credential-id: credential id must be/);
    const plainHttp = await f.cli(['edit', 'Rotating', '--console-api', 'http://api.adobe.io']);
    expect(plainHttp.stderr).toMatch(/--console-api: I\/O Management API .* must use https/);
    const jwt = await f.cli(['add', 'jwt', '--name', 'J', '--client-id', 'j', '--org-id', '1234567890ABCDEF12345678@AdobeOrg', '--technical-account-id', 'A@techacct.adobe.com', '--metascopes', 'm', '--credential-id', '1', '--client-secret-stdin'], 'x');
    expect(jwt.code).toBe(2);
    expect(jwt.stderr).toMatch(/--credential-id does not apply to jwt/);
  });
});
