import { KeysmithError } from '../../core/errors';
import { Vault } from '../../core/vault';
import { findWrap } from '../../core/vault-envelope';
import { DEFAULT_SESSION_MINUTES, MAX_SESSION_MINUTES, createSession } from '../../core/vault-session';
import { vaultPaths } from '../../core/data-dir';
import type { CliContext } from '../cli-context';
import { localTime } from '../local-time';
import { writeJson } from '../output';
import { parseCommandArgs, usageError } from '../parse-args';
import { sessionShell, setLine } from '../session-shell';
import { promptHidden, readStdin, writeExact, writeLine } from '../terminal';

/**
 * `eval "$(keysmith unlock)"`: asks for the passphrase once and prints the line that puts the
 * session key in the shell's environment (vault-session.ts says what is kept where).
 */
export async function unlock(args: string[], ctx: CliContext): Promise<void> {
  const { values } = parseCommandArgs('unlock', args, {
    minutes: { type: 'string' },
    'passphrase-stdin': { type: 'boolean' },
    shell: { type: 'string' },
    json: { type: 'boolean' },
  }, { min: 0, max: 0, names: '' });
  const minutes = values.minutes === undefined ? DEFAULT_SESSION_MINUTES : Number(values.minutes);
  if (!/^\d+$/.test(String(values.minutes ?? minutes)) || minutes < 1 || minutes > MAX_SESSION_MINUTES) {
    throw usageError('unlock', `--minutes must be a whole number from 1 to ${MAX_SESSION_MINUTES} (got "${values.minutes}")`);
  }
  const shell = sessionShell(values.shell, ctx.env);
  const header = await Vault.readHeader(ctx.dataDir);
  if (!header) throw new KeysmithError('vault_not_found', `No vault at ${vaultPaths(ctx.dataDir).vault}: there is nothing to unlock`, { action: 'init' });
  if (!findWrap(header, 'passphrase')) {
    writeLine(ctx.io.stderr, 'This vault opens with the OS keychain: every command opens it without asking, so no session is needed.');
    return;
  }
  let passphrase: string;
  if (values['passphrase-stdin']) passphrase = await readStdin(ctx.io, 'passphrase');
  else if (ctx.env.KEYSMITH_PASSPHRASE) passphrase = ctx.env.KEYSMITH_PASSPHRASE;
  else if (ctx.io.stdin.isTTY) passphrase = await promptHidden(ctx.io, 'Vault passphrase: ');
  else throw usageError('unlock', 'No passphrase: pipe it with --passphrase-stdin, or run in a terminal to be asked');
  const vault = await Vault.open(ctx.dataDir, async () => ({ method: 'passphrase', passphrase }), { keychain: ctx.keychain });
  const session = await createSession(vault, minutes);
  if (values.json) {
    writeJson(ctx, { session: session.token, expiresAt: new Date(session.expiresAt).toISOString() });
    return;
  }
  writeExact(ctx.io.stdout, setLine(shell, session.token));
  writeLine(
    ctx.io.stderr,
    `Session started; it ends at ${localTime(session.expiresAt)}, or with \`eval "$(keysmith lock)"\`.` +
      (ctx.io.stdout.isTTY ? ' To use it, run this command as: eval "$(keysmith unlock)"' : ''),
  );
}
