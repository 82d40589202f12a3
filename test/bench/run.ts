/**
 * `npm run bench`: runs every test/bench/*.bench.ts module's run() in turn and prints the
 * figures each returns, with ratios against the baseline figures measured in the same run.
 * `npm run bench -- classify` runs only the modules whose file name contains "classify".
 * Figures are for this machine and this run; compare ratios, not absolute numbers.
 */
import { readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { format, type BenchFigure, type BenchModule } from './bench-report.js';

const dir = import.meta.dirname;
const filters = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
const modules = readdirSync(dir)
  .filter((file) => file.endsWith('.bench.ts'))
  .filter((file) => filters.length === 0 || filters.some((filter) => file.includes(filter)))
  .sort();

function verdict(ok: boolean): string {
  return ok ? 'meets target' : 'MISSES target';
}

function print(figures: BenchFigure[]): boolean {
  const byName = new Map(figures.map((figure) => [figure.name, figure]));
  const width = Math.max(...figures.map((figure) => figure.name.length));
  let allMet = true;
  for (const figure of figures) {
    const parts = [`  ${figure.name.padEnd(width)}  ${format(figure.value, figure.unit).padStart(12)}`];
    const baseline = figure.baseline ? byName.get(figure.baseline) : undefined;
    let ratio: number | undefined;
    if (baseline) {
      ratio = figure.value / baseline.value;
      parts.push(`${ratio.toFixed(3)}× ${figure.baseline}${ratio < 1 ? ` (${(1 / ratio).toFixed(1)}× less)` : ''}`);
    }
    const target = figure.target;
    if (target) {
      let ok = true;
      const wanted: string[] = [];
      if (target.below !== undefined) {
        ok &&= figure.value < target.below;
        wanted.push(`< ${target.below} ${figure.unit}`);
      }
      if (target.atLeast !== undefined) {
        ok &&= figure.value >= target.atLeast;
        wanted.push(`≥ ${target.atLeast} ${figure.unit}`);
      }
      if (target.ratioAtLeast !== undefined && ratio !== undefined) {
        ok &&= 1 / ratio >= target.ratioAtLeast;
        wanted.push(`${target.ratioAtLeast}× less than ${figure.baseline}`);
      }
      allMet &&= ok;
      parts.push(`target ${wanted.join(', ')}: ${verdict(ok)}`);
    }
    if (figure.note) parts.push(figure.note);
    console.log(parts.join('  |  '));
  }
  return allMet;
}

console.log(`Upstream benchmarks on ${os.cpus()[0]?.model ?? 'unknown CPU'} (${os.cpus().length} cores), Node ${process.version}`);
let missed = 0;
for (const file of modules) {
  console.log(`\n${file}`);
  const started = performance.now();
  const module = (await import(pathToFileURL(path.join(dir, file)).href)) as BenchModule;
  const figures = await module.run();
  if (figures && figures.length > 0 && !print(figures)) missed++;
  console.log(`  (${((performance.now() - started) / 1000).toFixed(1)} s)`);
}
if (missed > 0) console.log(`\n${missed} module(s) missed a target.`);
