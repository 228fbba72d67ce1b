/**
 * The formats a token is handed over in, an integration is exported in and a credentials file is
 * imported from: the CLI's `--format` values and the IPC contract's, read by core's writers and
 * parsers (token-formats.ts, export-integration.ts, interop/import/) and by the renderer.
 */
export const TOKEN_FORMATS = ['raw', 'header', 'curl', 'json', 'env'] as const;
export type TokenFormat = (typeof TOKEN_FORMATS)[number];

export const EXPORT_FORMATS = ['env', 'aio', 'postman', 'curl'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** What `import` detects from a file's content (never its name). */
export const IMPORT_FORMATS = ['console', 'aem', 'aio', 'env', 'postman', 'pdfServices'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];
