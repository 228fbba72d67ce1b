import { SHOWN_FIELDS, fieldLabel, type FieldName } from '../../shared/fields';
import { KIND_LABELS } from '../../shared/integration-kinds';
import { getIntegration, maskIntegration } from '../../core/integration-view';
import { visibleText } from '../../shared/terminal-text';
import { openVault, type CliContext } from '../cli-context';
import { parseCommandArgs } from '../parse-args';
import { writeLine } from '../terminal';

/** What is shown, in this order, with the labels the app uses; absent fields are skipped. */
const ROWS: (FieldName | 'createdAt' | 'updatedAt')[] = ['name', 'description', 'clientSecrets', ...SHOWN_FIELDS, 'createdAt', 'updatedAt'];

function rowLabel(row: (typeof ROWS)[number], count: number): string {
  if (row === 'createdAt') return 'Created';
  if (row === 'updatedAt') return 'Updated';
  return fieldLabel(row, count);
}

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
  for (const row of ROWS) {
    const value = record[row];
    if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) continue;
    // One field, one line: a line break in a value must not forge a field of its own.
    const text = visibleText(Array.isArray(value) ? value.join(', ') : String(value));
    lines.push(`${rowLabel(row, Array.isArray(value) ? value.length : 1)}: ${text}`);
  }
  for (const key of masked.keys ?? []) {
    lines.push(visibleText(`Key: ${key.fingerprintSha256} (RSA ${key.bits}${key.active ? ', active' : ''}, ${key.origin})`));
  }
  writeLine(ctx.io.stdout, lines.join('\n'));
}
