import { KIND_LABELS } from '../../shared/integration-kinds';
import { listIntegrations, summarize } from '../../core/integration-view';
import { openVaultIfExists, type CliContext } from '../cli-context';
import { parseCommandArgs } from '../parse-args';
import { formatTable } from '../table';
import { writeLine } from '../terminal';

export async function list(args: string[], ctx: CliContext): Promise<void> {
  const { values } = parseCommandArgs('list', args, { json: { type: 'boolean' } }, { min: 0, max: 0, names: '' });
  const vault = await openVaultIfExists(ctx);
  const rows = vault ? listIntegrations(vault.document).map(summarize) : [];
  if (values.json) {
    writeLine(ctx.io.stdout, JSON.stringify(rows, null, 2));
    return;
  }
  if (rows.length === 0) {
    writeLine(ctx.io.stdout, 'No integrations yet: add one with `keysmith add <apikey|oauth-s2s|jwt|oauth2> --name NAME ...`');
    return;
  }
  writeLine(
    ctx.io.stdout,
    formatTable(
      ['NAME', 'KIND', 'CLIENT ID', 'ORG ID'],
      rows.map((r) => [r.name, KIND_LABELS[r.kind], r.clientId, r.orgId ?? '-']),
    ),
  );
}
