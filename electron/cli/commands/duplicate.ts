import { duplicateIntegration } from '../../core/duplicate-integration';
import { getIntegration } from '../../core/integration-view';
import { openVault, type CliContext } from '../cli-context';
import { withFlagNames } from '../integration-flags';
import { parseCommandArgs } from '../parse-args';
import { writeLine } from '../terminal';

export async function duplicate(args: string[], ctx: CliContext): Promise<void> {
  const { values, positionals } = parseCommandArgs('duplicate', args, { name: { type: 'string' } }, { min: 1, max: 1, names: 'the name of the integration to duplicate' });
  const vault = await openVault(ctx);
  const source = getIntegration(vault.document, positionals[0]!).name;
  const copy = await withFlagNames(() => vault.update((doc) => duplicateIntegration(doc, source, values.name)));
  writeLine(ctx.io.stdout, `Duplicated "${source}" as "${copy.name}"`);
}
