/** The file formats main detects (core/interop/import), as users know them. */
const FORMAT_NAMES: Record<string, string> = {
  console: 'Developer Console project JSON',
  aem: 'AEM as a Cloud Service service credentials',
  aio: 'aio CLI config',
  env: '.env file',
};

export function formatName(format: string): string {
  return FORMAT_NAMES[format] ?? format;
}
