import { didYouMean, withHint } from '../../shared/did-you-mean';
import { visibleText } from '../../shared/terminal-text';
import { getIntegration } from '../../core/integration-view';
import { EXPORT_FORMATS, exportIntegration, type ExportFormat } from '../../core/interop/export/export-integration';
import { writeOutputFile } from '../../core/output-file';
import { openVault, type CliContext } from '../cli-context';
import { currentCredentials } from './token';
import { parseCommandArgs, usageError } from '../parse-args';
import { writeLine } from '../terminal';

/**
 * Writes an integration in a format other tools read. Secrets only with --include-secrets; a file
 * holding secrets is written 0600, and secrets never go to a terminal unasked.
 */
export async function exportCommand(args: string[], ctx: CliContext): Promise<void> {
  const { values, positionals } = parseCommandArgs('export', args, {
    format: { type: 'string', short: 'f' },
    'include-secrets': { type: 'boolean' },
    out: { type: 'string' },
    force: { type: 'boolean' },
    context: { type: 'string' },
    'with-token': { type: 'boolean' },
  }, { min: 1, max: 1, names: 'the name of the integration' });
  const format = values.format as ExportFormat | undefined;
  if (format === undefined) throw usageError('export', `--format is required: ${EXPORT_FORMATS.join(', ')}`);
  if (!EXPORT_FORMATS.includes(format)) throw usageError('export', `--format must be one of ${EXPORT_FORMATS.join(', ')} (got "${visibleText(format)}")${withHint(didYouMean(format, EXPORT_FORMATS))}`);
  if (values['with-token'] && format !== 'postman' && format !== 'curl') throw usageError('export', '--with-token applies to --format postman and curl');
  const vault = await openVault(ctx);
  const integration = getIntegration(vault.document, positionals[0]!);
  // The token is a secret the user asked for by name: it goes in whatever --include-secrets says.
  const token = values['with-token'] ? await currentCredentials(ctx, integration.name, false) : undefined;
  if (token !== undefined && token.accessToken === undefined) throw usageError('export', `"${integration.name}" is an API key integration: it has no access token to include`);
  const result = exportIntegration(format, integration, {
    includeSecrets: Boolean(values['include-secrets']),
    ...(token?.accessToken !== undefined && { accessToken: token.accessToken }),
    ...(token?.expiresAt !== undefined && { accessTokenExpiresAt: token.expiresAt }),
    ...(values.context !== undefined && { context: values.context as string }),
  });
  for (const warning of result.warnings ?? []) writeLine(ctx.io.stderr, `warning: ${visibleText(warning)}`);
  if (values.out === undefined) {
    ctx.io.stdout.write(result.content.endsWith('\n') ? result.content : `${result.content}\n`);
    return;
  }
  await writeOutputFile(values.out as string, result.content, { mode: result.containsSecrets ? 0o600 : 0o644, overwrite: Boolean(values.force) });
  writeLine(ctx.io.stdout, `Wrote "${integration.name}" as ${format} to ${values.out}${result.containsSecrets ? ' (with secrets, mode 0600)' : ''}`);
}
