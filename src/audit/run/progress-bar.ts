/**
 * The audit's progress on the terminal: a bar redrawn in place on a terminal, one line per
 * address otherwise (CI logs, pipes), always on standard error so that standard output
 * carries only the summary.
 */
import type { AuditProgress } from './run-audit.js';

const WIDTH = 24;

function bar(done: number, total: number): string {
  const filled = total ? Math.round((done / total) * WIDTH) : WIDTH;
  return `[${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${done}/${total}`;
}

export function progressBar(stream: NodeJS.WriteStream = process.stderr): AuditProgress {
  const live = stream.isTTY === true;
  let total = 0;
  const columns = () => Math.max(40, (stream.columns ?? 100) - 1);
  return {
    started(count) {
      total = count;
    },
    visiting(done, target) {
      if (live) stream.write(`\r${`${bar(done, total)} ${target.url}`.slice(0, columns()).padEnd(columns())}`);
    },
    visited(done, result) {
      const status = result.outcome === 'loaded' ? 'loaded' : `FAILED: ${result.error}`;
      const line = `${bar(done, total)} ${result.listed.url} ${status}`;
      if (live) {
        if (result.outcome === 'failed') stream.write(`\r${line.slice(0, columns()).padEnd(columns())}\n`);
        else stream.write(`\r${line.slice(0, columns()).padEnd(columns())}`);
        if (done === total) stream.write('\n');
      } else {
        stream.write(`${line}\n`);
      }
    },
  };
}
