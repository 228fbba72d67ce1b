/**
 * The aio CLI's configuration JSON holding one IMS context. aio-lib-core-config merges a `.aio`
 * file in the working directory (and ~/.config/aio) into its configuration, so this file can be
 * saved as `.aio` in a project without one, or its context copied into an existing file.
 * Secret fields are left out entirely unless asked for: JSON has no comments, and a placeholder
 * value would be sent to IMS as if it were the secret.
 */
import type { Integration } from '../../../shared/integration';
import { aioContext, assertAioUsable, presentFields } from './aio-context';
import { contextName, fileStem } from './export-parts';
import type { ExportOptions, ExportResult } from './export-types';

export function exportAio(integration: Integration, opts: ExportOptions): ExportResult {
  const context = aioContext(integration, opts.includeSecrets);
  assertAioUsable(integration, context);
  const document = { ims: { contexts: { [contextName(integration.name, opts.context)]: presentFields(context) } } };
  return {
    content: `${JSON.stringify(document, null, 2)}\n`,
    fileName: `${fileStem(integration.name)}.aio.json`,
    containsSecrets: context.containsSecrets,
    warnings: context.warnings,
  };
}
