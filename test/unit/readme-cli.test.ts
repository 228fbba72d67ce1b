/**
 * The README (and docs/) held to the CLI: every `keysmith` command line they show names a command
 * that exists, uses only flags that command's parser accepts, and `keysmith help COMMAND` (the built
 * CLI, folded as a reader sees it) mentions each of those flags. The completion table is held to
 * the same parsers, read by calling each command with a flag nobody accepts and recording the
 * options it hands to parseCommandArgs. The npm scripts the README tells people to run exist.
 */
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { COMPLETION } from '../../electron/cli/command-flags';
import { PUBLIC_COMMANDS, type CommandName } from '../../electron/cli/command-names';
import { COMMAND_HELP } from '../../electron/cli/help';
import type { CliContext } from '../../electron/cli/cli-context';
import { docInvocations, type DocInvocation } from '../support/doc-commands';
import { MemoryKeychain } from '../support/memory-keychain';
import { ROOT, runCli } from '../support/cli';

const parsed = vi.hoisted(() => new Map<string, Set<string>>());
vi.mock('../../electron/cli/parse-args', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../electron/cli/parse-args')>();
  return {
    ...real,
    parseCommandArgs: ((command, args, options, positionals) => {
      const seen = parsed.get(command) ?? new Set<string>();
      for (const flag of Object.keys(options)) seen.add(flag);
      parsed.set(command, seen);
      return real.parseCommandArgs(command, args, options, positionals);
    }) as typeof real.parseCommandArgs,
  };
});

const PROBE = '--no-such-flag-anywhere';
/** Commands whose flags come after a subcommand word. */
const SUBCOMMANDS: Partial<Record<CommandName, string[]>> = { bundle: ['export', 'import'] };
/** Flags a parser accepts that completion leaves out on purpose. */
const NOT_COMPLETED: Partial<Record<CommandName, Record<string, string>>> = {
  add: { 'client-secret': 'accepted only to refuse it: argv shows in ps and shell history' },
  edit: { 'client-secret': 'accepted only to refuse it: argv shows in ps and shell history' },
};
/** The program's own flags, valid after any command or none. */
const PROGRAM_FLAGS = ['help', 'version'];

