import { getIntegration, primarySecret } from '../../core/integration-view';
import { openVault, type CliContext } from '../cli-context';
import { parseCommandArgs } from '../parse-args';

/** The secret alone, for `$(keysmith secret x)` and pipes; a newline only when a person is reading. */
export async function secret(args: string[], ctx: CliContext): Promise<void> {
  const { positionals } = parseCommandArgs('secret', args, {}, { min: 1, max: 1, names: 'the name of the integration' });
  const vault = await openVault(ctx);
  const value = primarySecret(getIntegration(vault.document, positionals[0]!));
  ctx.io.stdout.write(ctx.io.stdout.isTTY ? `${value}\n` : value);
}
