import { SHOWN_FIELDS, fieldLabel, type FieldName } from '../../shared/fields';
import { KIND_LABELS } from '../../shared/integration-kinds';
import { getIntegration, maskIntegration } from '../../core/integration-view';
import { visibleText } from '../../shared/terminal-text';
import { openVault, type CliContext } from '../cli-context';
import { localTime } from '../local-time';
import { stdoutStyle, writeJson } from '../output';
import { parseCommandArgs } from '../parse-args';
import { displayWidth } from '../display-width';
import { outputColumns, wrapText } from '../wrap-text';
import { writeStyled } from '../style';

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
    writeJson(ctx, masked);
    return;
  }
  const record = masked as unknown as Record<string, unknown>;
  const rows: [string, string][] = [['Kind', `${KIND_LABELS[masked.kind]} (${masked.kind})`]];
  for (const row of ROWS) {
    const value = record[row];
    if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) continue;
    const text = row === 'createdAt' || row === 'updatedAt' ? localTime(String(value)) : Array.isArray(value) ? value.join(', ') : String(value);
    rows.push([rowLabel(row, Array.isArray(value) ? value.length : 1), text]);
  }
  for (const key of masked.keys ?? []) {
    rows.push([key.active ? 'Active key' : 'Key', `${key.fingerprintSha256} (RSA ${key.bits}, ${key.origin})`]);
  }
  // One field, one line: a line break in a value must not forge a field of its own.
  const width = Math.max(...rows.map(([label]) => label.length));
  const style = stdoutStyle(ctx);
  // On a terminal a value wider than the room after the labels wraps under itself (the value column)
  // instead of being cut: ids, fingerprints and URLs are copied from here, and a cut value copies
  // wrong without a sign. Piped, a field stays on one line for grep and cut; --json has exact values.
  const room = ctx.io.stdout.isTTY ? Math.max(20, outputColumns(ctx) - width - 2) : Number.POSITIVE_INFINITY;
  const valueLines = (text: string) => (displayWidth(text) <= room ? [text] : wrapText(text, room));
  writeStyled(
    ctx.io.stdout,
    rows
      .flatMap(([label, text]) =>
        valueLines(visibleText(text)).map((part, i) => (i === 0 ? `${style.bold(`${label}:`)}${' '.repeat(width - label.length + 1)}${part}` : `${' '.repeat(width + 2)}${part}`)),
      )
      .join('\n'),
  );
}
