/**
 * The `keysmith` command. Each command's module is imported only when it runs, so `keysmith list`
 * does not load what `keysmith add` needs (zod, prompts). Errors become one line on stderr and an
 * exit code: 1 for errors, 2 for usage errors. Never a stack trace.
 */
import { keepMemoryOutOfCoreDumps } from './core/core-dumps';
import { KeysmithError } from './core/errors';
import { cliErrorLine } from './cli/error-actions';
import { createContext, type CliContext } from './cli/cli-context';
import type { Io } from './cli/terminal';
import { ExitCode } from './cli/exit-code';
import { watchOutput } from './cli/closed-output';
import { visibleLines, visibleText } from './shared/terminal-text';
import { didYouMean, withHint } from './shared/did-you-mean';

declare const KEYSMITH_VERSION: string | undefined;
const VERSION = typeof KEYSMITH_VERSION === 'string' ? KEYSMITH_VERSION : '0.0.0-dev';

type Command = (args: string[], ctx: CliContext) => Promise<void>;

const COMMANDS: Record<string, () => Promise<Command>> = {
  init: async () => (await import('./cli/commands/init')).init,
  add: async () => (await import('./cli/commands/add')).add,
  list: async () => (await import('./cli/commands/list')).list,
  ls: async () => (await import('./cli/commands/list')).list,
  show: async () => (await import('./cli/commands/show')).show,
  edit: async () => (await import('./cli/commands/edit')).edit,
  rm: async () => (await import('./cli/commands/rm')).rm,
  duplicate: async () => (await import('./cli/commands/duplicate')).duplicate,
  secret: async () => (await import('./cli/commands/secret')).secret,
  status: async () => (await import('./cli/commands/status')).status,
  recover: async () => (await import('./cli/commands/recover')).recover,
  'restore-backup': async () => (await import('./cli/commands/restore-backup')).restoreBackup,
  keygen: async () => (await import('./cli/commands/keygen')).keygen,
  certs: async () => (await import('./cli/commands/certs')).certs,
  'import-key': async () => (await import('./cli/commands/import-key')).importKey,
  'export-cert': async () => (await import('./cli/commands/export-cert')).exportCert,
  'export-key': async () => (await import('./cli/commands/export-key')).exportKey,
  'use-key': async () => (await import('./cli/commands/use-key')).useKey,
  'rm-key': async () => (await import('./cli/commands/rm-key')).rmKey,
  token: async () => (await import('./cli/commands/token')).token,
  exec: async () => (await import('./cli/commands/exec')).exec,
  inspect: async () => (await import('./cli/commands/inspect')).inspect,
  import: async () => (await import('./cli/commands/import')).importFile,
  export: async () => (await import('./cli/commands/export')).exportCommand,
  bundle: async () => (await import('./cli/commands/bundle')).bundle,
  migrate: async () => (await import('./cli/commands/migrate')).migrate,
  formats: async () => (await import('./cli/commands/formats')).formats,
  login: async () => (await import('./cli/commands/login')).login,
  'login-cert': async () => (await import('./cli/commands/login-cert')).loginCert,
  logout: async () => (await import('./cli/commands/logout')).logout,
  whoami: async () => (await import('./cli/commands/whoami')).whoami,
  secrets: async () => (await import('./cli/commands/secrets')).secrets,
  'rotate-secret': async () => (await import('./cli/commands/rotate-secret')).rotateSecretCommand,
  health: async () => (await import('./cli/commands/health')).health,
  version: async () => (await import('./cli/commands/version')).versionCommand(VERSION),
  completion: async () => (await import('./cli/commands/completion')).completion,
  unlock: async () => (await import('./cli/commands/unlock')).unlock,
  lock: async () => (await import('./cli/commands/lock')).lock,
  __complete: async () => (await import('./cli/commands/complete')).complete,
};

async function printHelp(io: Io, topic?: string): Promise<number> {
  const { COMMAND_HELP, generalHelp } = await import('./cli/help');
  const { foldHelp } = await import('./cli/help-fold');
  if (topic && !COMMAND_HELP[topic]) {
    io.stderr.write(`keysmith: no command "${visibleText(topic)}"${withHint(didYouMean(topic, Object.keys(COMMAND_HELP), (s) => `\`keysmith help ${s}\``))} (see \`keysmith help\`)\n`);
    return 2;
  }
  // Folded to the terminal, or to 80 columns when piped (help is read, not parsed).
  io.stdout.write(`${foldHelp(topic ? COMMAND_HELP[topic]! : generalHelp(VERSION), (io.stdout.isTTY && io.stdout.columns) || 80)}\n`);
  return 0;
}

export async function run(argv: string[], io: Io, env: NodeJS.ProcessEnv): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') return printHelp(io, rest[0]);
  if (name === '--version' || name === '-v') {
    io.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!load) {
    const { PUBLIC_COMMANDS } = await import('./cli/command-names');
    io.stderr.write(`keysmith: unknown command "${visibleText(name)}"${withHint(didYouMean(name, PUBLIC_COMMANDS, (s) => `\`keysmith ${s}\``))} (see \`keysmith help\`)\n`);
    return 2;
  }
  // After `exec ... --`, flags belong to the child command.
  const own = name === 'exec' && rest.includes('--') ? rest.slice(0, rest.indexOf('--')) : rest;
  if (name !== '__complete' && (own.includes('--help') || own.includes('-h'))) return printHelp(io, name === 'ls' ? 'list' : name);
  try {
    await (await load())(rest, createContext(io, env));
    return 0;
  } catch (err) {
    if (err instanceof ExitCode) return err.code;
    // Messages quote names, files and servers: one line, nothing a terminal would act on.
    io.stderr.write(`keysmith: ${visibleText(cliErrorLine(err))}\n`);
    if (env.KEYSMITH_DEBUG && !(err instanceof KeysmithError)) io.stderr.write(`${visibleLines(String((err as Error).stack))}\n`);
    return err instanceof KeysmithError && err.code === 'usage' ? 2 : 1;
  }
}

// Before anything secret is read: the vault, the passphrase and tokens stay out of core dumps.
keepMemoryOutOfCoreDumps();

// Flush stdout before exiting: process.exit() would cut off large piped output.
const finish = watchOutput(process);
void run(process.argv.slice(2), process as unknown as Io, process.env).then(finish);
