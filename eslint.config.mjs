// Flat config. Type-aware rules are left out on purpose: they need a full program and make
// `eslint .` several times slower, while `tsc --noEmit` already checks types.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

// The few Node globals our plain JS (build scripts, hooks, launchers) uses; spelled out rather
// than importing `globals`, which is only a transitive dependency here.
const nodeGlobals = Object.fromEntries(
  ['process', 'console', 'require', 'module', 'exports', '__dirname', '__filename', 'performance',
    'URL', 'Buffer', 'setTimeout', 'clearTimeout'].map((name) => [name, 'readonly']),
);

const electronBanned = (message) => ({
  'no-restricted-imports': [
    'error',
    {
      paths: [{ name: 'electron', message }],
      patterns: [{ group: ['electron/*'], message }],
    },
  ],
});

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
  {
    files: ['electron/core/**/*.ts'],
    rules: electronBanned(
      'electron/core/ is the domain and must run in plain Node (CLI, tests); importing electron there ' +
        'tries to download the binary. Inject what you need from main.ts as a small interface.',
    ),
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: electronBanned(
      'The renderer is sandboxed: it reaches main only through window.keysmith (the preload bridge) ' +
        'and may import only types from electron/ipc.',
    ),
  },
);
