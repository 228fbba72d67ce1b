#!/usr/bin/env node
// `npm run bench`: builds the CLI, then runs bench/run.ts in a private keyring session when the
// machine has one (so `keysmith list` is timed as users run it, on the OS keychain).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runInKeyringSession } from './keyring-session.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const build = spawnSync(process.execPath, ['scripts/build.mjs', 'cli'], { cwd: ROOT, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const argv = [process.execPath, '--import', 'tsx', 'bench/run.ts', ...process.argv.slice(2)];
const status = runInKeyringSession(argv, { cwd: ROOT });
if (status !== null) process.exit(status);
process.exit(spawnSync(argv[0], argv.slice(1), { cwd: ROOT, stdio: 'inherit' }).status ?? 1);
