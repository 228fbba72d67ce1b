#!/usr/bin/env node
// Thin launcher: the CLI is bundled to dist/cli by `npm ci` (prepare) or `npm run build`.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/cli/cli.mjs', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('keysmith: the CLI is not built yet: run `npm run build` (or `npm ci`) in the Keysmith folder\n');
  process.exit(1);
}
await import(entry.href);
