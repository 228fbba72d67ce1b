/**
 * Writes one integration in a format another tool reads: a .env (Adobe's samples and the aio CLI),
 * an aio CLI context, a Postman environment, or a curl token request. Secrets (client secret,
 * private key) appear only with `includeSecrets`; `containsSecrets` tells the caller to write the
 * result 0600 and to keep it off a shared terminal.
 */
import type { ExportFormat } from '../../../shared/formats';
import type { Integration } from '../../../shared/integration';
import { signsInUser } from '../../../shared/integration-kinds';
import { KeysmithError } from '../../errors';
import { exportAio } from './aio-format';
import { exportCurl } from './curl-format';
import { exportEnv } from './env-format';
import type { ExportOptions, ExportResult } from './export-types';
import { exportPostman } from './postman-format';

export type { ExportOptions, ExportResult } from './export-types';

export { EXPORT_FORMATS, type ExportFormat } from '../../../shared/formats';

const WRITERS: Record<ExportFormat, (integration: Integration, opts: ExportOptions) => ExportResult> = {
  env: exportEnv,
  aio: exportAio,
  postman: exportPostman,
  curl: exportCurl,
};

export function exportIntegration(format: ExportFormat, integration: Integration, opts: ExportOptions): ExportResult {
  if (signsInUser(integration.kind)) {
    throw new KeysmithError(
      'invalid_input',
      `"${integration.name}" is a user sign-in integration: its tokens belong to the person who signed in, and no other tool's file can carry the sign-in`,
      { field: 'format', integration: integration.name },
    );
  }
  return WRITERS[format](integration, opts);
}
