#!/usr/bin/env node
// Build driver: `node scripts/build.mjs cli` (runs on `npm ci` via prepare) or `... all`.
// esbuild for the Node-side bundles, vite for the renderer. Quiet on success, exit 1 on failure.
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.join(ROOT, 'dist');
const at = (...parts) => path.join(ROOT, ...parts);

/** A step that has already printed its own diagnostics. */
class BuildFailed extends Error {}

// Electron 45 embeds Node 22 and Chromium 140.
const ELECTRON_NODE = 'node22';

const common = {
  absWorkingDir: ROOT,
  bundle: true,
  platform: 'node',
  sourcemap: false,
  minify: false,
  logLevel: 'warning',
  legalComments: 'none',
};

/**
 * zod re-exports every one of its ~60 message locales as `z.locales`, which esbuild cannot drop, and
 * every CLI command now loads zod (the vault header and document are checked on each read): the
 * bundle keeps English only (zod imports that one directly) and halves zod's share of start-up.
 */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(build) {
    build.onResolve({ filter: /\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]/.test(args.importer) ? { path: path.resolve(args.resolveDir, args.path), namespace: 'zod-locales' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
      contents: "export { default as en } from './en.js';",
      resolveDir: path.dirname(args.path),
    }));
  },
};

async function esbuild(options) {
  const { build } = await import('esbuild');
  return build({ ...common, ...options });
}

async function packageVersion() {
  const { readFile } = await import('node:fs/promises');
  return JSON.parse(await readFile(at('package.json'), 'utf8')).version;
}

async function buildCli() {
  const entry = at('electron', 'cli.ts');
  if (!existsSync(entry)) {
    console.log('build: electron/cli.ts does not exist yet; skipping the CLI bundle.');
    return false;
  }
  // Splitting leaves hashed chunks behind; start clean so stale ones never ship.
  await rm(path.join(DIST, 'cli'), { recursive: true, force: true });
  await esbuild({
    entryPoints: [entry],
    outdir: path.join(DIST, 'cli'),
    format: 'esm',
    splitting: true,
    target: 'node20',
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    define: { KEYSMITH_VERSION: JSON.stringify(await packageVersion()) },
    // keyring is a native addon; electron must never be bundled into (or loaded by) the CLI.
    external: ['@napi-rs/keyring', 'electron'],
    plugins: [zodEnglishOnly],
    // Bundled CommonJS dependencies may call require(); ESM has none unless we make one.
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
  });
  return true;
}

async function buildMain() {
  await esbuild({
    entryPoints: [at('electron', 'main.ts')],
    outfile: path.join(DIST, 'main.cjs'),
    format: 'cjs',
    target: ELECTRON_NODE,
    external: ['electron', '@napi-rs/keyring'],
  });
}

async function buildPreload() {
  // A sandboxed preload can only require('electron') and a few builtins: one self-contained file.
  await esbuild({
    entryPoints: [at('electron', 'preload.ts')],
    outfile: path.join(DIST, 'preload.cjs'),
    format: 'cjs',
    target: ELECTRON_NODE,
    external: ['electron'],
  });
}

async function buildRenderer() {
  // Vite warns that a .ts config in a non-"type: module" package won't suit its future native
  // loader. Node 20 cannot load .ts natively anyway, so the default bundling loader is the
  // right one here and the warning is noise.
  process.env.VITE_CONFIG_NATIVE_IGNORE_WARNING ??= 'true';
  const { build } = await import('vite');
  try {
    await build({
      configFile: at('renderer', 'vite.config.ts'),
      logLevel: 'warn',
      clearScreen: false,
    });
  } catch (error) {
    // Unlike esbuild, vite at this log level does not print the diagnostics itself.
    console.error(error?.message ?? error);
    throw new BuildFailed('renderer');
  }
}


const TARGETS = {
  cli: async () => {
    await buildCli();
  },
  // The browser e2e suite and the bench serve the built renderer alone.
  renderer: async () => {
    await buildRenderer();
  },
  all: async () => {
    await Promise.all([buildCli(), buildMain(), buildPreload()]);
    await buildRenderer();
  },
};

const target = process.argv[2];
const run = TARGETS[target];
if (!run) {
  console.error(`usage: node scripts/build.mjs <${Object.keys(TARGETS).join('|')}>`);
  process.exit(1);
}

const started = performance.now();
try {
  await run();
  console.log(`build ${target}: ok in ${Math.round(performance.now() - started)} ms`);
} catch (error) {
  // esbuild and buildRenderer have already printed located diagnostics; anything else has not.
  const detail =
    error instanceof BuildFailed ? `${error.message}, see above`
    : error?.errors?.length ? `${error.errors.length} error(s) above`
    : (error?.stack ?? String(error));
  console.error(`build ${target}: FAILED (${detail})`);
  process.exit(1);
}
