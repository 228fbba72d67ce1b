/**
 * The tables completion and help are built from (cli/command-names.ts, cli/command-flags.ts) held
 * to the commands themselves: every public command has help and completion, every flag a command's
 * help mentions is completed, and every flag completion offers is accepted by the built command.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMAND_HELP } from '../../electron/cli/help';
import { COMPLETION } from '../../electron/cli/command-flags';
import { COMMAND_SUMMARIES } from '../../electron/cli/command-names';
import { runCli, tempDataDir } from '../support/cli';

const commands = Object.keys(COMMAND_SUMMARIES) as (keyof typeof COMMAND_SUMMARIES)[];

describe('the command tables', () => {
  it('every public command has a help entry and a completion entry, and nothing else does', () => {
    expect(Object.keys(COMMAND_HELP).sort()).toEqual([...commands].sort());
    expect(Object.keys(COMPLETION).sort()).toEqual([...commands].sort());
  });

  it('every flag a help entry names is completed for that command', () => {
    for (const command of commands) {
      const mentioned = new Set([...COMMAND_HELP[command]!.matchAll(/--([a-z][a-z0-9-]*)/g)].map((m) => m[1]!));
      // --help and --version are the program's own, mentioned in prose.
      for (const flag of mentioned) if (flag !== 'help' && flag !== 'version') expect(Object.keys(COMPLETION[command].flags), `${command} --${flag}`).toContain(flag);
    }
  });

  it('every flag completion offers is accepted by the built command', async () => {
    const env = { KEYSMITH_HOME: tempDataDir(), KEYSMITH_PASSPHRASE: 'correct horse battery staple' };
    // A command that needs nothing else (login-cert --out) really writes its file: not into the checkout.
    const x = path.join(mkdtempSync(path.join(tmpdir(), 'keysmith-table-')), 'x');
    const results = await Promise.all(
      commands.map(async (command) => {
        const args = Object.entries(COMPLETION[command].flags).flatMap(([flag, value]) => (value === 'bool' ? [`--${flag}`] : [`--${flag}`, Array.isArray(value) ? value[0]! : x]));
        const words = command === 'bundle' ? ['bundle', 'export', ...args] : [command, ...args];
        return { command, result: await runCli(words, { env }) };
      }),
    );
    for (const { command, result } of results) expect(result.stderr, command).not.toMatch(/Unknown option/);
  }, 120_000);
});
