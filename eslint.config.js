// Lint rules for the whole tree (`npm run lint:code`, which `npm test` runs first).
// The data-flow rules between the folders of src/ live in .dependency-cruiser.cjs.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  // Recorded pages and scripts served to the browser in tests are fixtures, not project code.
  {
    ignores: [
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
    files: ['test/**'],
    rules: {
      // Playwright fixtures that use no other fixture must still destructure an empty object.
      'no-empty-pattern': 'off',
      // Tests tamper with parsed files to show what the parser refuses.
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
);
