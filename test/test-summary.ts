/**
 * The closing block of every Playwright run (`npm test`, `npm run test:reliability`…): how
 * many tests passed, which did not, and every figure a test reported as a `figure`
 * annotation (events lost, cases tried, faults survived…), so that the reliability run ends
 * with every figure that shows how the capture held up, and an ordinary run says plainly what it ran.
 */
import type { FullResult, Reporter, TestCase, TestResult } from '@playwright/test/reporter';

export interface SummaryLine {
  title: string;
  project: string;
  status: TestResult['status'];
  figures: string[];
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export default class TestSummary implements Reporter {
  /** by test id: a retried test counts once, with its last attempt */
  private readonly lines = new Map<string, SummaryLine>();
  private started = Date.now();

  onBegin(): void {
    this.started = Date.now();
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    const annotations = [...(result.annotations ?? []), ...test.annotations].filter((a) => a.type === 'figure' && a.description);
    const project = test.parent.project()?.name ?? '';
    this.lines.set(test.id, {
      title: test.title,
      project,
      status: result.status,
      figures: [...new Set(annotations.map((a) => a.description!))],
    });
  }

  onEnd(result: FullResult): void {
    const lines = [...this.lines.values()];
    if (lines.length === 0) return;
    process.stdout.write(summaryText(lines, Math.round((Date.now() - this.started) / 1000), result.status));
  }

  printsToStdio(): boolean {
    return false;
  }
}

/** The block itself: a heading with the counts, then each test that reported a figure or did not pass. */
export function summaryText(lines: readonly SummaryLine[], seconds: number, runStatus: FullResult['status']): string {
  const projects = [...new Set(lines.map((line) => line.project).filter(Boolean))].join(', ');
  const passed = lines.filter((line) => line.status === 'passed').length;
  const skipped = lines.filter((line) => line.status === 'skipped').length;
  const failed = lines.length - passed - skipped;
  const counts = [
    `${passed} of ${plural(lines.length, 'test')} passed`,
    failed ? `${failed} failed` : '',
    skipped ? `${skipped} skipped` : '',
  ]
    .filter(Boolean)
    .join(', ');
  const stopped = runStatus === 'interrupted' || runStatus === 'timedout' ? ` (run ${runStatus})` : '';
  const out = ['', `Test summary${projects ? ` — ${projects}` : ''}, ${seconds} s: ${counts}${stopped}`];
  for (const line of lines) {
    const notable = line.figures.length > 0 || (line.status !== 'passed' && line.status !== 'skipped');
    if (!notable) continue;
    out.push(`  ${line.status === 'passed' ? 'ok    ' : line.status.toUpperCase().padEnd(6)} ${line.title}`);
    for (const figure of line.figures) out.push(`         ${figure}`);
  }
  return `${out.join('\n')}\n`;
}
