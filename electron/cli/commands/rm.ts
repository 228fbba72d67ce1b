import { removeIntegration } from '../../core/integration-store';
import { openVault, type CliContext } from '../cli-context';
import { parseCommandArgs } from '../parse-args';
import { writeLine } from '../terminal';

export async function rm(args: string[], ctx: CliContext): Promise<void> {
  const { positionals } = parseCommandArgs('rm', args, {}, { min: 1, max: 1, names: 'the name of the integration to remove' });
  const vault = await openVault(ctx);
  const removed = await vault.update((doc) => removeIntegration(doc, positionals[0]!));
  writeLine(ctx.io.stdout, `Removed "${removed.name}" (the previous vault generation is kept in ${vault.paths.backup})`);
}
