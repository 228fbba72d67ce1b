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

/** The export formats with a place for an access token (the CLI's `--with-token`). */
export const TOKEN_EXPORT_FORMATS = ['postman', 'curl'] as const satisfies readonly ExportFormat[];

/** The export formats that name an aio IMS context (the CLI's `--context`). */
export const CONTEXT_EXPORT_FORMATS = ['aio', 'env'] as const satisfies readonly ExportFormat[];

/**
 * An aio IMS context name aio reads back: lowercase letters, digits, `-` and `_`, at most 64
 * (core/interop/export/export-parts.ts `contextName` says why).
 */
export const AIO_CONTEXT_NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/;
export const MAX_AIO_CONTEXT_NAME = 64;
/** Said by the IPC contract and the app's export form alike. */
export const AIO_CONTEXT_RULE = `the aio context name must be lowercase letters, digits, - and _, starting with a letter or digit (at most ${MAX_AIO_CONTEXT_NAME})`;
