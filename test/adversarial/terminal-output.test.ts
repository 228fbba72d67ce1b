/**
 * No byte a terminal acts on reaches one from data: escape sequences (CSI, OSC 52 clipboard
 * writes), C0/C1 controls, DEL and bidi overrides held by an old vault, an import file, a bundle or
 * a server's answer come out of the real CLI as visible escapes; `--json` stays valid JSON with the
 * exact values; machine output (`token`) stays byte for byte.
 *
 * Hostile vaults are written through the real vault code without the model's validation, as a vault
 * from before a check existed looks (test/support/raw-vault.ts).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { visibleLines, visibleText } from '../../electron/shared/terminal-text';
import { runCli, tempDataDir, type CliResult } from '../support/cli';
import { writeRawIntegrations } from '../support/raw-vault';

const PASSPHRASE = 'terminal output passphrase';

const OSC52 = '\u001b]52;c;ZWNobyBwd25lZA==\u0007'; // writes "echo pwned" to the clipboard
const CLEAR = '\u001b[2J\u001b[H';
const C1_CSI = '\u009b31m';
const RLO = '\u202e';

const HOSTILE_NAME = `prod${RLO}gnp.exe${OSC52}${CLEAR}`;
const HOSTILE_CLIENT_ID = `cid${C1_CSI}\u007f\u2066x\u2069`;
const HOSTILE_DESCRIPTION = 'one\r\nFAKE: line\u0008\u0000\u2028end';
const HOSTILE_ORG = '\u202a1234567890ABCDEF12345678@AdobeOrg\u202c';
const HOSTILE_SCOPES = ['openid\u001b[8m', `x\u2067${RLO}`];

/** Every character a terminal acts on, line feed aside. Written out here, not imported from the code under test. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;

function expectTerminalSafe(text: string, where: string): void {
  const match = RAW_CONTROL.exec(text);
  const at = match ? `U+${match[0].codePointAt(0)!.toString(16).padStart(4, '0')} in ${JSON.stringify(text.slice(Math.max(0, match.index - 20), match.index + 20))}` : '';
  expect(match, `${where} holds a raw control character: ${at}`).toBeNull();
}

function expectClean(result: CliResult, what: string): void {
  expectTerminalSafe(result.stdout, `stdout of ${what}`);
  expectTerminalSafe(result.stderr, `stderr of ${what}`);
  expect(result.stderr, what).not.toMatch(/\n\s+at /);
}

/** A fresh data dir holding the hostile integrations, as an old vault could. */
async function hostileVault(): Promise<NodeJS.ProcessEnv> {
  const dir = tempDataDir();
  await writeRawIntegrations(dir, PASSPHRASE, [
    { kind: 'apiKey', name: HOSTILE_NAME, clientId: HOSTILE_CLIENT_ID, description: HOSTILE_DESCRIPTION },
    { kind: 'oauthS2S', name: 'plain', clientId: 'plain-id', clientSecrets: ['s3cret-value'], orgId: HOSTILE_ORG, scopes: HOSTILE_SCOPES },
  ]);
  return { KEYSMITH_HOME: dir, KEYSMITH_PASSPHRASE: PASSPHRASE };
}

