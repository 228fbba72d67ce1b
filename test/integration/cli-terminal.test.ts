/**
 * The CLI for a person, on a real pseudo-terminal (support/pty.ts): tables fitted to 80 columns
 * with a bold header (none with NO_COLOR), `show` aligned with local times, next-step hints, an
 * empty hidden answer asked again, `rm` asking, Ctrl-C ending with 130, and progress on stderr for
 * a slow token endpoint (a spinner, then "retrying 2/4 in 1 s…"). The piped twins of these are in
 * cli-consistency.test.ts.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { displayWidth } from '../../electron/cli/display-width';
import { runCli, tempDataDir } from '../support/cli';
import { copyDataDir } from '../support/data-dir-template';
import { PTY_TOOLS, onTerminal, finalScreen as plain } from '../support/pty';

const PASSPHRASE = 'correct horse battery staple';
const LONG_NAME = `Adobe Experience Manager production author tier ${'x'.repeat(30)}`;
let template: string;
const envFor = (extra: NodeJS.ProcessEnv = {}) => ({ KEYSMITH_HOME: copyDataDir(template), KEYSMITH_PASSPHRASE: PASSPHRASE, NO_COLOR: undefined, TERM: 'xterm', ...extra });

beforeAll(async () => {
  template = tempDataDir();
  const env = { KEYSMITH_HOME: template, KEYSMITH_PASSPHRASE: PASSPHRASE };
  expect((await runCli(['init'], { env })).code).toBe(0);
  expect((await runCli(['add', 'apikey', '--name', 'Stock', '--client-id', 'stock-key'], { env })).code).toBe(0);
  expect((await runCli(['add', 'apikey', '--name', LONG_NAME, '--client-id', `client-${'0123456789'.repeat(5)}`, '--org-id', '1234567890ABCDEF12345678@AdobeOrg'], { env })).code).toBe(0);
}, 120_000);

const servers: { close(): void }[] = [];
afterEach(() => servers.splice(0).forEach((s) => s.close()));

/** A token endpoint on loopback whose answers the test decides, request by request. */
async function tokenEndpoint(handle: (n: number, req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
  let n = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => handle(++n, req, res));
  });
  servers.push({ close: () => server.close() });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}/token`;
}

const TOKEN_ANSWER = JSON.stringify({ access_token: 'tok-from-slow-endpoint', token_type: 'bearer', expires_in: 3600 });

describe.skipIf(PTY_TOOLS === null)('the CLI on a terminal', () => {
  it('list fits 80 columns, cutting with …, under a bold header', async () => {
    const { code, screen } = await onTerminal(['list'], envFor(), async () => undefined);
    expect(code, screen).toBe(0);
    expect(screen, JSON.stringify(screen)).toContain('\u001b[1mNAME');
    const lines = plain(screen).trimEnd().split('\n');
    expect(lines[0]).toMatch(/^NAME +KIND +CLIENT ID +ORG ID$/);
    for (const line of lines) expect([...line].length, line).toBeLessThanOrEqual(80);
    expect(lines.find((l) => l.startsWith('Adobe Experience'))).toMatch(/…/);
    expect(lines.find((l) => l.startsWith('Stock'))).toMatch(/^Stock +apiKey +stock-key +-$/);
  });

  it('NO_COLOR (and TERM=dumb) leave no escape sequence at all', async () => {
    for (const extra of [{ NO_COLOR: '1' }, { TERM: 'dumb' }]) {
      const { code, screen } = await onTerminal(['show', 'Stock'], envFor(extra), async () => undefined);
      expect(code, screen).toBe(0);
      expect(screen).not.toContain('\u001b');
      expect(screen).toMatch(/Client ID: abc|Client ID: +stock-key/);
    }
  });

  it('show aligns its values and gives times in the local zone', async () => {
    const { code, screen } = await onTerminal(['show', 'Stock'], envFor({ TZ: 'Asia/Kolkata' }), async () => undefined);
    expect(code, screen).toBe(0);
    const lines = plain(screen).trimEnd().split('\n');
    const columns = new Set(lines.map((l) => l.search(/(?<=: +)\S/)));
    expect(columns.size, lines.join('\n')).toBe(1);
    expect(lines.find((l) => l.startsWith('Created:'))).toMatch(/\d{4}-\d\d-\d\d \d\d:\d\d \(UTC\+5:30\)$/);
  });

  it('after add, says the next step', async () => {
    const { code, screen } = await onTerminal(
      ['add', 'jwt', '--name', 'AEM stage', '--client-id', 'c', '--org-id', '1234567890ABCDEF12345678@AdobeOrg', '--technical-account-id', 'A@techacct.adobe.com', '--metascopes', 'ent_x'],
      envFor(),
      async (t) => {
        await t.waitForEchoOff();
        t.type('client-secret-typed\r');
      },
    );
    expect(code, screen).toBe(0);
    expect(plain(screen)).toMatch(/Added Service Account \(JWT\) integration "AEM stage"\nnext: keysmith keygen 'AEM stage' +\(make its key and certificate\)/);
  });

  it('asks again when Enter alone is given for a hidden answer', async () => {
    const { code, screen } = await onTerminal(['list'], envFor({ KEYSMITH_PASSPHRASE: undefined }), async (t) => {
      await t.waitForEchoOff();
      t.type('\r');
      await t.waitForScreen(/Nothing was typed: type it and press Enter, or press Ctrl-C to cancel\.\r?\nVault passphrase: $/);
      t.type(`${PASSPHRASE}\r`);
    });
    expect(code, screen).toBe(0);
    expect(screen).toContain('Stock');
    expect(screen).not.toContain(PASSPHRASE);
  });

  it('rm asks, and only y removes', async () => {
    const env = envFor();
    const no = await onTerminal(['rm', 'Stock'], env, async (t) => {
      await t.waitForScreen(/Remove this integration with its secrets and keys\? \[y\/N\] /);
      t.type('\r');
    });
    expect(no.code, no.screen).toBe(1);
    expect(no.screen).toMatch(/Stock \(API key, client id stock-key\)/);
    expect(no.screen).toMatch(/Nothing was removed\./);
    const yes = await onTerminal(['rm', 'Stock'], env, async (t) => {
      await t.waitForScreen(/\[y\/N\] /);
      t.type('y\r');
    });
    expect(yes.code, yes.screen).toBe(0);
    expect(yes.screen).toMatch(/Removed "Stock"/);
    expect((await runCli(['show', 'Stock'], { env })).code).toBe(1);
    // A hidden passphrase prompt, then the question: the terminal echoes again for the answer.
    const both = await onTerminal(['rm', LONG_NAME], { ...env, KEYSMITH_PASSPHRASE: undefined }, async (t) => {
      await t.waitForEchoOff();
      t.type(`${PASSPHRASE}\r`);
      await t.waitForScreen(/\[y\/N\] /);
      t.type('yes\r');
    });
    expect(both.code, both.screen).toBe(0);
    expect(both.screen).not.toContain(PASSPHRASE);
    expect(plain(both.screen), JSON.stringify(both.screen)).toMatch(/\[y\/N\] yes/);
  });

  it('Ctrl-C at a question or a hidden prompt ends with 130 and changes nothing', async () => {
    const env = envFor();
    const atQuestion = await onTerminal(['rm', 'Stock'], env, async (t) => {
      await t.waitForScreen(/\[y\/N\] /);
      t.type('\u0003');
    });
    expect(atQuestion.code, atQuestion.screen).toBe(130);
    expect(atQuestion.screen).toMatch(/keysmith: cancelled; nothing was changed/);
    const atPrompt = await onTerminal(['list'], { ...env, KEYSMITH_PASSPHRASE: undefined }, async (t) => {
      await t.waitForEchoOff();
      t.type('\u0003');
    });
    expect(atPrompt.code, atPrompt.screen).toBe(130);
    expect((await runCli(['show', 'Stock'], { env })).code).toBe(0);
  });

  it('keygen leaves no trace of its spinner in what it prints', async () => {
    const env = envFor();
    const add = ['add', 'jwt', '--name', 'K', '--client-id', 'c', '--org-id', '1234567890ABCDEF12345678@AdobeOrg', '--technical-account-id', 'A@techacct.adobe.com', '--metascopes', 'ent_x', '--client-secret-stdin'];
    expect((await runCli(add, { env, input: 's' })).code).toBe(0);
    const out = `${tempDataDir()}.crt`;
    const { code, screen } = await onTerminal(['keygen', 'K', '--bits', '4096', '--cert-out', out], env, async () => undefined);
    expect(code, screen).toBe(0);
    // Whether or not the spinner had time to show, the line it used was erased before the report.
    expect(plain(screen)).toMatch(/^Generated an RSA 4096 key for "K"$/m);
    expect(plain(screen)).not.toMatch(/Generating an RSA/);
  });

  it('certs fits 80 columns like list, and pipes tab-separated rows', async () => {
    const env = envFor();
    const add = ['add', 'jwt', '--name', 'C', '--client-id', 'c', '--org-id', '1234567890ABCDEF12345678@AdobeOrg', '--technical-account-id', 'A@techacct.adobe.com', '--metascopes', 'ent_x', '--client-secret-stdin'];
    expect((await runCli(add, { env, input: 's' })).code).toBe(0);
    expect((await runCli(['keygen', 'C', '--cert-out', `${tempDataDir()}.crt`], { env })).code).toBe(0);
    const { code, screen } = await onTerminal(['certs', 'C'], env, async () => undefined);
    expect(code, screen).toBe(0);
    const lines = plain(screen).trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ACTIVE +FINGERPRINT \(SHA-256\) +BITS +NOT AFTER +DAYS LEFT +ORIGIN$/);
    for (const line of lines) expect(displayWidth(line), line).toBeLessThanOrEqual(80);
    expect(lines[1]).toMatch(/^\* +([0-9A-F]{2}:){7}[0-9A-F:]*… +2048 /);
    const piped = await runCli(['certs', 'C'], { env });
    expect(piped.stdout.trimEnd()).toMatch(/^\*\t([0-9A-F]{2}:){31}[0-9A-F]{2}\t2048\t\d{4}-\d\d-\d\d\t\d+\t\S+$/);
  });

  it('list keeps wide and emoji names within 80 terminal columns', async () => {
    const env = envFor();
    const wide = `本番環境の統合🔑${'日本語'.repeat(12)}`;
    expect((await runCli(['add', 'apikey', '--name', wide, '--client-id', `k-${'9'.repeat(40)}`], { env })).code).toBe(0);
    const { code, screen } = await onTerminal(['list'], env, async () => undefined);
    expect(code, screen).toBe(0);
    const lines = plain(screen).trimEnd().split('\n');
    for (const line of lines) expect(displayWidth(line), line).toBeLessThanOrEqual(80);
    expect(lines.find((l) => l.startsWith('本番環境'))).toMatch(/…/);
  });

  it('shows a spinner while the token endpoint is slow, then a countdown between retries', async () => {
    let release: (() => void) | null = null;
    const url = await tokenEndpoint((n, _req, res) => {
      if (n === 1) {
        // Held until the test has seen the spinner: no timing guess.
        release = () => res.writeHead(503, { 'retry-after': '1' }).end('busy');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(TOKEN_ANSWER);
    });
    const env = envFor();
    expect((await runCli(['add', 'oauth2', '--name', 'Slow', '--client-id', 'c', '--token-url', url, '--client-secret-stdin'], { env, input: 's' })).code).toBe(0);
    const { code, screen } = await onTerminal(['token', 'Slow'], env, async (t) => {
      await t.waitForScreen(/Getting a token from 127\.0\.0\.1:\d+…/);
      release!();
      await t.waitForScreen(/retrying 2\/4 in 1 s… \(HTTP 503 busy\)/);
    });
    expect(code, screen).toBe(0);
    expect(screen).toContain('tok-from-slow-endpoint');
    // The progress line was erased before the token was printed: the token starts its own line.
    expect(plain(screen)).toMatch(/(^|\n)tok-from-slow-endpoint\n/);
  });
});
