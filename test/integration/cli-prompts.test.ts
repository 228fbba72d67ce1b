/**
 * The interactive paths, on a real pseudo-terminal (util-linux `script`): passphrases and client
 * secrets are asked for with nothing echoed, and what was typed works afterwards.
 */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CLI, runCli, tempDataDir } from '../support/cli';
import { requireTool } from '../support/requirements';

const SCRIPT = requireTool('script', 'util-linux `script` makes the pseudo-terminal the prompts are typed into', 'bsdutils');

/** Runs the CLI on a pty and answers each prompt (matched in order) when it appears. */
function onTerminal(args: string[], env: NodeJS.ProcessEnv, answers: [RegExp, string][]): Promise<{ code: number; screen: string }> {
  const command = [process.execPath, CLI, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn(SCRIPT!, ['-qec', command, '/dev/null'], { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let screen = '';
    let next = 0;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no prompt matched in time; screen so far:\n${screen}`));
    }, 20_000);
    child.stdout.on('data', (d: Buffer) => {
      screen += d.toString();
      while (next < answers.length && answers[next]![0].test(screen.slice(screen.lastIndexOf('\n', screen.length - 2) + 1))) {
        child.stdin.write(`${answers[next]![1]}\r`);
        next++;
      }
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, screen });
    });
  });
}

describe.skipIf(SCRIPT === null)('prompts on a terminal', () => {
  it('asks for a new passphrase twice without echoing it, and the vault then opens with it', async () => {
    const env = { KEYSMITH_HOME: tempDataDir() };
    const typed = 'typed-passphrase-4711';
    const result = await onTerminal(['init', '--passphrase'], env, [
      [/New vault passphrase: $/, typed],
      [/Repeat the passphrase: $/, typed],
    ]);
    expect(result.code, result.screen).toBe(0);
    expect(result.screen).toMatch(/Recovery key/);
    expect(result.screen).not.toContain(typed);
    expect((await runCli(['status', '--json'], { env: { ...env, KEYSMITH_PASSPHRASE: typed } })).code).toBe(0);
  });

  it('unlocks, then asks for the client secret hidden, and stores what was typed', async () => {
    const env = { KEYSMITH_HOME: tempDataDir() };
    expect((await runCli(['init', '--passphrase-stdin'], { env, input: 'vault-passphrase-1\n' })).code).toBe(0);
    const secret = 'typed-client-secret-0123456789';
    const result = await onTerminal(['add', 'oauth-s2s', '--name', 'Typed', '--client-id', 'c', '--scopes', 'openid'], env, [
      [/Vault passphrase: $/, 'vault-passphrase-1'],
      [/Client secret \(input hidden\): $/, secret],
    ]);
    expect(result.code, result.screen).toBe(0);
    expect(result.screen).not.toContain(secret);
    expect(result.screen).not.toContain('vault-passphrase-1');
    const stored = await runCli(['secret', 'Typed'], { env: { ...env, KEYSMITH_PASSPHRASE: 'vault-passphrase-1' } });
    expect(stored.stdout).toBe(secret);
  });

  it('refuses two different passphrases and creates nothing', async () => {
    const env = { KEYSMITH_HOME: tempDataDir() };
    const result = await onTerminal(['init', '--passphrase'], env, [
      [/New vault passphrase: $/, 'first-passphrase'],
      [/Repeat the passphrase: $/, 'other-passphrase'],
    ]);
    expect(result.code).toBe(1);
    expect(result.screen).toMatch(/The two passphrases differ; nothing was created/);
    expect((await runCli(['status', '--json'], { env })).stdout).toMatch(/"vault": null/);
  });
});