describe('human output of hostile vault fields', () => {
  it('list shows every control character as a visible escape, one row per integration', async () => {
    const env = await hostileVault();
    const result = await runCli(['list'], { env });
    expect(result.code, result.stderr).toBe(0);
    // Piped, the table is tab-separated: the tabs are the separators, and no field adds one.
    expectClean({ ...result, stdout: result.stdout.replace(/\t/g, ' ') }, 'list');
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2); // 2 rows, no header: nothing in a field starts a row of its own
    for (const line of lines) expect(line.split('\t')).toHaveLength(4);
    expect(result.stdout).toContain('\\u001b]52;c;ZWNobyBwd25lZA==\\u0007');
    expect(result.stdout).toContain('\\u202e');
    expect(result.stdout).toContain('\\u009b31m\\u007f\\u2066x\\u2069');
    expect(result.stdout).toContain('\\u202a1234567890ABCDEF12345678@AdobeOrg\\u202c');
  });

  it('shell completion offers hostile names made visible, one per line, for every shell', async () => {
    const env = await hostileVault();
    for (const shell of ['bash', 'zsh', 'fish']) {
      const result = await runCli(['__complete', '--shell', shell, '--', 'show', ''], { env });
      expect(result.code, result.stderr).toBe(0);
      // fish separates a candidate from its description with a tab: the one tab allowed per line.
      expectClean({ ...result, stdout: result.stdout.replace(/\t/g, ' ') }, `__complete ${shell}`);
      const lines = result.stdout.trimEnd().split('\n');
      expect(lines, shell).toHaveLength(2);
      expect(lines.join('\n'), shell).toContain('\\u202e');
    }
  });

  it('show makes every field visible, line breaks in a field included', async () => {
    const env = await hostileVault();
    const result = await runCli(['show', HOSTILE_NAME], { env });
    expect(result.code, result.stderr).toBe(0);
    expectClean(result, 'show');
    expect(result.stdout).toMatch(/^Description: +one\\r\\nFAKE: line\\u0008\\u0000\\u2028end/m);
    expect(result.stdout).not.toMatch(/^FAKE: line/m);
    const s2s = await runCli(['show', 'plain'], { env });
    expect(s2s.code, s2s.stderr).toBe(0);
    expectClean(s2s, 'show plain');
    expect(s2s.stdout).toMatch(/^Scopes: +openid\\u001b\[8m, x\\u2067\\u202e/m);
  });

  it('--json stays valid JSON holding the exact values, and still puts no raw control on the terminal', async () => {
    const env = await hostileVault();
    const list = await runCli(['list', '--json'], { env });
    expect(list.code, list.stderr).toBe(0);
    expectClean(list, 'list --json');
    const rows = JSON.parse(list.stdout) as { name: string; clientId: string; orgId?: string }[];
    expect(rows.find((r) => r.name === HOSTILE_NAME)?.clientId).toBe(HOSTILE_CLIENT_ID);
    expect(rows.find((r) => r.name === 'plain')?.orgId).toBe(HOSTILE_ORG);

    const show = await runCli(['show', HOSTILE_NAME, '--json'], { env });
    expect(show.code, show.stderr).toBe(0);
    expectClean(show, 'show --json');
    expect(JSON.parse(show.stdout)).toMatchObject({ name: HOSTILE_NAME, clientId: HOSTILE_CLIENT_ID, description: HOSTILE_DESCRIPTION });
  });

  it('certs and status print names and paths made visible', async () => {
    const env = await hostileVault();
    const certs = await runCli(['certs', HOSTILE_NAME], { env });
    expectClean(certs, 'certs');
    expect(`${certs.stdout}${certs.stderr}`).toContain('\\u202e');

    const home = path.join(mkdtempSync(path.join(tmpdir(), 'keysmith-term-')), `data${CLEAR}${RLO}`);
    const status = await runCli(['status'], { env: { KEYSMITH_HOME: home } });
    expect(status.code, status.stderr).toBe(0);
    expectClean(status, 'status');
    expect(status.stdout).toContain('\\u001b[2J');
  });

  it('token prints an API key exactly as stored: machine output is not rewritten', async () => {
    const env = await hostileVault();
    const result = await runCli(['token', HOSTILE_NAME], { env });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe(`${HOSTILE_CLIENT_ID}\n`);
  });
});

describe('error lines', () => {
  it('an error naming a hostile value is one clean line', async () => {
    const env = await hostileVault();
    const result = await runCli(['show', `missing${OSC52}${RLO}\nkeysmith: forged`], { env });
    expect(result.code).toBe(1);
    expectClean(result, 'show missing');
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('\\u001b]52;c;');
  });

  it('an unknown command or help topic is echoed made visible', async () => {
    const unknown = await runCli([`x${CLEAR}`], { env: { KEYSMITH_HOME: tempDataDir() } });
    expect(unknown.code).toBe(2);
    expectClean(unknown, 'unknown command');
    const topic = await runCli(['help', `x${RLO}`], { env: { KEYSMITH_HOME: tempDataDir() } });
    expect(topic.code).toBe(2);
    expectClean(topic, 'help topic');
  });
});

