/**
 * `npm start` (scripts/start.mjs) checks for Electron's binary before building: without it, one
 * line that says what is missing and what to do, and that the CLI works; never Electron's stack
 * trace. Driven through ELECTRON_OVERRIDE_DIST_PATH (the electron package's own setting), so the
 * shared node_modules is never written to.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/cli';

const start = (env: NodeJS.ProcessEnv) =>
  spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'start.mjs'), '--check'], { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 60_000 });

describe('npm start before Electron is there', () => {
  it('says in one line what is missing, what to do, and that the CLI works', () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'keysmith-no-electron-'));
    const result = start({ ELECTRON_OVERRIDE_DIST_PATH: empty });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trim().split('\n');
    expect(lines, result.stderr).toHaveLength(1);
    expect(lines[0]).toMatch(/^keysmith: cannot open the window: ELECTRON_OVERRIDE_DIST_PATH \(.*\) holds no Electron binary; point it at an unpacked Electron \d+\.\d+\.\d+, or unset it\. The CLI works without it: npx keysmith help$/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('finds a binary where ELECTRON_OVERRIDE_DIST_PATH points', () => {
    const dist = mkdtempSync(path.join(tmpdir(), 'keysmith-electron-'));
    const binary = path.join(dist, process.platform === 'win32' ? 'electron.exe' : 'electron');
    writeFileSync(binary, '#!/bin/sh\n');
    chmodSync(binary, 0o755);
    const result = start({ ELECTRON_OVERRIDE_DIST_PATH: dist });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^Electron \d+\.\d+\.\d+: .*electron/);
  });
});
