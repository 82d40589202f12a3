#!/usr/bin/env node
// Runs one of the TypeScript command-line tools (`node src/cli/run-tool.mjs audit …`), so
// that `npm run audit` works on a fresh clone: the exact dependencies of package-lock.json
// are installed first when they are missing. Plain JavaScript: it must run before tsx exists.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Installs the locked dependencies when node_modules is missing; false when npm failed. */
export function ensureDependencies() {
  if (existsSync(path.join(root, 'node_modules/.package-lock.json'))) return true;
  console.error('Upstream: installing dependencies (npm ci)…');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  return (spawnSync(npm, ['ci'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] }).status ?? 1) === 0;
}

const TOOLS = new Set(['audit', 'audit-merge', 'workshop', 'classify']);

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const [tool, ...args] = process.argv.slice(2);
  if (!TOOLS.has(tool)) {
    console.error(`run-tool: unknown tool ${tool}; one of ${[...TOOLS].join(', ')}`);
    process.exit(2);
  }
  if (!ensureDependencies()) process.exit(1);
  // `npm run` moves to the project's folder; INIT_CWD is where the user typed the command, so
  // that `--out report` and `--file list.txt` mean what they say.
  const run = spawnSync(process.execPath, ['--import', import.meta.resolve('tsx'), path.join(root, 'src/cli', `${tool}.ts`), ...args], {
    stdio: 'inherit',
    cwd: process.env.INIT_CWD || process.cwd(),
  });
  process.exit(run.status ?? 1);
}