describe('import files and bundles', () => {
  it('an import plan and its warnings show hostile values and file names made visible', async () => {
    const env = { KEYSMITH_HOME: tempDataDir(), KEYSMITH_PASSPHRASE: PASSPHRASE };
    const folder = mkdtempSync(path.join(tmpdir(), 'keysmith-term-'));
    const file = path.join(folder, `creds${OSC52}${RLO}.env`);
    writeFileSync(file, `CLIENT_ID=abc${CLEAR}def\nCLIENT_SECRET=s${RLO}x\nSCOPES=openid,a${C1_CSI}b\nUNKNOWN${RLO}=1\n`);
    for (const args of [['import', file, '--dry-run'], ['import', file]]) {
      const result = await runCli(args, { env });
      expectClean(result, args.join(' '));
      expect(`${result.stdout}${result.stderr}`).toContain('\\u202e');
    }
  });

  it('a bundle of hostile integrations is refused or imported without raw controls printed', async () => {
    const env = await hostileVault();
    const bundleFile = path.join(mkdtempSync(path.join(tmpdir(), 'keysmith-term-')), `share${RLO}.ksb`);
    const exported = await runCli(['bundle', 'export', HOSTILE_NAME, 'plain', '--out', bundleFile, '--passphrase-stdin'], { env, input: 'bundle passphrase 1' });
    // Sealing holds entries to today's model, so an entry stored before the control-character rule
    // may be refused here; either way nothing raw is printed.
    expectClean(exported, 'bundle export');
    if (exported.code !== 0) {
      expect(exported.stderr).toMatch(/must not contain control characters/);
      return;
    }
    const imported = await runCli(['bundle', 'import', bundleFile, '--passphrase-stdin'], { env: { KEYSMITH_HOME: tempDataDir(), KEYSMITH_PASSPHRASE: PASSPHRASE }, input: 'bundle passphrase 1' });
    // Whether the receiving model takes these names or refuses them, nothing raw is printed.
    expectClean(imported, 'bundle import');
  });
});

describe('server text', () => {
  let server: Server;
  let tokenUrl: string;
  /** What the token endpoint answers next. */
  let answer: { status: number; body: unknown } = { status: 200, body: {} };

  beforeAll(async () => {
    server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(answer.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(answer.body));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    tokenUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/token`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  async function oauth2Vault(): Promise<NodeJS.ProcessEnv> {
    const env = { KEYSMITH_HOME: tempDataDir(), KEYSMITH_PASSPHRASE: PASSPHRASE };
    const added = await runCli(['add', 'oauth2', '--name', 'remote', '--client-id', 'remote-client', '--token-url', tokenUrl, '--auth-method', 'client_secret_post', '--client-secret-stdin'], { env, input: 'remote-secret' });
    expect(added.code, added.stderr).toBe(0);
    return env;
  }

  it('a refusal whose error text carries escape sequences reads as one clean line', async () => {
    const env = await oauth2Vault();
    answer = { status: 400, body: { error: `invalid_client${CLEAR}`, error_description: `bad ${OSC52} client ${RLO}${C1_CSI}` } };
    const result = await runCli(['token', 'remote'], { env });
    expect(result.code).toBe(1);
    expectClean(result, 'token refused');
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('inspect shows hostile claims made visible, and --json keeps them exact', async () => {
    const env = await oauth2Vault();
    const part = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const claims = { sub: `user${OSC52}`, scope: `read${RLO} write`, [`k${CLEAR}`]: `v\u009b2J`, exp: Math.floor(Date.now() / 1000) + 3600 };
    const jwt = `${part({ alg: 'RS256', kid: `k${RLO}` })}.${part(claims)}.c2ln`;
    answer = { status: 200, body: { access_token: jwt, token_type: 'Bearer', expires_in: 3600 } };
    const human = await runCli(['inspect', 'remote'], { env });
    expect(human.code, human.stderr).toBe(0);
    expectClean(human, 'inspect');
    expect(human.stdout).toContain('\\u001b]52;c;');
    const json = await runCli(['inspect', 'remote', '--json'], { env });
    expect(json.code, json.stderr).toBe(0);
    expectClean(json, 'inspect --json');
    expect((JSON.parse(json.stdout) as { claims: unknown }).claims).toEqual(claims);
  });
});

describe('the escaping itself', () => {
  // Mostly the characters that matter, so every run meets them, among any other code point.
  const char = fc.oneof(fc.constantFrom('\u001b', '\u009b', '\u007f', '\u0000', '\n', '\r', '\u2028', '\u202e', '\u2066', '\u061c', '\\', '"'), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }));
  const anyText = fc.string({ unit: char, maxLength: 200 });

  it('visibleText leaves no control character, not even a line break', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const shown = visibleText(text);
        expect(shown).not.toMatch(RAW_CONTROL);
        expect(shown).not.toContain('\n');
      }),
    );
  });

  it('visibleLines over JSON.stringify output parses back to the same value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.dictionary(anyText, anyText), (value, record) => {
        for (const v of [value, record]) {
          const shown = visibleLines(JSON.stringify(v, null, 2));
          expect(shown).not.toMatch(RAW_CONTROL);
          expect(JSON.parse(shown)).toEqual(JSON.parse(JSON.stringify(v)));
        }
      }),
    );
  });

  it('text without control characters is left as it is', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const plain = text.replace(new RegExp(RAW_CONTROL.source, 'gu'), '').replace(/\n/g, '');
        expect(visibleText(plain)).toBe(plain);
      }),
    );
  });
});
