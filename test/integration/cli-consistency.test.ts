/**
 * The CLI's promises across commands, piped (as scripts run it): `--json` on every command that
 * reports something, one spelling per kind, exit codes (2 for usage, 127 for exec's missing
 * command), "did you mean" for commands, flags, kinds and names, `version`, `help help`, `rm` that
 * asks or takes --yes and says truthfully what `restore-backup` brings back, tab-separated tables,
 * and a refused connection given up at once.
 */
import { createServer } from 'node:net';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli, tempDataDir, type CliResult } from '../support/cli';
import { copyDataDir } from '../support/data-dir-template';
import { MemoryKeychain } from '../support/memory-keychain';
import { Vault } from '../../electron/core/vault';

const PASSPHRASE = 'correct horse battery staple';
const ORG = '1234567890ABCDEF12345678@AdobeOrg';
let template: string;
let env: NodeJS.ProcessEnv;
const cli = (args: string[], input?: string) => runCli(args, { env, input });

function usage(result: CliResult, pattern: RegExp): void {
  expect(result.code, result.stderr).toBe(2);
  expect(result.stderr.trim().split('\n'), result.stderr).toHaveLength(1);
  expect(result.stderr).toMatch(pattern);
  expect(result.stdout).toBe('');
}

const json = (r: CliResult) => {
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Record<string, unknown>;
};

beforeAll(async () => {
  template = tempDataDir();
  env = { KEYSMITH_HOME: template, KEYSMITH_PASSPHRASE: PASSPHRASE };
  expect((await cli(['init'])).code).toBe(0);
  expect((await cli(['add', 'oauth-s2s', '--name', 'Cloud Manager', '--client-id', 's2s', '--org-id', ORG, '--scopes', 'openid', '--client-secret-stdin'], 'secret-1')).code).toBe(0);
  expect((await cli(['add', 'apikey', '--name', 'Stock', '--client-id', 'stock-key'])).code).toBe(0);
  expect((await cli(['add', 'apikey', '--name', 'Fonts', '--client-id', 'fonts-key'])).code).toBe(0);
}, 120_000);

beforeEach(() => {
  env = { KEYSMITH_HOME: copyDataDir(template), KEYSMITH_PASSPHRASE: PASSPHRASE };
});

