/** An OAuth S2S integration in a fresh vault whose credential lives in the emulator's secrets API. */
import { runCli, tempDataDir, type CliResult } from './cli';
import type { ImsEmulator } from './ims-emulator';
import { SECRET_MANAGEMENT_SCOPES } from '../../electron/shared/secret-rotation';
import { Vault } from '../../electron/core/vault';
import { MemoryKeychain } from './memory-keychain';

export const ORG = '1234567890ABCDEF12345678@AdobeOrg';
export const CONSOLE_ORG = '1187321';
export const CREDENTIAL = '77000001';
export const CLIENT = 's2s-rotate-client';
export const FIRST_SECRET = 'p8e-first-secret-0000000000000000';
export const OWN_SCOPES = ['openid', 'AdobeID', 'read_organizations'];

export interface RotationFixture {
  dir: string;
  env: NodeJS.ProcessEnv;
  cli: (args: string[], input?: string) => Promise<CliResult>;
  ok: (args: string[], input?: string) => Promise<string>;
}

export async function rotationFixture(ims: ImsEmulator, opts: { scopes?: string[]; name?: string; dir?: string } = {}): Promise<RotationFixture> {
  const dir = opts.dir ?? tempDataDir();
  const env = { KEYSMITH_HOME: dir, KEYSMITH_PASSPHRASE: 'rotation tests passphrase' };
  const cli = (args: string[], input?: string) => runCli(args, { env, input });
  const ok = async (args: string[], input?: string) => {
    const r = await cli(args, input);
    if (r.code !== 0) throw new Error(`keysmith ${args.join(' ')} failed (${r.code}): ${r.stderr}`);
    return r.stdout;
  };
  ims.registerClient({
    clientId: CLIENT,
    clientSecrets: [FIRST_SECRET],
    orgId: ORG,
    scopes: opts.scopes ?? [...new Set([...OWN_SCOPES, ...SECRET_MANAGEMENT_SCOPES])],
    consoleOrgId: CONSOLE_ORG,
    credentialId: CREDENTIAL,
  });
  await ok(
    ['add', 'oauth-s2s', '--name', opts.name ?? 'Rotating', '--client-id', CLIENT, '--org-id', ORG, '--scopes', OWN_SCOPES.join(','), '--ims-endpoint', ims.url,
      '--console-api', ims.url, '--console-url', `https://developer.adobe.com/console/projects/${CONSOLE_ORG}/4566206088344794932/credentials/${CREDENTIAL}/details/oauthservertoserver`, '--client-secret-stdin'],
    FIRST_SECRET,
  );
  return { dir, env, cli, ok };
}

/** What the vault holds for the fixture's integration: its secrets, and the pending rotation step. */
export async function storedSecrets(dir: string, passphrase: string): Promise<{ secrets: string[]; step: string | undefined }> {
  const vault = await Vault.open(dir, async () => ({ method: 'passphrase', passphrase }), { keychain: new MemoryKeychain() });
  const integration = vault.document.integrations[0]!;
  if (integration.kind !== 'oauthS2S') throw new Error('expected the S2S integration');
  return { secrets: integration.clientSecrets, step: integration.secretRotation?.pending?.step };
}

/** Whether `secret` mints a token for the fixture's client at the emulator: Adobe's view, not the vault's. */
export async function mintsAt(ims: ImsEmulator, secret: string): Promise<boolean> {
  const body = new URLSearchParams({ grant_type: 'client_credentials', client_id: CLIENT, client_secret: secret, scope: 'openid' });
  const answer = await fetch(`${ims.url}/ims/token/v3`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
  return answer.status === 200;
}
