/**
 * vault-writer.ts bundled once with esbuild: the same code as `node --import tsx
 * test/support/vault-writer.ts`, without tsx's ~0.6 s of start-up per child, which would otherwise
 * dominate the tests that start many writers.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { ROOT } from './cli';

/** Bundles the writer into a fresh temp folder; returns the script to run with `node`. */
export async function bundleVaultWriter(): Promise<string> {
  const script = path.join(mkdtempSync(path.join(tmpdir(), 'keysmith-writer-')), 'vault-writer.cjs');
  await build({
    entryPoints: [path.join(ROOT, 'test', 'support', 'vault-writer.ts')],
    outfile: script,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['@napi-rs/keyring'],
    logLevel: 'warning',
  });
  return script;
}
