import { KIND_CHOICES } from '../../shared/integration-kinds';
import { listIntegrations, summarize } from '../../core/integration-view';
import { openVaultIfExists, type CliContext } from '../cli-context';
import { writeJson, writeTable } from '../output';
import { parseCommandArgs } from '../parse-args';
import { writeLine } from '../terminal';

export async function list(args: string[], ctx: CliContext): Promise<void> {
  const { values } = parseCommandArgs('list', args, { json: { type: 'boolean' } }, { min: 0, max: 0, names: '' });
  const vault = await openVaultIfExists(ctx);
  const rows = vault ? listIntegrations(vault.document).map(summarize) : [];
  if (values.json) {
    writeJson(ctx, rows);
    return;
  }
  if (rows.length === 0) {
    // A person is told what to do; a pipe gets no rows, as any empty table would give it.
    if (ctx.io.stdout.isTTY) writeLine(ctx.io.stdout, `No integrations yet: add one with \`keysmith add <${KIND_CHOICES}> --name NAME ...\``);
    else writeLine(ctx.io.stderr, 'No integrations yet');
    return;
  }
  writeTable(ctx, ['NAME', 'KIND', 'CLIENT ID', 'ORG ID'], rows.map((r) => [r.name, r.kind, r.clientId, r.orgId ?? '-']));
}
