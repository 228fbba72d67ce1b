/**
 * The I/O Management API as an adversary: answers too large, ids and dates carrying escape
 * sequences, more secrets than Adobe allows, an add answered without its value, a server echoing
 * secrets back, a redirect, and two rotations at once. Through the built CLI and a real vault.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLI, type CliResult } from '../support/cli';
import { startImsEmulator, type ImsEmulator } from '../support/ims-emulator';
import { CLIENT, FIRST_SECRET, rotationFixture, type RotationFixture } from '../support/rotation-fixture';

let ims: ImsEmulator;
let f: RotationFixture;

beforeEach(async () => {
  ims = await startImsEmulator();
  f = await rotationFixture(ims);
});
afterEach(() => ims.close());

const isSecretsRequest = (method: string) => (r: { method: string; path: string }) => r.method === method && /\/secrets(\/|$)/.test(r.path);

function expectCleanOneLine(result: CliResult, pattern: RegExp): void {
  expect(result.code).toBe(1);
  expect(result.stderr.trim().split('\n')).toHaveLength(1);
  expect(result.stderr).toMatch(pattern);
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  expect(result.stdout + result.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
}

const listing = (secrets: unknown[]) => JSON.stringify({ client_id: CLIENT, client_secrets: secrets });

describe('hostile answers from the I/O Management API', () => {
  it('refuses an answer over 64 KiB without reading it all', async () => {
    ims.failNextConsole({ status: 200, body: listing([{ uuid: 'a', created_at: '1', padding: 'x'.repeat(2_000_000) }]) });
    expectCleanOneLine(await f.cli(['secrets', 'Rotating']), /more than 64 KiB/);
  });

  it('refuses a secret id carrying escape sequences, and prints none of it', async () => {
    ims.failNextConsole({ status: 200, body: listing([{ uuid: 'abc\u001b]52;c;cHduZWQ=\u0007', created_at: '1700000000000', secret_usages: null }]) });
    const result = await f.cli(['secrets', 'Rotating']);
    expectCleanOneLine(result, /without a usable id/);
    expect(result.stderr).not.toContain('52;c');
  });

  it('shows dates it cannot read as unknown, escape sequences and all', async () => {
    ims.failNextConsole({
      status: 200,
      body: listing([{ uuid: 'd1', created_at: '\u001b[31m2024', secret_usages: [{ last_used_at: '\u009b2J', grant_type: 'x' }, { last_used_at: 1e300 }, 'junk'] }]),
    });
    const result = await f.cli(['secrets', 'Rotating', '--json']);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ secrets: [{ uuid: 'd1', createdAt: null, lastUsedAt: null }] });
  });

  it('lists three secrets as the server claims, and will not add a fourth', async () => {
    const three = listing(['s1', 's2', 's3'].map((uuid) => ({ uuid, created_at: '1700000000000', secret_usages: null })));
    ims.failNextConsole({ status: 200, body: three });
    expect((await f.ok(['secrets', 'Rotating'])).match(/^s\d/gm)).toEqual(['s1', 's2', 's3']);
    ims.failNextConsole({ status: 200, body: three });
    const run = await f.cli(['rotate-secret', 'Rotating']);
    expectCleanOneLine(run, /already lists 3 client secrets/);
    expect(ims.requests.some(isSecretsRequest('POST'))).toBe(false);
  });

  it('survives an add answered without the value: nothing lost, and the next run clears the unusable secret', async () => {
    ims.intercept(isSecretsRequest('POST'), { status: 201, body: JSON.stringify({ uuid: 'no-value' }), afterEffect: true });
    const run = await f.cli(['rotate-secret', 'Rotating']);
    expectCleanOneLine(run, /without a usable secret and id; if Adobe added one, nobody holds its value/);
    expect((await f.ok(['secret', 'Rotating'])).trim()).toBe(FIRST_SECRET);
    expect(ims.secretsOf(CLIENT)).toHaveLength(2);
    const rerun = await f.cli(['rotate-secret', 'Rotating', '--delete-old']);
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(rerun.stdout).toMatch(/never received its value/);
    const [only] = ims.secretsOf(CLIENT);
    expect(ims.secretsOf(CLIENT)).toHaveLength(1);
    expect((await f.ok(['secret', 'Rotating'])).trim()).toBe(only!.value);
  });

  it('never quotes a secret or the bearer token a server echoes back', async () => {
    ims.failNextConsole({ status: 403, body: JSON.stringify({ message: `denied for ${FIRST_SECRET} with ${'token'}` }) });
    const result = await f.cli(['secrets', 'Rotating']);
    expectCleanOneLine(result, /HTTP 403/);
    expect(result.stderr).not.toContain(FIRST_SECRET);
    const bearer = String(ims.requests.find(isSecretsRequest('GET'))!.headers.authorization).slice('Bearer '.length);
    ims.failNextConsole({ status: 500, body: JSON.stringify({ message: `oops ${bearer}` }) }, { status: 500, body: `{"message":"oops ${bearer}"}` }, { status: 500, body: `{"message":"${bearer.slice(10, 60)}"}` });
    const echoed = await f.cli(['secrets', 'Rotating']);
    expect(echoed.code).toBe(1);
    expect(echoed.stderr).not.toContain(bearer.slice(10, 60));
  });

  it('does not follow a redirect with the bearer token', async () => {
    ims.failNextConsole({ status: 302, headers: { location: 'http://127.0.0.1:1/steal' } });
    expectCleanOneLine(await f.cli(['secrets', 'Rotating']), /redirect/);
  });

  it('never writes a secret value to the terminal or to any plain file beside the vault', async () => {
    const run = await f.cli(['rotate-secret', 'Rotating', '--delete-old']);
    expect(run.code, run.stderr).toBe(0);
    const health = await f.cli(['health']);
    const secrets = await f.cli(['secrets', 'Rotating', '--json']);
    const [current] = ims.secretsOf(CLIENT);
    for (const out of [run, health, secrets]) {
      expect(out.stdout + out.stderr).not.toContain(current!.value);
      expect(out.stdout + out.stderr).not.toContain(FIRST_SECRET);
    }
    for (const name of readdirSync(f.dir)) {
      const bytes = readFileSync(path.join(f.dir, name)).toString('latin1');
      expect(bytes, name).not.toContain(current!.value);
      expect(bytes, name).not.toContain(FIRST_SECRET);
    }
  });
});

describe('two rotations at once', () => {
  it('refuses the second while the first holds the lock, and loses nothing when the first is killed', async () => {
    const held = ims.intercept(isSecretsRequest('POST'), { hold: true });
    const first = spawn(process.execPath, [CLI, 'rotate-secret', 'Rotating'], { env: { ...process.env, ...f.env }, stdio: 'ignore' });
    const exited = new Promise((resolve) => first.on('exit', resolve));
    await held;
    const second = await f.cli(['rotate-secret', 'Rotating']);
    expectCleanOneLine(second, /Another Keysmith process is rotating the client secret of "Rotating"/);
    first.kill('SIGKILL');
    await exited;
    const rerun = await f.cli(['rotate-secret', 'Rotating', '--delete-old']);
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(ims.secretsOf(CLIENT)).toHaveLength(1);
    expect((await f.ok(['secret', 'Rotating'])).trim()).toBe(ims.secretsOf(CLIENT)[0]!.value);
  });
});
