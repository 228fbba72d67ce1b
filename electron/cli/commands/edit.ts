import { updateIntegration } from '../../core/integration-store';
import { getIntegration, summarize } from '../../core/integration-view';
import { openVault, type CliContext } from '../cli-context';
import { INTEGRATION_OPTIONS, fieldsFromFlags, withFlagNames } from '../integration-flags';
import { writeJson } from '../output';
import { parseCommandArgs, usageError, type OptionSpec } from '../parse-args';
import { readClientSecret } from '../secret-input';
import { writeLine } from '../terminal';

export async function edit(args: string[], ctx: CliContext): Promise<void> {
  const { values, positionals } = parseCommandArgs('edit', args, { ...INTEGRATION_OPTIONS, json: { type: 'boolean' as const } } as OptionSpec, { min: 1, max: 1, names: 'the name of the integration to edit' });
  const name = positionals[0]!;
  const vault = await openVault(ctx);
  const { kind } = getIntegration(vault.document, name);
  const patch = fieldsFromFlags(kind, values, 'edit');
  if (values['client-secret-stdin']) {
    if (kind === 'apiKey') throw usageError('edit', 'apiKey integrations have no client secret');
    patch.clientSecrets = [await readClientSecret(ctx, true)];
  }
  if (Object.keys(patch).length === 0) throw usageError('edit', 'Nothing to change: give at least one flag');
  const updated = await withFlagNames(() => vault.update((doc) => updateIntegration(doc, name, patch)));
  if (values.json) {
    writeJson(ctx, { updated: summarize(updated), changed: Object.keys(patch).sort() });
    return;
  }
  writeLine(ctx.io.stdout, `Updated "${updated.name}"`);
}
