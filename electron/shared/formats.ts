/**
 * The formats a token is handed over in and an integration is exported in: the CLI's `--format`
 * values and the IPC requests' choices, read by core's writers (token-formats.ts,
 * export-integration.ts) and by the renderer's menus.
 */
export const TOKEN_FORMATS = ['raw', 'header', 'curl', 'json', 'env'] as const;
export type TokenFormat = (typeof TOKEN_FORMATS)[number];

export const EXPORT_FORMATS = ['env', 'aio', 'postman', 'curl'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
