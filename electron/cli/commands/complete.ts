/**
 * `keysmith __complete --shell SHELL -- WORD...`: what the completion scripts ask on each Tab. The
 * words are the command line after `keysmith`, the last one being the word under the cursor.
 * Prints one candidate per line (fish and zsh get a description too), or `:file` for "complete a
 * path". Integration names are offered only when the vault opens without asking: keychain,
 * KEYSMITH_PASSPHRASE or a session. Nothing is ever prompted for, created or written, and any
 * failure just offers nothing.
 */
import { listIntegrations } from '../../core/integration-view';
import { INTEGRATION_KINDS, KIND_LABELS } from '../../shared/integration-kinds';
import { visibleText } from '../../shared/terminal-text';
import { openVaultIfExists, type CliContext } from '../cli-context';
import { COMPLETION, COMPLETION_SHELLS, type CommandCompletion } from '../command-flags';
import { COMMAND_SUMMARIES, type CommandName } from '../command-names';

type Shell = (typeof COMPLETION_SHELLS)[number];
interface Candidate {
  word: string;
  about?: string;
}
const FILE = ':file';
const ALIASES: Record<string, CommandName> = { ls: 'list' };

function commandOf(word: string | undefined): CommandName | null {
  if (word === undefined) return null;
  if (Object.hasOwn(ALIASES, word)) return ALIASES[word]!;
  return Object.hasOwn(COMMAND_SUMMARIES, word) ? (word as CommandName) : null;
}

async function integrationNames(ctx: CliContext): Promise<Candidate[]> {
  // A stdin that is not a terminal: the unlock chooser throws instead of asking.
  const silent: CliContext = { ...ctx, io: { ...ctx.io, stdin: { isTTY: false } as NodeJS.ReadStream } };
  try {
    const vault = await openVaultIfExists(silent);
    return vault ? listIntegrations(vault.document).map((i) => ({ word: i.name, about: KIND_LABELS[i.kind] })) : [];
  } catch {
    return [];
  }
}

/** Flag words and positional words before the cursor, with the flag values set aside. */
function positionalsBefore(spec: CommandCompletion, words: string[]): string[] {
  const found: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w === '--') break;
    if (w.startsWith('-')) {
      const kind = spec.flags[w.replace(/^--/, '').split('=')[0]!];
      if (kind !== undefined && kind !== 'bool' && !w.includes('=')) i++;
      continue;
    }
    found.push(w);
  }
  return found;
}

async function candidates(words: string[], ctx: CliContext): Promise<Candidate[] | typeof FILE> {
  if (words.length <= 1) return Object.entries(COMMAND_SUMMARIES).map(([word, about]) => ({ word, about }));
  const command = commandOf(words[0]);
  if (!command) return [];
  const spec = COMPLETION[command];
  const before = words.slice(1, -1);
  const current = words[words.length - 1]!;
  if (command === 'exec' && before.includes('--')) return FILE;
  const previous = before[before.length - 1];
  if (previous?.startsWith('--') && !previous.includes('=')) {
    const value = spec.flags[previous.slice(2)];
    if (value === 'file') return FILE;
    if (Array.isArray(value)) return value.map((word) => ({ word }));
    if (value === 'value') return [];
  }
  if (current.startsWith('-')) {
    const used = new Set(before.filter((w) => w.startsWith('--')).map((w) => w.slice(2).split('=')[0]));
    return [...Object.keys(spec.flags).filter((f) => !used.has(f)), 'help'].map((f) => ({ word: `--${f}` }));
  }
  const positionals = positionalsBefore(spec, before);
  switch (spec.args) {
    case 'name':
      return positionals.length === 0 ? integrationNames(ctx) : [];
    case 'names': {
      const taken = new Set(positionals.map((p) => p.toLowerCase()));
      return (await integrationNames(ctx)).filter((c) => !taken.has(c.word.toLowerCase()));
    }
    case 'kinds':
      return positionals.length === 0 ? INTEGRATION_KINDS.map((word) => ({ word, about: KIND_LABELS[word] })) : [];
    case 'file':
      return positionals.length === 0 ? FILE : [];
    case 'commands':
      return positionals.length === 0 ? Object.entries(COMMAND_SUMMARIES).map(([word, about]) => ({ word, about })) : [];
    case 'shells':
      return positionals.length === 0 ? COMPLETION_SHELLS.map((word) => ({ word })) : [];
    case 'bundle':
      if (positionals.length === 0) return [{ word: 'export', about: 'write integrations to an encrypted file' }, { word: 'import', about: 'read an encrypted file' }];
      return positionals[0] === 'export' ? integrationNames(ctx) : positionals.length === 1 ? FILE : [];
    default:
      return [];
  }
}

/** One line per candidate, and nothing a terminal would act on (an old vault's name may hold ESC). */
const oneLine = (s: string) => visibleText(s);

function format(shell: Shell, c: Candidate): string {
  const word = oneLine(c.word);
  if (shell === 'bash' || !c.about) return shell === 'zsh' ? word.replace(/\\/g, '\\\\').replace(/:/g, '\\:') : word;
  if (shell === 'fish') return `${word}\t${oneLine(c.about)}`;
  return `${word.replace(/\\/g, '\\\\').replace(/:/g, '\\:')}:${oneLine(c.about)}`;
}

export async function complete(args: string[], ctx: CliContext): Promise<void> {
  const shellAt = args.indexOf('--shell');
  const shell = (shellAt >= 0 ? args[shellAt + 1] : 'bash') as Shell;
  const dash = args.indexOf('--');
  const words = dash >= 0 ? args.slice(dash + 1) : [];
  if (words.length === 0) words.push('');
  const found = await candidates(words, ctx);
  if (found === FILE) {
    ctx.io.stdout.write(`${FILE}\n`);
    return;
  }
  const prefix = words[words.length - 1]!.toLowerCase();
  const lines = found.filter((c) => c.word.toLowerCase().startsWith(prefix)).map((c) => format(COMPLETION_SHELLS.includes(shell) ? shell : 'bash', c));
  if (lines.length) ctx.io.stdout.write(`${lines.join('\n')}\n`);
}