const DOCS = ['README.md', ...readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
const invocations: DocInvocation[] = DOCS.flatMap((file) => docInvocations(readFileSync(path.join(ROOT, file), 'utf8'), file));
const commandLines = invocations.filter((i) => !/^[<[]/.test(i.command) && !i.command.startsWith('--'));

function probeContext(): CliContext {
  const stream = () => Object.assign(new PassThrough(), { isTTY: false }) as unknown as NodeJS.WriteStream;
  const home = path.join(mkdtempSync(path.join(tmpdir(), 'keysmith-readme-')), 'data');
  const io = { stdin: stream() as unknown as NodeJS.ReadStream, stdout: stream(), stderr: stream() };
  return { io, env: { KEYSMITH_HOME: home }, dataDir: home, keychain: new MemoryKeychain() };
}

/** cli.ts's lazy table, read as text: which module and export each command runs. */
function commandModules(): Map<string, { file: string; exported: string; factory: boolean }> {
  const source = readFileSync(path.join(ROOT, 'electron', 'cli.ts'), 'utf8');
  const rows = source.matchAll(/^\s*'?([a-z_-]+)'?: async \(\) => \(await import\('\.\/(cli\/commands\/[a-z-]+)'\)\)\.(\w+)(\([A-Z_]+\))?,/gm);
  return new Map([...rows].map((m) => [m[1]!, { file: m[2]!, exported: m[3]!, factory: m[4] !== undefined }]));
}

beforeAll(async () => {
  const modules = commandModules();
  for (const command of PUBLIC_COMMANDS) {
    const entry = modules.get(command);
    if (!entry) continue;
    const file = path.join(ROOT, 'electron', `${entry.file}.ts`);
    const mod = (await import(file)) as Record<string, (...a: unknown[]) => unknown>;
    const run = (entry.factory ? mod[entry.exported]!('0.0.0') : mod[entry.exported]) as (args: string[], ctx: CliContext) => Promise<void>;
    for (const sub of SUBCOMMANDS[command] ?? [null]) {
      await expect(run(sub ? [sub, PROBE] : [PROBE], probeContext()), command).rejects.toThrow();
    }
  }
});

/** What each command's parser accepts; `exec` reads its one flag by hand, before `--`. */
function acceptedFlags(command: CommandName): string[] {
  if (command === 'exec') return ['force'];
  return [...(parsed.get(command) ?? [])];
}

describe('the command lines the README and docs/ show', () => {
  it('are found (the extraction itself works)', () => {
    expect(commandLines.length).toBeGreaterThan(80);
    expect(commandLines).toContainEqual(expect.objectContaining({ command: 'unlock', flags: expect.arrayContaining(['minutes', 'shell']) }));
    expect(commandLines).toContainEqual(expect.objectContaining({ command: 'edit', flags: expect.arrayContaining(['console-api']) }));
    expect(commandLines).toContainEqual(expect.objectContaining({ command: 'lock', flags: ['all'] }));
    expect(commandLines).toContainEqual(expect.objectContaining({ command: 'add', words: expect.arrayContaining(['oauth-s2s']), flags: expect.arrayContaining(['client-secret-stdin']) }));
  });

  it('name commands that exist', () => {
    const unknown = commandLines.filter((i) => !(PUBLIC_COMMANDS as string[]).includes(i.command));
    expect(unknown.map((i) => `${i.where}: keysmith ${i.command}`)).toEqual([]);
  });

  it('use only flags the command accepts', () => {
    const wrong = commandLines.flatMap((i) =>
      i.flags.filter((f) => !PROGRAM_FLAGS.includes(f) && !acceptedFlags(i.command as CommandName).includes(f)).map((f) => `${i.where}: keysmith ${i.command} --${f}`),
    );
    expect(wrong).toEqual([]);
  });

  it('use only flags that `keysmith help COMMAND` mentions', async () => {
    const used = new Map<string, Set<string>>();
    for (const i of commandLines) for (const f of i.flags) if (!PROGRAM_FLAGS.includes(f)) used.set(i.command, (used.get(i.command) ?? new Set()).add(f));
    const missing: string[] = [];
    await Promise.all(
      [...used].map(async ([command, flags]) => {
        const help = await runCli(['help', command]);
        expect(help.code, `keysmith help ${command}`).toBe(0);
        // `edit`'s help points at `add`'s list ("[flags of add]") rather than repeating it.
        const referred = /flags of ([a-z-]+)/.exec(help.stdout)?.[1];
        const text = referred ? `${help.stdout}${(await runCli(['help', referred])).stdout}` : help.stdout;
        for (const f of flags) if (!text.includes(`--${f}`)) missing.push(`keysmith help ${command} does not mention --${f}`);
      }),
    );
    expect(missing.sort()).toEqual([]);
  });

  it('use program flags only as the program has them', async () => {
    const program = invocations.filter((i) => i.command.startsWith('--')).map((i) => i.command.slice(2));
    for (const flag of program) expect(PROGRAM_FLAGS).toContain(flag);
    expect((await runCli(['--version'])).code).toBe(0);
  });
});

describe('the completion table', () => {
  it('offers exactly the flags each command parses', () => {
    for (const command of PUBLIC_COMMANDS) {
      if (command === 'help') continue;
      const accepted = acceptedFlags(command).filter((f) => !(f in (NOT_COMPLETED[command] ?? {})));
      expect(Object.keys(COMPLETION[command].flags).sort(), command).toEqual(accepted.sort());
    }
  });

  it("offers only flags the command's help mentions (edit's help refers to add's flags)", () => {
    const unmentioned = PUBLIC_COMMANDS.flatMap((command) => {
      const help = `${COMMAND_HELP[command]}${command === 'edit' ? COMMAND_HELP.add : ''}`;
      return Object.keys(COMPLETION[command].flags).filter((f) => !help.includes(`--${f}`)).map((f) => `keysmith help ${command}: --${f}`);
    });
    expect(unmentioned).toEqual([]);
  });

  it('was read from every command but help (which cli.ts answers itself)', () => {
    const unread = PUBLIC_COMMANDS.filter((c) => c !== 'help' && c !== 'exec' && !parsed.has(c));
    expect(unread).toEqual([]);
  });
});

describe('the npm commands the README gives', () => {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const scripts = Object.keys((JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts);
  // npm's own commands; `start` and `test` run the scripts of those names.
  const NPM_BUILTINS = ['ci', 'link', 'install'];

  it('run scripts package.json has', () => {
    const runs = [...readme.matchAll(/\bnpm run ([a-z:-]+)/g)].map((m) => m[1]!);
    const shorthand = [...readme.matchAll(/\bnpm (start|test)\b/g)].map((m) => m[1]!);
    expect(runs).toEqual(expect.arrayContaining(['bench', 'build', 'lint', 'typecheck']));
    expect(shorthand).toEqual(expect.arrayContaining(['start', 'test']));
    for (const script of [...runs, ...shorthand]) expect(scripts, `npm ${script}`).toContain(script);
    for (const m of readme.matchAll(/\bnpm ([a-z]+)/g)) if (m[1] !== 'run') expect([...scripts, ...NPM_BUILTINS], `npm ${m[1]}`).toContain(m[1]);
  });

  it('include the quick starts: npm ci && npm start, npm ci && npm test', () => {
    expect(readme).toContain('npm ci && npm start');
    expect(readme).toContain('npm ci && npm test');
  });
});
