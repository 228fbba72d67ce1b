/**
 * The emulator's I/O Management secrets API against adobe-ims.md ("Rotating client secrets"), over
 * real HTTP: paths, the two headers, the scopes, at most two secrets, the value only in the POST
 * answer, times as strings of ms, usages updated by token mints, delete.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startImsEmulator, type ImsEmulator } from '../support/ims-emulator';
import { SECRET_MANAGEMENT_SCOPES } from '../../electron/shared/secret-rotation';

const ORG = '1234567890ABCDEF12345678@AdobeOrg';
const CLIENT = 'mgmt-client';
const SECRET = 'p8e-initial-secret';
let ims: ImsEmulator;

beforeEach(async () => {
  ims = await startImsEmulator();
  ims.registerClient({ clientId: CLIENT, clientSecrets: [SECRET], orgId: ORG, scopes: [...SECRET_MANAGEMENT_SCOPES, 'limited'], consoleOrgId: '42', credentialId: '7' });
});
afterEach(() => ims.close());

async function token(scope: readonly string[], secret = SECRET): Promise<string> {
  const body = new URLSearchParams({ grant_type: 'client_credentials', client_id: CLIENT, client_secret: secret, scope: scope.join(',') });
  const answer = await fetch(`${ims.url}/ims/token/v3`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
  expect(answer.status).toBe(200);
  return ((await answer.json()) as { access_token: string }).access_token;
}

const api = (method: string, bearer: string, opts: { apiKey?: string; uuid?: string; org?: string } = {}) =>
  fetch(`${ims.url}/console/organizations/${opts.org ?? '42'}/credentials/7/secrets${opts.uuid ? `/${opts.uuid}` : ''}`, {
    method,
    headers: { authorization: `Bearer ${bearer}`, ...(opts.apiKey !== '' && { 'x-api-key': opts.apiKey ?? CLIENT }) },
  });

describe('I/O Management secrets API (emulated)', () => {
  it('lists without values, adds with the value once, refuses a third, deletes', async () => {
    const bearer = await token(SECRET_MANAGEMENT_SCOPES);
    const list = (await (await api('GET', bearer)).json()) as { client_id: string; client_secrets: Record<string, unknown>[] };
    expect(list.client_id).toBe(CLIENT);
    expect(list.client_secrets).toHaveLength(1);
    const [first] = list.client_secrets;
    expect(first).toMatchObject({ expires_at: 'PERMANENT', created_at: expect.stringMatching(/^\d+$/) });
    // The mint above used the secret.
    expect(first!.secret_usages).toEqual([{ last_used_at: expect.stringMatching(/^\d+$/), grant_type: 'client_credentials' }]);
    expect(JSON.stringify(list)).not.toContain(SECRET);

    const added = await api('POST', bearer);
    expect(added.status).toBe(201);
    const body = (await added.json()) as { client_secret: string; uuid: string; secret_usages: unknown };
    expect(body.client_secret).toMatch(/^p8e-/);
    expect(body.secret_usages).toBeNull();
    const again = (await (await api('GET', bearer)).json()) as { client_secrets: { uuid: string }[] };
    expect(again.client_secrets.map((s) => s.uuid)).toEqual([first!.uuid, body.uuid]);
    expect(JSON.stringify(again)).not.toContain(body.client_secret);
    // The new value mints.
    await token(['openid'], body.client_secret);

    const third = await api('POST', bearer);
    expect(third.status).toBe(400);
    expect(await third.text()).toMatch(/at most 2/);

    expect((await api('DELETE', bearer, { uuid: String(first!.uuid) })).status).toBe(204);
    expect((await api('DELETE', bearer, { uuid: String(first!.uuid) })).status).toBe(404);
    expect(ims.secretsOf(CLIENT).map((s) => s.uuid)).toEqual([body.uuid]);
  });

  it('refuses a token without the scopes, a missing or foreign x-api-key, a forged token, another org', async () => {
    const limited = await token(['limited']);
    const denied = await api('GET', limited);
    expect(denied.status).toBe(403);
    expect(await denied.text()).toMatch(/adobeio_api, read_client_secret/);
    const readOnly = await token(['adobeio_api', 'read_client_secret']);
    expect((await api('GET', readOnly)).status).toBe(200);
    expect((await api('POST', readOnly)).status).toBe(403);

    const bearer = await token(SECRET_MANAGEMENT_SCOPES);
    expect((await api('GET', bearer, { apiKey: '' })).status).toBe(403);
    expect((await api('GET', bearer, { apiKey: 'someone-else' })).status).toBe(403);
    const [h, p] = bearer.split('.');
    expect((await api('GET', `${h}.${p}.${'A'.repeat(20)}`)).status).toBe(401);
    expect((await api('GET', bearer, { org: '43' })).status).toBe(404);
  });

  it('intercept can drop the answer to an add that took effect', async () => {
    const bearer = await token(SECRET_MANAGEMENT_SCOPES);
    const caught = ims.intercept((r) => r.method === 'POST' && r.path.endsWith('/secrets'), { afterEffect: true, destroy: true });
    await expect(api('POST', bearer)).rejects.toThrow();
    await caught;
    expect(ims.secretsOf(CLIENT)).toHaveLength(2);
  });
});
