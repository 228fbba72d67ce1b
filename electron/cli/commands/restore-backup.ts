import { Vault } from '../../core/vault';
import { unlockChooser, type CliContext } from '../cli-context';
import { parseCommandArgs } from '../parse-args';
import { writeLine } from '../terminal';
import { visibleText } from '../../shared/terminal-text';

export async function restoreBackup(args: string[], ctx: CliContext): Promise<void> {
  parseCommandArgs('restore-backup', args, {}, { min: 0, max: 0, names: '' });
  const { vault, keptAs } = await Vault.restoreBackup(ctx.dataDir, unlockChooser(ctx), { keychain: ctx.keychain });
  writeLine(ctx.io.stdout, `Restored the previous generation (${vault.document.integrations.length} integrations) to ${visibleText(vault.paths.vault)}`);
  if (keptAs) writeLine(ctx.io.stdout, `The file it replaced is kept as ${keptAs}`);
}
