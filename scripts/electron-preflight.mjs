// What `npm start` checks before building: is Electron's binary here, and if not, one line on what
// is missing and what to do. Plain Node (no dependencies), so it runs where nothing else is built.
//
// Which Node each part needs:
// - the CLI, the build and the tests: Node 20.19 or newer (package.json "engines");
// - downloading Electron's binary (the electron package's installer, run by `npm ci` or here):
//   Node 22.12 or newer, as electron's own "engines" says;
// - the app itself runs on the Node inside Electron, whatever the system's.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const CLI_NODE = [20, 19];
export const ELECTRON_INSTALLER_NODE = [22, 12];

export function nodeAtLeast(version, [major, minor]) {
  const [a, b] = version.replace(/^v/, '').split('.').map(Number);
  return a > major || (a === major && b >= minor);
}

/**
 * Where the binary is, or why there is none: `electronDir` is node_modules/electron. Honours
 * ELECTRON_OVERRIDE_DIST_PATH as the electron package does.
 */
export function electronStatus(electronDir, env = process.env) {
  if (!existsSync(path.join(electronDir, 'package.json'))) return { ok: false, reason: 'not-installed' };
  const version = JSON.parse(readFileSync(path.join(electronDir, 'package.json'), 'utf8')).version;
  const pathFile = path.join(electronDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const binary = path.join(override, relative ?? (process.platform === 'win32' ? 'electron.exe' : 'electron'));
    return existsSync(binary) ? { ok: true, binary, version } : { ok: false, reason: 'override-empty', version, where: override };
  }
  if (!relative) return { ok: false, reason: 'not-downloaded', version, where: path.join(electronDir, 'dist') };
  const binary = path.join(electronDir, 'dist', relative);
  return existsSync(binary) ? { ok: true, binary, version } : { ok: false, reason: 'not-downloaded', version, where: path.join(electronDir, 'dist') };
}

/** The one line for a missing binary: what is missing, what to do, and that the CLI works without it. */
export function missingElectronMessage(status, nodeVersion = process.version, downloadError = null) {
  const cli = 'The CLI works without it: npx keysmith help';
  if (status.reason === 'not-installed') return `keysmith: cannot open the window: the electron package is not installed; run \`npm ci\`. ${cli}`;
  if (status.reason === 'override-empty') {
    return `keysmith: cannot open the window: ELECTRON_OVERRIDE_DIST_PATH (${status.where}) holds no Electron binary; point it at an unpacked Electron ${status.version}, or unset it. ${cli}`;
  }
  const oldNode = nodeAtLeast(nodeVersion, ELECTRON_INSTALLER_NODE) ? '' : ` with Node ${ELECTRON_INSTALLER_NODE.join('.')}+ (this is ${nodeVersion})`;
  const failed = downloadError ? ` (the download failed: ${downloadError})` : '';
  return (
    `keysmith: cannot open the window: Electron ${status.version}'s binary is not downloaded${failed}. ` +
    `Run \`node node_modules/electron/install.js\`${oldNode} where github.com is reachable, or set ELECTRON_MIRROR to a mirror ` +
    `or electron_config_cache to a folder holding electron-v${status.version}-${process.platform}-${process.arch}.zip, then \`npm start\` again. ${cli}`
  );
}
