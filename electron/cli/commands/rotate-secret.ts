import { rotateSecret } from '../../core/rotation/rotate-secret';
import { visibleText } from '../../shared/terminal-text';
import { openVault, type CliContext } from '../cli-context';
import { httpOptions } from '../http-options';
import { parseCommandArgs, usageError } from '../parse-args';
import { writeLine } from '../terminal';

export async function rotateSecretCommand(args: string[], ctx: CliContext): Promise<void> {
  const { values, positionals } = parseCommandArgs(
    'rotate-secret',
    args,
    { 'delete-old': { type: 'boolean' }, finish: { type: 'boolean' }, force: { type: 'boolean' }, json: { type: 'boolean' } },
    { min: 1, max: 1, names: 'the name of an OAuth Server-to-Server integration' },
  );
  if (values.force && !values['delete-old'] && !values.finish) throw usageError('rotate-secret', '--force only applies with --delete-old or --finish');
  const vault = await openVault(ctx);
  const name = positionals[0]!;
  // Steps go to stderr as they happen (a kill leaves the last one on screen); --json puts the summary on stdout.
  const out = values.json ? ctx.io.stderr : ctx.io.stdout;
  const result = await rotateSecret(vault, name, {
    http: httpOptions(ctx),
    deleteOld: Boolean(values['delete-old']),
    finish: Boolean(values.finish),
    force: Boolean(values.force),
    report: (event) => writeLine(out, `- ${visibleText(event.message)}`),
  });
  if (values.json) {
    writeLine(ctx.io.stdout, JSON.stringify({ ...result, oldLastUsedAt: result.oldLastUsedAt === null ? null : new Date(result.oldLastUsedAt).toISOString() }, null, 2));
    return;
  }
  if (result.state === 'switched') {
    writeLine(
      out,
      `Once nothing else uses the old secret (compare its last use with \`keysmith secrets "${visibleText(name)}"\`), delete it with \`keysmith rotate-secret "${visibleText(name)}" --finish\``,
    );
  }
}
