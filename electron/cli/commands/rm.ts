import { getIntegration, summarize } from '../../core/integration-view';
import { removeIntegration } from '../../core/integration-store';
import { KIND_LABELS } from '../../shared/integration-kinds';
import { visibleText } from '../../shared/terminal-text';
import { openVault, type CliContext } from '../cli-context';
import { canAsk, confirm } from '../confirm';
import { ExitCode } from '../exit-code';
import { writeJson } from '../output';
import { parseCommandArgs, usageError } from '../parse-args';
import { writeLine } from '../terminal';

/**
 * Removes one or more integrations in one vault write, after asking (or with --yes). All names are
 * checked first: one unknown name removes nothing. What `restore-backup` can bring back is said as
 * it is: the vault as it was just before this command, and only until the next change.
 */
export async function rm(args: string[], ctx: CliContext): Promise<void> {
  const { values, positionals } = parseCommandArgs('rm', args, { yes: { type: 'boolean', short: 'y' }, json: { type: 'boolean' } }, { min: 1, max: Infinity, names: 'the name of the integration to remove' });
  if (!values.yes && !canAsk(ctx.io)) throw usageError('rm', 'Nothing can be asked here (standard input is not a terminal): pass --yes to remove without asking');
  const vault = await openVault(ctx);
  const targets = [...new Map(positionals.map((n) => {
    const i = getIntegration(vault.document, n);
    return [i.id, i] as const;
  })).values()];
  if (!values.yes) {
    const what = targets.map((i) => `  ${visibleText(i.name)} (${KIND_LABELS[i.kind]}, client id ${visibleText(i.clientId)})`).join('\n');
    ctx.io.stderr.write(`${what}\n`);
    const yes = await confirm(ctx.io, targets.length === 1 ? 'Remove this integration with its secrets and keys?' : `Remove these ${targets.length} integrations with their secrets and keys?`);
    if (!yes) {
      ctx.io.stderr.write('Nothing was removed.\n');
      throw new ExitCode(1);
    }
  }
  const removed = await vault.update((doc) => targets.map((t) => removeIntegration(doc, t.name)));
  if (values.json) {
    writeJson(ctx, { removed: removed.map(summarize), backup: vault.paths.backup });
    return;
  }
  for (const r of removed) writeLine(ctx.io.stdout, `Removed "${r.name}"`);
  writeLine(
    ctx.io.stderr,
    `Until the vault changes again, \`keysmith restore-backup\` puts back the vault as it was before this command (${vault.paths.backup}); after the next change, ${removed.length === 1 ? 'it is' : 'they are'} gone.`,
  );
}