describe('--json on every command that reports something', () => {
  it('add, edit and rm answer in JSON with the model spelling of the kind', async () => {
    const added = json(await cli(['add', 'API_KEY', '--name', 'Photos', '--client-id', 'p-key', '--json']));
    expect(added).toEqual({ added: expect.objectContaining({ name: 'Photos', kind: 'apiKey', clientId: 'p-key', orgId: null }) });
    const edited = json(await cli(['edit', 'photos', '--description', 'stock photos', '--json']));
    expect(edited).toMatchObject({ updated: { name: 'Photos', description: 'stock photos' }, changed: ['description'] });
    const removed = json(await cli(['rm', 'Photos', '--yes', '--json']));
    expect(removed).toMatchObject({ removed: [{ name: 'Photos', kind: 'apiKey' }] });
    expect(String(removed.backup)).toMatch(/vault\.ksv\.bak$/);
  });

  it('import, bundle export and bundle import answer in JSON', async () => {
    const file = `${tempDataDir()}.env`;
    const { writeFileSync } = await import('node:fs');
    writeFileSync(file, 'CLIENT_ID=env-client\nCLIENT_SECRET=env-secret\nORGANIZATION_ID=1234567890ABCDEF12345678@AdobeOrg\nSCOPES=openid\n');
    const dry = json(await cli(['import', file, '--dry-run', '--json']));
    expect(dry).toMatchObject({ dryRun: true, plan: [{ action: 'add', kind: 'oauthS2S', clientId: 'env-client' }] });
    const done = json(await cli(['import', file, '--json']));
    expect(done).toMatchObject({ dryRun: false, plan: [{ action: 'add', kind: 'oauthS2S' }] });

    const out = `${tempDataDir()}.ksb`;
    const sealed = json(await cli(['bundle', 'export', 'Stock', 'Fonts', '--out', out, '--passphrase-stdin', '--json'], 'bundle passphrase 42!'));
    expect(sealed).toEqual({ file: out, integrations: ['Stock', 'Fonts'] });
    const opened = json(await cli(['bundle', 'import', out, '--passphrase-stdin', '--json'], 'bundle passphrase 42!'));
    expect((opened.plan as { action: string }[]).map((p) => p.action)).toEqual(['update', 'update']);
  });

  it('keygen answers in JSON with the key and where its certificate went', async () => {
    expect((await cli(['add', 'jwt', '--name', 'J', '--client-id', 'c', '--org-id', ORG, '--technical-account-id', 'A@techacct.adobe.com', '--metascopes', 'ent_x', '--client-secret-stdin'], 's')).code).toBe(0);
    const out = `${tempDataDir()}.crt`;
    const made = json(await cli(['keygen', 'J', '--cert-out', out, '--json']));
    expect(made).toMatchObject({ integration: 'J', certificateFile: out, key: { bits: 2048, active: true } });
    expect((made.key as { fingerprintSha256: string }).fingerprintSha256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    // A second key says how to switch to it, with the one short fingerprint form, and that command works.
    const second = await cli(['keygen', 'J', '--cert-out', `${out}.2`]);
    const full = /Fingerprint \(SHA-256\): ((?:[0-9A-F]{2}:){31}[0-9A-F]{2})/.exec(second.stdout)![1]!;
    const hint = /keysmith use-key "J" --fingerprint (\S+)/.exec(second.stdout)![1]!;
    expect(hint).toBe(full.slice(0, 23));
    expect((await cli(['use-key', 'J', '--fingerprint', hint])).code).toBe(0);
  });

  it('token --json is --format json; it refuses a contradicting --format', async () => {
    const token = json(await cli(['token', 'Stock', '--json']));
    expect(token).toMatchObject({ apiKey: 'stock-key' });
    usage(await cli(['token', 'Stock', '--json', '--format', 'raw']), /--json and --format raw ask for different outputs/);
  });

  it('version and version --json; help help', async () => {
    const plain = await cli(['version']);
    expect(plain.stdout).toMatch(/^\d+\.\d+\.\d+\S*\n$/);
    expect((await cli(['--version'])).stdout).toBe(plain.stdout);
    expect(json(await cli(['version', '--json']))).toMatchObject({ version: plain.stdout.trim(), node: process.versions.node });
    const help = await cli(['help', 'help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^keysmith help \[command\]/);
    const general = await cli(['help']);
    for (const command of ['unlock', 'lock', 'completion', 'version']) expect(general.stdout).toMatch(new RegExp(`^  ${command} +\\S`, 'm'));
  });
});

describe('exit codes and "did you mean"', () => {
  it('a mistyped command, flag, kind, subcommand or help topic is a usage error with the likely one', async () => {
    usage(await cli(['lsit']), /unknown command "lsit"\. Did you mean `keysmith list`\?/);
    usage(await cli(['help', 'tokn']), /no command "tokn"\. Did you mean `keysmith help token`\?/);
    usage(await cli(['token', 'Stock', '--fromat', 'raw']), /Unknown option --fromat\. Did you mean --format\?/);
    usage(await cli(['add', 'oauth-s2', '--name', 'x']), /Unknown kind "oauth-s2": use apiKey\|oauthS2S\|jwt\|oauth2\|oauthUser\|oauth2User\. Did you mean "oauthS2S"\?/);
    usage(await cli(['bundle', 'exprot']), /Did you mean "export"\?/);
    usage(await cli(['token', 'Stock', '--format', 'jsn']), /--format must be one of raw, header, curl, json, env or jwt \(got "jsn"\)\. Did you mean "json"\?/);
    usage(await cli(['completion', 'bsh']), /Did you mean "bash"\?/);
    // Nothing plausible: no suggestion, and an inherited property is not a command.
    const far = await cli(['toString']);
    usage(far, /unknown command "toString" \(see `keysmith help`\)/);
  });

  it('a mistyped integration name suggests the closest name, regardless of case', async () => {
    const result = await cli(['show', 'cloud manger']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/No integration named "cloud manger"\. Did you mean "Cloud Manager"\?/);
    expect((await cli(['show', 'zzzzzzzz'])).stderr).not.toMatch(/Did you mean/);
  });

  it('every missing required flag is a usage error (2), model-required ones included', async () => {
    usage(await cli(['add', 'apikey', '--name', 'x']), /--client-id is required/);
    usage(await cli(['add', 'apikey', '--client-id', 'x']), /--name is required/);
    usage(await cli(['add', 'oauth-s2s', '--name', 'x', '--client-id', 'c', '--client-secret-stdin'], 's'), /--scopes is required/);
    usage(await cli(['export', 'Stock']), /--format is required/);
    usage(await cli(['export-key', 'Stock']), /--out FILE is required/);
    usage(await cli(['use-key', 'Stock']), /--fingerprint is required/);
    usage(await cli(['bundle', 'export', 'Stock']), /--out FILE is required/);
    // A given but invalid value stays invalid input (1), naming the flag.
    const bad = await cli(['add', 'apikey', '--name', 'x', '--client-id', 'c', '--org-id', 'nope']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^keysmith: --org-id: /);
  });

  it('exec ends with 127 when its command is not found, 126 when it cannot be run', async () => {
    const missing = await cli(['exec', 'Stock', '--', 'no-such-command-4711']);
    expect(missing).toMatchObject({ code: 127, stderr: 'keysmith: command not found: no-such-command-4711\n' });
    const notExecutable = await cli(['exec', 'Stock', '--', tempDataDir().replace(/data$/, '')]);
    expect(notExecutable.code, notExecutable.stderr).toBe(126);
  });

  it('inspect of an apiKey integration says it has no token', async () => {
    const result = await cli(['inspect', 'Stock']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('keysmith: "Stock" is an apiKey integration: it has no access token to inspect (its key is sent as the x-api-key header)\n');
  });
});

describe('rm', () => {
  it('will not remove without --yes where nobody can be asked, and removes nothing', async () => {
    usage(await cli(['rm', 'Stock']), /pass --yes to remove without asking/);
    expect(json(await cli(['list', '--json']))).toHaveLength(3);
  });

  it('removes several names in one change that restore-backup brings back whole, and says so', async () => {
    const result = await cli(['rm', 'Stock', 'FONTS', 'stock', '--yes']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('Removed "Stock"\nRemoved "Fonts"\n');
    expect(result.stderr).toMatch(/Until the vault changes again, `keysmith restore-backup` puts back the vault as it was before this command .*; after the next change, they are gone\./);
    expect((json(await cli(['list', '--json'])) as unknown as unknown[]).length).toBe(1);
    expect((await cli(['restore-backup'])).code).toBe(0);
    expect((json(await cli(['list', '--json'])) as unknown as { name: string }[]).map((i) => i.name).sort()).toEqual(['Cloud Manager', 'Fonts', 'Stock']);
  });

  it('one unknown name among several removes nothing', async () => {
    const result = await cli(['rm', 'Stock', 'nope', '--yes']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/No integration named "nope"/);
    expect((json(await cli(['list', '--json'])) as unknown as unknown[]).length).toBe(3);
  });
});

describe('output for pipes', () => {
  it('list is tab-separated rows without a header, names and kinds as JSON spells them; no colour', async () => {
    const result = await cli(['list']);
    expect(result.stdout).toBe(`Cloud Manager\toauthS2S\ts2s\t${ORG}\nFonts\tapiKey\tfonts-key\t-\nStock\tapiKey\tstock-key\t-\n`);
    expect(result.stdout).not.toContain('\u001b');
  });

  it('no next-step hint and no progress reach a pipe', async () => {
    const result = await cli(['add', 'jwt', '--name', 'J', '--client-id', 'c', '--org-id', ORG, '--technical-account-id', 'A@techacct.adobe.com', '--metascopes', 'ent_x', '--client-secret-stdin'], 's');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('Added Service Account (JWT) integration "J"\n');
    expect(result.stderr).toBe('');
  });
});

describe('token endpoints that cannot answer', () => {
  it('a refused connection is given up at once, not retried like a timeout', async () => {
    // A port that was just free: nothing listens there.
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port: p } = server.address() as { port: number };
        server.close(() => resolve(p));
      });
    });
    expect((await cli(['add', 'oauth2', '--name', 'Down', '--client-id', 'c', '--token-url', `http://127.0.0.1:${port}/token`, '--client-secret-stdin'], 's')).code).toBe(0);
    const result = await cli(['token', 'Down']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Could not get a token: http:\/\/127\.0\.0\.1:\d+\/token refused the connection \(nothing listens on that port\)/);
    expect(result.stderr).not.toMatch(/attempts/);
  });
});

describe('a keychain vault whose keychain is gone', () => {
  // On Linux the keychain is the Secret Service on the session bus; a bus that is not there is a keychain that is not there.
  it.skipIf(process.platform !== 'linux')('points to recover --passphrase, not to init', async () => {
    const home = tempDataDir();
    await Vault.create(home, { method: 'keychain' }, { keychain: new MemoryKeychain() });
    const result = await runCli(['list'], { env: { KEYSMITH_HOME: home, KEYSMITH_PASSPHRASE: undefined, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' } });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/and this vault's key is kept there: start your keyring service, or switch the vault to a passphrase with `keysmith recover --passphrase`/);
    expect(result.stderr).not.toMatch(/init/);
  });
});
