// Lint rules for the whole tree (`npm run lint:code`, which `npm test` runs first).
// The data-flow rules between the folders of src/ live in .dependency-cruiser.cjs.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { readFileSync } from 'node:fs';
import storedFields from './lint/stored-fields.js';
import storedFieldsPending from './lint/stored-fields-pending.js';

/** What git ignores (builds, probes, tool output) is not project code either: .gitignore's folder and file patterns. */
const gitIgnored = readFileSync(new URL('./.gitignore', import.meta.url), 'utf8')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line && !line.startsWith('#') && !line.startsWith('!'))
  .map((line) => (line.endsWith('/') ? `${line}**` : line.includes('.') || line.includes('*') ? `**/${line}` : `${line}/**`));

export default tseslint.config(
  // Recorded pages and scripts served to the browser in tests are fixtures, not project code.
  {
    ignores: [
      ...gitIgnored,
      'dist/',
      'test-results/',
      'playwright-report/',
      'src/knowledge/data/',
      'test/fixtures/sites/',
      'test/fixtures/bench/sites/',
      'src/audit/demo/sites/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node, ...globals.webextensions } },
    rules: {
      // A leading underscore names what a destructuring leaves out on purpose.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
    },
  },
  {
    // Two rules that need the types: a promise nobody awaits loses its error (and, in the worker,
    // its write), and a switch over a union must name every member.
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
    },
  },
  {
    // The store owns its rows (lint/stored-fields.js): above it, code reads and writes named records.
    files: ['**/*.ts', '**/*.tsx'],
    ignores: ['src/store/**', ...storedFieldsPending],
    plugins: { upstream: storedFields },
    rules: { 'upstream/stored-fields': 'error' },
  },
  {
    files: ['test/**'],
    rules: {
      // Playwright fixtures that use no other fixture must still destructure an empty object.
      'no-empty-pattern': 'off',
      // Tests tamper with parsed files to show what the parser refuses.
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
);
