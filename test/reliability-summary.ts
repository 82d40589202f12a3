/**
 * Prints, at the end of a reliability run, every test with the figures it reported as
 * `figure` annotations (events lost, cases tried, faults survived…), in one block:
 * `npm run test:reliability` ends with the summary issue 8 asks for. Prints nothing when no
 * test of the run reported a figure.
 */
import type { FullResult, Reporter, TestCase, TestResult } from '@playwright/test/reporter';

interface Line {
  title: string;
  status: string;
  figures: string[];
}

export default class ReliabilitySummary implements Reporter {
  private readonly lines: Line[] = [];
  private started = Date.now();

  onBegin(): void {
    this.started = Date.now();
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    const annotations = [...(result.annotations ?? []), ...test.annotations].filter((a) => a.type === 'figure' && a.description);
    this.lines.push({ title: test.title, status: result.status, figures: [...new Set(annotations.map((a) => a.description!))] });
  }

  onEnd(result: FullResult): void {
    if (!this.lines.some((line) => line.figures.length)) return;
    const held = this.lines.filter((line) => line.status === 'passed').length;
    const out = ['', `Reliability summary (${Math.round((Date.now() - this.started) / 1000)} s, run ${result.status}):`];
    for (const line of this.lines) {
      out.push(`  ${line.status === 'passed' ? 'ok  ' : line.status.toUpperCase()} ${line.title}`);
      for (const figure of line.figures) out.push(`         ${figure}`);
    }
    out.push(`  ${held} of ${this.lines.length} fault and bad-input checks held`, '');
    process.stdout.write(out.join('\n'));
  }

  printsToStdio(): boolean {
    return false;
  }
}
