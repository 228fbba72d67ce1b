import { KIND_LABELS } from '../../shared/integration-kinds';
import { getIntegration, maskIntegration } from '../../core/integration-view';
import { visibleText } from '../../shared/terminal-text';
import { openVault, type CliContext } from '../cli-context';
import { parseCommandArgs } from '../parse-args';
import { writeLine } from '../terminal';

const LABELS: [string, string][] = [
  ['name', 'Name'],
  ['description', 'Description'],
  ['clientId', 'Client ID'],
  ['clientSecrets', 'Client secrets'],
  ['orgId', 'Org ID'],
  ['technicalAccountId', 'Technical account ID'],
  ['technicalAccountEmail', 'Technical account email'],
  ['scopes', 'Scopes'],
  ['metascopes', 'Metascopes'],
  ['imsEndpoint', 'IMS endpoint'],
  ['tokenUrl', 'Token URL'],
  ['authMethod', 'Client auth method'],
  ['audience', 'Audience'],
  ['createdAt', 'Created'],
  ['updatedAt', 'Updated'],
];

export async function show(args: string[], ctx: CliContext): Promise<void> {
  const { values, positionals } = parseCommandArgs('show', args, { json: { type: 'boolean' } }, { min: 1, max: 1, names: 'the name of the integration' });
  const vault = await openVault(ctx);
  const masked = maskIntegration(getIntegration(vault.document, positionals[0]!));
  if (values.json) {
    writeLine(ctx.io.stdout, JSON.stringify(masked, null, 2));
    return;
  }
  const record = masked as unknown as Record<string, unknown>;
  const lines = [`Kind: ${KIND_LABELS[masked.kind]}`];
  for (const [field, label] of LABELS) {
    const value = record[field];
    if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) continue;
    // One field, one line: a line break in a value must not forge a field of its own.
    lines.push(`${label}: ${visibleText(Array.isArray(value) ? value.join(', ') : String(value))}`);
  }
  for (const key of masked.keys ?? []) {
    lines.push(visibleText(`Key: ${key.fingerprintSha256} (RSA ${key.bits}${key.active ? ', active' : ''}, ${key.origin})`));
  }
  writeLine(ctx.io.stdout, lines.join('\n'));
}
