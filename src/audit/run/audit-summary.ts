/** The short summary an audit prints on standard output when it is done. */
import type { AuditResults } from './audit-results.js';
import type { Reach } from '../../report/aggregate/exposure.js';
import { unknownInWords } from '../../report/locale-text.js';
import { printable } from '../../shared/terminal-text.js';
import { figureMessage, REACH_FIGURES } from '../../store/figures.js';
import { englishText } from '../../report/locale-text.js';

const percent = new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 0 });
const share = (reach: Pick<Reach, 'share' | 'unknown'>) =>
  reach.unknown ? unknownInWords(reach.unknown) : percent.format(reach.share ?? 0);
/** Names from the record are printed as data: no terminal control characters. */
const plain = (text: string) => printable(text, 200);

export function summaryLines(results: AuditResults): string[] {
  const e = results.exposure;
  const lines = [
    `Upstream audit: ${results.addresses.length} addresses, ${results.loaded} loaded, ${results.failed} failed (${e.visits} page visits on ${e.sites} sites)`,
    `  ${REACH_FIGURES.map((figure) => `${englishText(figureMessage(figure.key, 'tile'))} ${share(e[figure.key])}`).join(' · ')}`,
  ];
  if (e.topObserver) lines.push(`  ${plain(e.topObserver.name)} saw ${percent.format(e.topObserver.siteShare)} of the sites audited.`);
  for (const a of results.addresses) {
    if (a.outcome === 'failed' && a.pageVisits === 0) {
      lines.push(`  ${plain(a.url)}  did not load: ${plain(a.error ?? '')}`);
      continue;
    }
    const us = a.companies.filter((c) => c.jurisdiction === 'US').length;
    const prism = a.companies.filter((c) => c.prism).map((c) => plain(c.name));
    lines.push(
      `  ${plain(a.url)}  ${a.companies.length} third-party organisations, ${us} under US jurisdiction${prism.length ? ` (PRISM: ${prism.join(', ')})` : ''}`,
    );
  }
  return lines;
}

export function printSummary(results: AuditResults, written: { json: string; html: string }): void {
  process.stdout.write(`${[...summaryLines(results), `Report: ${written.html}`, `        ${written.json}`].join('\n')}\n`);
}
