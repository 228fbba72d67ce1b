import { SESSION_ENV, endAllSessions, endSession } from '../../core/vault-session';
import type { CliContext } from '../cli-context';
import { writeJson } from '../output';
import { parseCommandArgs } from '../parse-args';
import { sessionShell, unsetLine } from '../session-shell';
import { writeExact, writeLine } from '../terminal';

/** `eval "$(keysmith lock)"`: ends this shell's session (its file is deleted) and unsets the variable. */
export async function lock(args: string[], ctx: CliContext): Promise<void> {
  const { values } = parseCommandArgs('lock', args, { all: { type: 'boolean' }, shell: { type: 'string' }, json: { type: 'boolean' } }, { min: 0, max: 0, names: '' });
  const shell = sessionShell(values.shell, ctx.env);
  const token = ctx.env[SESSION_ENV];
  let ended = 0;
  if (values.all) ended = await endAllSessions(ctx.dataDir);
  else if (token) ended = (await endSession(ctx.dataDir, token)) ? 1 : 0;
  if (values.json) {
    writeJson(ctx, { ended });
    return;
  }
  if (token || values.all) writeExact(ctx.io.stdout, unsetLine(shell));
  if (values.all) writeLine(ctx.io.stderr, `Ended ${ended} session${ended === 1 ? '' : 's'}.`);
  else if (!token) writeLine(ctx.io.stderr, `No session in this shell (${SESSION_ENV} is not set); --all ends every session of this vault.`);
  else writeLine(ctx.io.stderr, ended ? 'Session ended.' : 'That session had already ended.');
}
