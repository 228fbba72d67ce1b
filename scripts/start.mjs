#!/usr/bin/env node
// `npm start`: check that Electron's binary is here (downloading it once when it can), build
// everything, then open the window. Without the binary: one line on what to do, and exit 1, never
// Electron's own stack trace. `--check` stops after the check.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CLI_NODE, electronStatus, missingElectronMessage, nodeAtLeast } from './electron-preflight.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ELECTRON_DIR = path.join(ROOT, 'node_modules', 'electron');

if (!nodeAtLeast(process.version, CLI_NODE)) {
  console.error(`keysmith: Node ${CLI_NODE.join('.')} or newer is needed to build and run Keysmith (this is ${process.version}).`);
  process.exit(1);
}

let status = electronStatus(ELECTRON_DIR);
if (!status.ok && status.reason === 'not-downloaded') {
  // Where the network allows, the binary is fetched once, as the electron package would; its
  // output is kept to one line of ours.
  console.error(`Downloading Electron ${status.version} (once, about 100 MB)…`);
  const download = spawnSync(process.execPath, [path.join(ELECTRON_DIR, 'install.js')], { encoding: 'utf8', timeout: 10 * 60_000 });
  status = electronStatus(ELECTRON_DIR);
  if (!status.ok) {
    const why = `${download.stderr ?? ''}`.split('\n').find((l) => l.trim()) ?? (download.error ? String(download.error.message) : 'no reason given');
    console.error(missingElectronMessage(status, process.version, why.trim().slice(0, 200)));
    process.exit(1);
  }
}
if (!status.ok) {
  console.error(missingElectronMessage(status));
  process.exit(1);
}
if (process.argv.includes('--check')) {
  console.log(`Electron ${status.version}: ${status.binary}`);
  process.exit(0);
}

const built = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs'), 'all'], { stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);
const app = spawn(status.binary, [ROOT, ...process.argv.slice(2)], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => app.kill(signal));
app.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
