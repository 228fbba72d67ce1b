/**
 * The layers of docs/architecture.md hold because a forbidden import fails `npm run lint` (the
 * no-restricted-imports zones of eslint.config.mjs) or `npm run typecheck` (one tsconfig per layer,
 * each with only the types that layer may use). Here each zone is shown a small file placed in it:
 * every forbidden import must be an error, every allowed one must pass.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ESLint } from 'eslint';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: ROOT });
});

/** The messages no-restricted-imports gives `code` as if it were the file at `file` (repo-relative; it need not exist). */
async function restricted(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\nexport {};\n`, { filePath: path.join(ROOT, file) });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

type Case = [file: string, code: string];

/** Each a file of a layer and an import that layer must not make. */
const FORBIDDEN: Case[] = [
  // shared: zod and shared/ only
  ['electron/shared/probe.ts', "import { readFileSync } from 'node:fs';"],
  ['electron/shared/probe.ts', "import { readFileSync } from 'fs';"],
  ['electron/shared/probe.ts', "import { app } from 'electron';"],
  ['electron/shared/probe.ts', "import { useState } from 'react';"],
  ['electron/shared/probe.ts', "import { Vault } from '../core/vault';"],
  ['electron/shared/probe.ts', "import type { Vault } from '../core/vault';"],
  ['electron/shared/probe.ts', "export { KeysmithError } from '../core/errors';"],
  ['electron/shared/ipc/probe.ts', "import { registerIpc } from '../../ipc/router';"],
  ['electron/shared/ipc/probe.ts', "import { DEFAULT_SETTINGS } from '../../app/settings';"],
  // renderer: react, zod and electron/shared/ only
  ['renderer/src/probe.ts', "import { readFileSync } from 'node:fs';"],
  ['renderer/src/probe.ts', "import { ipcRenderer } from 'electron';"],
  ['renderer/src/probe.ts', "import { Vault } from '../../electron/core/vault';"],
  ['renderer/src/probe.ts', "import type { Vault } from '../../electron/core/vault';"],
  ['renderer/src/probe.ts', "import { generateRsaKeyPair } from '../../electron/core/keys/rsa-keygen';"],
  ['renderer/src/probe.ts', "import { registerIpc } from '../../electron/ipc/router';"],
  ['renderer/src/probe.ts', "import { buildBridge } from '../../electron/preload/bridge';"],
  ['renderer/src/forms/probe.tsx', "import { DEFAULT_SETTINGS } from '../../../electron/app/settings';"],
  ['renderer/src/forms/probe.tsx', "import { run } from '../../../electron/cli';"],
  // preload: electron, preload/, shared/ipc/channels; the rest of shared/ for types only
  ['electron/preload.ts', "import { z } from 'zod';"],
  ['electron/preload.ts', "import { readFileSync } from 'node:fs';"],
  ['electron/preload.ts', "import { NameSchema } from './shared/integration';"],
  ['electron/preload.ts', "import { KeysmithError } from './core/errors';"],
  ['electron/preload/probe.ts', "import { ok } from '../shared/ipc/result';"],
  ['electron/preload/probe.ts', "import { REQUEST_SCHEMAS } from '../shared/ipc/contract';"],
  ['electron/preload/probe.ts', "import type { Vault } from '../core/vault';"],
  // core: shared/, Node and packages; never electron or an outer layer
  ['electron/core/probe.ts', "import { app } from 'electron';"],
  ['electron/core/probe.ts', "import { registerIpc } from '../ipc/router';"],
  ['electron/core/probe.ts', "import { DEFAULT_SETTINGS } from '../app/settings';"],
  ['electron/core/probe.ts', "import { writeLine } from '../cli/terminal';"],
  ['electron/core/keys/probe.ts', "import { SettingsStore } from '../../app/settings-store';"],
  ['electron/core/interop/import/probe.ts', "import type { AppServices } from '../../../ipc/services';"],
  // CLI: core/ and shared/
  ['electron/cli/commands/probe.ts', "import { registerIpc } from '../../ipc/router';"],
  ['electron/cli/commands/probe.ts', "import { DEFAULT_SETTINGS } from '../../app/settings';"],
  ['electron/cli/commands/probe.ts', "import { clipboard } from 'electron';"],
  ['electron/cli.ts', "import { registerIpc } from './ipc/router';"],
  // ipc, app, main: anything in electron/, never the renderer
  ['electron/ipc/handlers/probe.ts', "import { call } from '../../../renderer/src/bridge';"],
  ['electron/app/probe.ts', "import { App } from '../../renderer/src/App';"],
  ['electron/main.ts', "import { App } from '../renderer/src/App';"],
];

/** Imports each layer makes today, or may: none of them may be reported. */
const ALLOWED: Case[] = [
  ['electron/shared/probe.ts', "import { z } from 'zod';\nimport { NameSchema } from './integration';"],
  ['electron/shared/ipc/probe.ts', "import { NameSchema } from '../integration';\nimport { CHANNELS } from './channels';"],
  ['renderer/src/probe.ts', "import { useState } from 'react';\nimport { createRoot } from 'react-dom/client';\nimport { KIND_LABELS } from '../../electron/shared/integration-kinds';"],
  ['renderer/src/forms/probe.tsx', "import { z } from 'zod';\nimport { call } from '../bridge';\nimport { RSA_KEY_SIZES } from '../../../electron/shared/key-limits';"],
  ['electron/preload.ts', "import { contextBridge } from 'electron';\nimport { buildBridge } from './preload/bridge';\nimport type { KeysmithApi } from './shared/ipc/api';"],
  ['electron/preload/probe.ts', "import { CHANNELS } from '../shared/ipc/channels';\nimport type { IpcResult } from '../shared/ipc/result';"],
  ['electron/core/probe.ts', "import { readFileSync } from 'node:fs';\nimport { KeysmithError } from './errors';\nimport { NameSchema } from '../shared/integration';"],
  ['electron/core/interop/import/probe.ts', "import { KeysmithError } from '../../errors';\nimport { NameSchema } from '../../../shared/integration';"],
  ['electron/cli/commands/probe.ts', "import { Vault } from '../../core/vault';\nimport { NameSchema } from '../../shared/integration';\nimport { writeLine } from '../terminal';"],
  ['electron/cli.ts', "import { KeysmithError } from './core/errors';\nimport { createContext } from './cli/cli-context';"],
  ['electron/ipc/handlers/probe.ts', "import { Vault } from '../../core/vault';\nimport { SettingsStore } from '../../app/settings-store';\nimport type { Channel } from '../../shared/ipc/channels';"],
  ['electron/app/probe.ts', "import { app } from 'electron';\nimport { toIpcError } from '../ipc/errors';\nimport { Vault } from '../core/vault';"],
  ['electron/main.ts', "import { app } from 'electron';\nimport { registerIpc } from './ipc/router';\nimport { startBackground } from './app/background.main';"],
];

describe('lint zones (eslint.config.mjs)', () => {
  it.each(FORBIDDEN)('%s: refuses %s', async (file, code) => {
    const messages = await restricted(file, code);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/docs\/architecture\.md/);
  });

  it.each(ALLOWED)('%s: accepts %s', async (file, code) => {
    expect(await restricted(file, code)).toEqual([]);
  });

  it('reaches every source file: none sits deeper in its layer than the zones are generated for', () => {
    const MAX_DEPTH = 6; // eslint.config.mjs's
    const deepest = (dir: string, depth = 0): number =>
      Math.max(depth, ...readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => deepest(path.join(dir, e.name), depth + 1)));
    for (const root of ['electron/shared', 'electron/core', 'electron/cli', 'electron/ipc', 'electron/app', 'electron/preload', 'renderer/src']) {
      expect(deepest(path.join(ROOT, root)), root).toBeLessThanOrEqual(MAX_DEPTH);
    }
  });
});

describe('tsconfig.shared.json', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'keysmith-layering-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Type errors of shared/ plus `probe` under the shared layer's own options. */
  function sharedDiagnostics(probe: string): string[] {
    const configPath = path.join(ROOT, 'tsconfig.shared.json');
    const config = ts.parseJsonConfigFileContent(ts.readConfigFile(configPath, ts.sys.readFile).config, ts.sys, ROOT, undefined, configPath);
    const file = path.join(dir, `probe-${Math.random().toString(36).slice(2)}.ts`);
    writeFileSync(file, probe);
    const program = ts.createProgram({ rootNames: [...config.fileNames, file], options: { ...config.options, incremental: false, tsBuildInfoFile: undefined } });
    return ts
      .getPreEmitDiagnostics(program)
      .map((d) => `${d.file ? path.relative(ROOT, d.file.fileName) : ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
  }

  it('has neither Node nor the DOM: a node:fs import, Buffer or document is an error', () => {
    const errors = sharedDiagnostics(
      [
        "import { readFileSync } from 'node:fs';",
        `import { NameSchema } from ${JSON.stringify(path.join(ROOT, 'electron/shared/integration'))};`,
        'export const probe = [readFileSync, NameSchema, Buffer.from("x"), document.title];',
      ].join('\n'),
    );
    expect(errors.filter((e) => e.includes("Cannot find module 'node:fs'"))).toHaveLength(1);
    expect(errors.filter((e) => e.includes("Cannot find name 'Buffer'"))).toHaveLength(1);
    expect(errors.filter((e) => e.includes("Cannot find name 'document'"))).toHaveLength(1);
    // Nothing else: shared/ itself type-checks under these options.
    expect(errors).toHaveLength(3);
  });
});
