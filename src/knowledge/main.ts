/**
 * `npm run knowledge`: compiles the knowledge into build/knowledge on its own.
 * `--force` recompiles even when the inputs are unchanged.
 */
import path from 'node:path';
import { compileKnowledge } from './compile.js';
import { projectRoot } from './paths.js';

const outDir = path.join(projectRoot(), 'build', 'knowledge');
compileKnowledge(outDir, { force: process.argv.includes('--force') })
  .then(() => console.log(`Upstream knowledge: ${path.relative(process.cwd(), outDir)} is up to date`))
  .catch((error: unknown) => {
    console.error(`Upstream knowledge: failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
