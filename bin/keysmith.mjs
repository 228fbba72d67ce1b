#!/usr/bin/env node
// Thin launcher: the CLI is bundled to dist/cli by `npm ci` (prepare) or `npm run build`.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/cli/cli.mjs', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('keysmith: the CLI is not built yet: run `npm run build` (or `npm ci`) in the Keysmith folder\n');
  process.exit(1);
}
try {
  await import(entry.href);
} catch (err) {
  // Loading opens a file per chunk: at a low `ulimit -n` that fails before the CLI's own error
  // handling exists, so it is worded here (nothing has been read or written yet).
  if (err?.code !== 'EMFILE' && err?.code !== 'ENFILE') throw err;
  process.stderr.write(`keysmith: Could not start: too many files open (${err.code}). Nothing saved before was lost: raise the limit (\`ulimit -n\`) and try again\n`);
  process.exit(1);
}
