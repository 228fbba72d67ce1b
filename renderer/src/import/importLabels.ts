import type { ImportFormat } from '../../../electron/shared/formats';

/** The file formats main detects (electron/shared/formats.ts), as users know them. */
const FORMAT_NAMES: Record<ImportFormat, string> = {
  console: 'Developer Console project JSON',
  aem: 'AEM as a Cloud Service service credentials',
  aio: 'aio CLI config',
  env: '.env file',
  postman: 'Postman environment',
  pdfServices: 'PDF Services credentials',
};

export function formatName(format: ImportFormat): string {
  return FORMAT_NAMES[format] ?? format;
}
