/**
 * The interactive paths, on a real pseudo-terminal (util-linux `script`, see support/pty.ts):
 * passphrases and client secrets are asked for with nothing echoed, and what was typed works
 * afterwards. Input is typed the moment the terminal stops echoing, before the prompt is
 * necessarily drawn, as a paste or `expect` would: never in a race with the prompt's text.
 */
import { describe, expect, it } from 'vitest';
import { runCli, tempDataDir } from '../support/cli';
import { PTY_TOOLS, onTerminal } from '../support/pty';

// Without its tools this file fails under CI (support/requirements.ts) and skips, saying so, elsewhere.
describe.skipIf(PTY_TOOLS === null)('prompts on a terminal', () => {
  it('asks for a new passphrase twice without echoing it, and the vault then opens with it', async () => {
    const env = { KEYSMITH_HOME: tempDataDir(), KEYSMITH_PASSPHRASE: undefined };
    const typed = 'typed-passphrase-4711';
    const result = await onTerminal(['init', '--passphrase'], env, async (t) => {
      await t.waitForEchoOff();
      t.type(`${typed}\r`);
      await t.waitForScreen(/Repeat the passphrase: $/);
      expect(await t.echoes()).toBe(false);
      t.type(`${typed}\r`);
    });
    expect(result.code, result.screen).toBe(0);
    expect(result.screen).toMatch(/New vault passphrase: [\s\S]*Recovery key/);
    expect(result.screen).not.toContain(typed);
    expect((await runCli(['status', '--json'], { env: { ...env, KEYSMITH_PASSPHRASE: typed } })).code).toBe(0);
  });

  it('unlocks, then asks for the client secret hidden, and stores what was typed', async () => {
    const env = { KEYSMITH_HOME: tempDataDir(), KEYSMITH_PASSPHRASE: undefined };
    expect((await runCli(['init', '--passphrase-stdin'], { env, input: 'vault-passphrase-1\n' })).code).toBe(0);
    const secret = 'typed-client-secret-0123456789';
    const result = await onTerminal(['add', 'oauth-s2s', '--name', 'Typed', '--client-id', 'c', '--scopes', 'openid'], env, async (t) => {
      await t.waitForEchoOff();
      t.type('vault-passphrase-1\r');
      await t.waitForScreen(/Client secret \(input hidden\): $/);
      expect(await t.echoes()).toBe(false);
      t.type(`${secret}\r`);
    });
    expect(result.code, result.screen).toBe(0);
    expect(result.screen).toMatch(/Vault passphrase: /);
    expect(result.screen).not.toContain(secret);
    expect(result.screen).not.toContain('vault-passphrase-1');
    const stored = await runCli(['secret', 'Typed'], { env: { ...env, KEYSMITH_PASSPHRASE: 'vault-passphrase-1' } });
    expect(stored.stdout).toBe(secret);
  });

  it('refuses two different passphrases and creates nothing', async () => {
    const env = { KEYSMITH_HOME: tempDataDir(), KEYSMITH_PASSPHRASE: undefined };
    const result = await onTerminal(['init', '--passphrase'], env, async (t) => {
      await t.waitForEchoOff();
      t.type('first-passphrase\rother-passphrase\r');
    });
    expect(result.code).toBe(1);
    expect(result.screen).toMatch(/The two passphrases differ; nothing was created/);
    expect(result.screen).not.toMatch(/first-passphrase|other-passphrase/);
    expect((await runCli(['status', '--json'], { env })).stdout).toMatch(/"vault": null/);
  });

  it('cancels on Ctrl-C in one line, showing nothing that was typed', async () => {
    const env = { KEYSMITH_HOME: tempDataDir(), KEYSMITH_PASSPHRASE: undefined };
    const result = await onTerminal(['init', '--passphrase'], env, async (t) => {
      await t.waitForEchoOff();
      t.type('half-typed\u0003');
      await t.exited;
    });
    // 130, as a shell reports a command stopped by Ctrl-C.
    expect(result.code).toBe(130);
    expect(result.screen).toMatch(/keysmith: cancelled; nothing was changed/);
    expect(result.screen).not.toContain('half-typed');
  });
});
