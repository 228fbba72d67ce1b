/**
 * `keysmith duplicate`: the built CLI on a real vault. It is the same core function as the app's
 * Duplicate button (core/duplicate-integration.ts), so the CLI can now do what the app could:
 * copy an integration with its secret and keys under a new id, named "<name> (copy)" or as asked.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { runCli, tempDataDir, type CliResult } from '../support/cli';

const CANARY = 'CANARY-dup-5e1b7c3a9d';
const ORG = '1234567890ABCDEF12345678@AdobeOrg';
const TECH = 'ABCDEF0123456789@techacct.adobe.com';

let env: NodeJS.ProcessEnv;
const cli = (args: string[], input?: string) => runCli(args, { env, input });

async function ok(args: string[], input?: string): Promise<CliResult> {
  const result = await cli(args, input);
  expect(result.code, result.stderr).toBe(0);
  return result;
}

function expectOneLineError(result: CliResult, pattern: RegExp): void {
  expect(result.code, result.stderr).toBe(1);
  const lines = result.stderr.trim().split('\n');
  expect(lines, result.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
}

interface Shown {
  id?: string;
  name: string;
  clientId: string;
  metascopes: string[];
  keys?: { id: string; fingerprintSha256: string; active: boolean }[];
}
const show = async (name: string) => JSON.parse((await ok(['show', name, '--json'])).stdout) as Shown;
const names = async () => (JSON.parse((await ok(['list', '--json'])).stdout) as { name: string }[]).map((i) => i.name);

beforeEach(async () => {
  env = { KEYSMITH_HOME: tempDataDir(), KEYSMITH_PASSPHRASE: 'correct horse battery staple' };
  await ok(['init']);
  await ok(
    ['add', 'jwt', '--name', 'AEM prod', '--client-id', 'cm-client', '--org-id', ORG, '--technical-account-id', TECH, '--metascopes', 'ent_aem_cloud_api', '--client-secret-stdin'],
    CANARY,
  );
});

describe('keysmith duplicate', () => {
  it('copies every field, the secret and the keys (new key ids, same key) as "<name> (copy)", then "(copy 2)"', async () => {
    await ok(['keygen', 'AEM prod', '--cert-out', `${env.KEYSMITH_HOME}/prod.crt`]);
    const source = await show('AEM prod');

    const first = await ok(['duplicate', 'aem PROD']);
    expect(first.stdout.trim()).toBe('Duplicated "AEM prod" as "AEM prod (copy)"');
    const copy = await show('AEM prod (copy)');
    expect(copy).toMatchObject({ clientId: source.clientId, metascopes: source.metascopes });
    expect((await ok(['secret', 'AEM prod (copy)'])).stdout).toBe(CANARY);
    expect(copy.keys?.map((k) => k.fingerprintSha256)).toEqual(source.keys?.map((k) => k.fingerprintSha256));
    expect(copy.keys?.[0]?.id).not.toBe(source.keys?.[0]?.id);

    expect((await ok(['duplicate', 'AEM prod'])).stdout.trim()).toBe('Duplicated "AEM prod" as "AEM prod (copy 2)"');
    expect(await names()).toEqual(['AEM prod', 'AEM prod (copy 2)', 'AEM prod (copy)']);
  });

  it('takes the new name from --name, and refuses one that is taken or invalid without writing', async () => {
    expect((await ok(['duplicate', 'AEM prod', '--name', 'AEM stage'])).stdout.trim()).toBe('Duplicated "AEM prod" as "AEM stage"');
    expect((await ok(['secret', 'AEM stage'])).stdout).toBe(CANARY);

    expectOneLineError(await cli(['duplicate', 'AEM prod', '--name', 'aem STAGE']), /already exists/);
    expectOneLineError(await cli(['duplicate', 'AEM prod', '--name', ' ']), /^keysmith: --name: name must not be empty$/);
    expectOneLineError(await cli(['duplicate', 'Nope']), /Nope/);
    expect(await names()).toEqual(['AEM prod', 'AEM stage']);
  });

  it('is a usage error without a name', async () => {
    const result = await cli(['duplicate']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Missing the name of the integration to duplicate/);
  });
});
