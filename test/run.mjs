#!/usr/bin/env node
// `npm test`: checks that the browsers are there (one clear line if not), runs the code checks
// (lint, data-flow rules, unused exports, formatting), builds the extension, then runs the unit
// and end-to-end suites. Extra arguments go to Playwright Test.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDependencies } from '../src/cli/run-tool.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const run = (command, args) => spawnSync(command, args, { cwd: root, stdio: 'inherit' }).status ?? 1;

// A fresh clone: install the exact dependencies of package-lock.json first.
if (!ensureDependencies()) process.exit(1);

// find-browser.ts is TypeScript: ask tsx to load it, so this script stays plain Node.
const check = spawnSync(
  process.execPath,
  [
    '--import',
    'tsx',
    '-e',
    `
    import('./src/audit/find-browser.ts').then(({ findBrowser }) => {
      for (const name of ['chromium', 'firefox']) {
        try { findBrowser(name); } catch (error) { console.error(error.message); process.exitCode = 1; }
      }
    });`,
  ],
  { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] },
);
if (check.status !== 0) process.exit(1);

// Conventions are kept by tools: each check is a package.json script, all of them run, and any
// finding fails the run.
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const failed = ['lint:code', 'lint:deps', 'lint:exports', 'format:check'].filter((script) => run(npm, ['run', '--silent', script]) !== 0);
if (failed.length > 0) {
  console.error(`npm test: found problems (see above): ${failed.map((script) => `npm run ${script}`).join(', ')}`);
  process.exit(1);
}

if (run(process.execPath, ['build.mjs']) !== 0) process.exit(1);
// The lint is part of the tests: strict types, and 0 errors from Mozilla's add-on linter.
if (run(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '--noEmit']) !== 0) process.exit(1);
if (
  run(process.execPath, [
    path.join(root, 'node_modules/web-ext/bin/web-ext.js'),
    'lint',
    '--source-dir',
    'dist/firefox',
    '--output',
    'text',
    '--warnings-as-errors',
  ]) !== 0
)
  process.exit(1);
process.exit(run(process.execPath, [path.join(root, 'node_modules/@playwright/test/cli.js'), 'test', ...process.argv.slice(2)]));
