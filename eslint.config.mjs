// Flat config. Type-aware rules are left out on purpose: they need a full program and make
// `eslint .` several times slower, while `npm run typecheck` already checks types.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

// The few Node globals our plain JS (build scripts, hooks, launchers) uses; spelled out rather
// than importing `globals`, which is only a transitive dependency here.
const nodeGlobals = Object.fromEntries(
  ['process', 'console', 'require', 'module', 'exports', '__dirname', '__filename', 'performance',
    'URL', 'Buffer', 'setTimeout', 'clearTimeout'].map((name) => [name, 'readonly']),
);

// Layer boundaries (docs/architecture.md): what each folder may import. A relative specifier is
// matched by how many '../' it climbs, so one config per folder depth pins exactly where it lands:
// from <root>/<d folders>/file.ts, d + 1 '../' leave <root>, and what follows names the layer.
// Bare specifiers are matched against an allowlist (`packages`) or a denylist (`deniedPackages`).
// test/unit/layering.test.ts shows each zone its forbidden imports, and that no file sits deeper
// than MAX_DEPTH folders inside its layer (where no zone would reach it).
const MAX_DEPTH = 6;
const DOCS = 'See docs/architecture.md.';
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * @param {object} zone
 * @param {string} zone.root folder of the layer, e.g. 'electron/core'
 * @param {string[]} [zone.allow] paths beside `root` (relative to its parent) it may import, e.g. ['shared/']
 * @param {boolean} [zone.anywhereInParent] may import anything under root's parent (electron/), nothing outside
 * @param {string[]} [zone.typesOnly] paths beside `root` it may import with `import type` only
 * @param {string[]} [zone.packages] the only bare specifiers allowed (packages, node: built-ins)
 * @param {string[]} [zone.deniedPackages] bare specifiers refused
 * @param {string} zone.message why, shown with every refused import
 */
function layer({ root, allow = [], anywhereInParent = false, typesOnly = [], packages, deniedPackages = [], message }) {
  const configs = [];
  for (let depth = 0; depth <= MAX_DEPTH; depth++) {
    const up = '\\.\\./'.repeat(depth + 1);
    const patterns = [];
    const allowed = [...allow, ...typesOnly].map(escape);
    if (anywhereInParent) patterns.push({ regex: `^${up}\\.\\./`, message });
    else patterns.push({ regex: `^${up}${allowed.length ? `(?!(${allowed.join('|')}))` : ''}`, message });
    for (const path of typesOnly) {
      const valueOk = allow.filter((a) => a.startsWith(path)).map((a) => escape(a.slice(path.length)));
      patterns.push({
        regex: `^${up}${escape(path)}${valueOk.length ? `(?!(${valueOk.join('|')})$)` : ''}`,
        allowTypeImports: true,
        message,
      });
    }
    configs.push({
      files: [`${root}/${'*/'.repeat(depth)}*.{ts,tsx}`],
      rules: { 'no-restricted-imports': ['error', { patterns: [...patterns, ...packageRules(packages, deniedPackages, message)] }] },
    });
  }
  return configs;
}

function packageRules(packages, deniedPackages, message) {
  const rules = [];
  if (packages) rules.push({ regex: `^(?![./])(?!(${packages.map(escape).join('|')})(/|$))`, message });
  if (deniedPackages.length) rules.push({ regex: `^(${deniedPackages.map(escape).join('|')})(/|$)`, message });
  return rules;
}

/** A file directly in electron/ (an entry point): `allowed` lists the sibling folders it may import. */
function entry(file, { allowed, typesOnly = [], packages, deniedPackages = [], message }) {
  const folders = [...allowed, ...typesOnly].map(escape).join('|');
  const patterns = [
    { regex: '^\\.\\./', message },
    ...(allowed.includes('*') ? [] : [{ regex: `^\\./(?!(${folders}))`, message }]),
    ...typesOnly.map((path) => {
      const valueOk = allowed.filter((a) => a.startsWith(path)).map((a) => escape(a.slice(path.length)));
      return { regex: `^\\./${escape(path)}${valueOk.length ? `(?!(${valueOk.join('|')})$)` : ''}`, allowTypeImports: true, message };
    }),
  ];
  return {
    files: [file],
    rules: { 'no-restricted-imports': ['error', { patterns: [...patterns, ...packageRules(packages, deniedPackages, message)] }] },
  };
}

const SHARED =
  'electron/shared/ runs in main, the CLI and the sandboxed renderer alike: it may import zod and shared/ only ' +
  `(no Node, no DOM, no electron, nothing from core/, ipc/, app/ or cli/). ${DOCS}`;
const CORE =
  'electron/core/ is the domain and must run in plain Node (CLI, tests): it may import shared/, Node and its ' +
  'packages, never electron, ipc/, app/, cli/ or the renderer (importing electron there tries to download the ' +
  `binary). Inject what you need from main.ts as a small interface. ${DOCS}`;
const CLI = `The CLI may import core/ and shared/ (and Node), never electron, ipc/, app/ or the renderer. ${DOCS}`;
const MAIN = `Main-side code (ipc/, app/, main.ts) may import anything in electron/, never the renderer: that is reached over IPC only. ${DOCS}`;
const PRELOAD =
  'The sandboxed preload is one small bundle that requires only electron: it may import electron, preload/ and ' +
  `shared/ipc/channels, and the rest of shared/ with \`import type\` only. ${DOCS}`;
const RENDERER =
  'The renderer is sandboxed: it reaches main only through window.keysmith (the preload bridge) and may import ' +
  `react, react-dom, zod and electron/shared/ only. ${DOCS}`;

const layers = [
  ...layer({ root: 'electron/shared', packages: ['zod'], message: SHARED }),
  ...layer({ root: 'electron/core', allow: ['shared/'], deniedPackages: ['electron'], message: CORE }),
  ...layer({ root: 'electron/cli', allow: ['core/', 'shared/'], deniedPackages: ['electron'], message: CLI }),
  entry('electron/cli.ts', { allowed: ['cli/', 'core/', 'shared/'], deniedPackages: ['electron'], message: CLI }),
  ...layer({ root: 'electron/ipc', anywhereInParent: true, message: MAIN }),
  ...layer({ root: 'electron/app', anywhereInParent: true, message: MAIN }),
  entry('electron/main.ts', { allowed: ['*'], message: MAIN }),
  ...layer({ root: 'electron/preload', allow: ['shared/ipc/channels'], typesOnly: ['shared/'], packages: ['electron'], message: PRELOAD }),
  entry('electron/preload.ts', { allowed: ['preload/', 'shared/ipc/channels'], typesOnly: ['shared/'], packages: ['electron'], message: PRELOAD }),
  ...layer({ root: 'renderer/src', allow: ['../electron/shared/'], packages: ['react', 'react-dom', 'zod'], message: RENDERER }),
];

export default defineConfig(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'release/**'] },
  {
    files: ['**/*.{js,mjs,cjs}'],
    extends: [js.configs.recommended],
    languageOptions: { globals: nodeGlobals },
  },
  {
    files: ['**/*.{ts,tsx}'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
    },
  },
  ...layers,
);
