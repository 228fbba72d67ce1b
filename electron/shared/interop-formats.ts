/**
 * Every file format Keysmith reads or writes for another tool, once: `keysmith formats` prints this
 * table and the README's "Formats" table is this table as Markdown (a unit test holds them equal).
 * `import` ids are IMPORT_FORMATS (what a plan reports), `export` ids EXPORT_FORMATS (`--format`).
 */
import type { ExportFormat, ImportFormat } from './formats';

export interface InteropFormatInfo {
  name: string;
  /** the id `import` reports for it, when Keysmith reads it */
  import?: ImportFormat;
  /** the `export --format` value, when Keysmith writes it */
  export?: ExportFormat;
  /** what it covers, in a few words */
  covers: string;
  /** one command, as a user types it */
  example: string;
}

export const INTEROP_FORMATS: readonly InteropFormatInfo[] = [
  {
    name: 'Developer Console project JSON',
    import: 'console',
    covers: 'every credential of a workspace (OAuth Server-to-Server, JWT, API key)',
    example: 'keysmith import project.json',
  },
  {
    name: 'AEM as a Cloud Service service credentials',
    import: 'aem',
    covers: 'a JWT integration with its private key and certificate',
    example: 'keysmith import aem-service-credentials.json',
  },
  {
    name: 'aio CLI config',
    import: 'aio',
    export: 'aio',
    covers: "JSON, HJSON or YAML as aio writes it; ~/.config/aio, a project's .aio, or the folder holding them; the Cloud Manager plugin's config.json",
    example: 'keysmith import ~/.config/aio',
  },
  {
    name: '.env file',
    import: 'env',
    export: 'env',
    covers: "Adobe's sample names (CLIENT_ID, FIREFLY_SERVICES_*, PDF_SERVICES_*, IMS_*, OAUTH_*), aio's AIO_ims_contexts_*, AIO_$ims_* and numbered IMS_*_2 copies, aio-lib-java's workspace.properties",
    example: 'keysmith export "Cloud Manager" --format env --out .env',
  },
  {
    name: 'Postman environment',
    import: 'postman',
    export: 'postman',
    covers: "Adobe's variable names (API_KEY, CLIENT_SECRET, SCOPES, IMS, IMS_ORG, META_SCOPE, PRIVATE_KEY, ACCESS_TOKEN) and Keysmith's",
    example: 'keysmith export "AEM prod" --format postman --with-token --out aem.postman_environment.json',
  },
  {
    name: 'PDF Services credentials',
    import: 'pdfServices',
    covers: 'pdfservices-api-credentials.json, and the older download with CLIENT_SECRET, ORG_ID, API_KEY',
    example: 'keysmith import pdfservices-api-credentials.json',
  },
  {
    name: 'curl token request',
    export: 'curl',
    covers: 'the token request as Keysmith makes it, and an API call with --with-token',
    example: 'keysmith export "Cloud Manager" --format curl',
  },
];

const HEADERS = ['Format', 'Import', 'Export', 'Covers', 'Example'];

function rows(): string[][] {
  return INTEROP_FORMATS.map((f) => [f.name, f.import ?? '-', f.export ?? '-', f.covers, f.example]);
}

/** The README's table. */
export function formatsMarkdown(): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(HEADERS), line(HEADERS.map(() => '---')), ...rows().map((r) => line(r.map((c, i) => (i === 4 ? `\`${c}\`` : c.replace(/[|*]/g, '\\$&')))))].join('\n');
}

/** For a terminal: one block per format, since the lines are too long for columns. */
export function formatsText(): string {
  return INTEROP_FORMATS.map((f) => {
    const how = [f.import !== undefined ? `import (${f.import})` : '', f.export !== undefined ? `export --format ${f.export}` : ''].filter(Boolean).join(', ');
    return `${f.name}: ${how}\n  ${f.covers}\n  e.g. ${f.example}`;
  }).join('\n\n');
}
