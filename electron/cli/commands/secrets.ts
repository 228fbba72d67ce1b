import { listSecrets } from '../../core/rotation/list-secrets';
import { describeTime } from '../../core/rotation/rotate-secret';
import { visibleText } from '../../shared/terminal-text';
import { openVault, type CliContext } from '../cli-context';
import { httpOptions } from '../http-options';
import { parseCommandArgs } from '../parse-args';
import { writeTable } from '../output';
import { writeLine } from '../terminal';

const HELD_WORDS = { yes: 'in use', probably: 'in use (inferred from its last use)', kept: 'kept (rotation)', no: '' } as const;

export async function secrets(args: string[], ctx: CliContext): Promise<void> {
  const { values, positionals } = parseCommandArgs('secrets', args, { json: { type: 'boolean' } }, { min: 1, max: 1, names: 'the name of an OAuth Server-to-Server integration' });
  const vault = await openVault(ctx);
  const report = await listSecrets(vault, positionals[0]!, httpOptions(ctx));
  if (values.json) {
    const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
    writeLine(ctx.io.stdout, JSON.stringify({ ...report, secrets: report.secrets.map((s) => ({ ...s, createdAt: iso(s.createdAt), lastUsedAt: iso(s.lastUsedAt) })) }, null, 2));
    return;
  }
  if (report.secrets.length === 0) {
    writeLine(ctx.io.stdout, `Adobe lists no client secrets for "${visibleText(report.name)}"`);
    return;
  }
  // The id is what rotate-secret and the Console are asked about: never cut; the rest gives way.
  writeTable(ctx, ['SECRET ID', 'CREATED', 'LAST USED', 'KEYSMITH'], report.secrets.map((s) => [s.uuid, describeTime(s.createdAt), describeTime(s.lastUsedAt), HELD_WORDS[s.held]]), [0]);
  if (report.rotation) writeLine(ctx.io.stderr, `A rotation is under way (step: ${report.rotation}): \`keysmith rotate-secret "${visibleText(report.name)}"\` continues it`);
}
