/** Runs the built `keysmith` (dist/cli, as `npm ci` builds it) as a real child process. */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { childResult, type ChildResult } from './child-result';

export const ROOT = path.resolve(__dirname, '..', '..');
export const CLI = path.join(ROOT, 'bin', 'keysmith.mjs');

export type CliResult = ChildResult;

export interface CliOptions {
  env?: NodeJS.ProcessEnv;
  input?: string;
}

export async function runCli(args: string[], opts: CliOptions = {}): Promise<CliResult> {
  const child = spawn(process.execPath, [CLI, ...args], {
    env: { ...process.env, ...opts.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  return childResult(child, opts.input);
}

/** A fresh, empty data directory for one test. */
export function tempDataDir(): string {
  return path.join(mkdtempSync(path.join(tmpdir(), 'keysmith-test-')), 'data');
}
