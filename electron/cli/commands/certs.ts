import { keyHolder, keysOf, summarizeKeyPair } from '../../core/keys/keypair-store';
import { openVault, type CliContext } from '../cli-context';
import { expiryWarning, keyTable } from '../key-output';
import { writeTable } from '../output';
import { parseCommandArgs } from '../parse-args';
import { writeLine } from '../terminal';

export async function certs(args: string[], ctx: CliContext): Promise<void> {
  const { values, positionals } = parseCommandArgs('certs', args, { json: { type: 'boolean' } }, { min: 1, max: 1, names: 'the name of the integration' });
  const vault = await openVault(ctx);
  const integration = keyHolder(vault.document, positionals[0]!);
  const keys = keysOf(integration).map((k) => summarizeKeyPair(k));
  if (values.json) {
    writeLine(ctx.io.stdout, JSON.stringify(keys, null, 2));
    return;
  }
  if (keys.length === 0) {
    writeLine(ctx.io.stdout, `"${integration.name}" has no keys yet: \`keysmith keygen "${integration.name}"\` makes one`);
    return;
  }
  const table = keyTable(keys);
  writeTable(ctx, table.headers, table.rows);
  for (const key of keys) {
    const warning = expiryWarning(key);
    if (warning) writeLine(ctx.io.stderr, warning);
  }
}
