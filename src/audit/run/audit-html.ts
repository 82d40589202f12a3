/**
 * report.html of an audit: one self-contained page (no script, no remote resource, a CSP
 * that forbids both) with the headline figures and what each address sent where. The
 * figures are those of store/figures.ts, named and explained in the extension's English
 * messages, as the popup explains them.
 */
import type { ExportFile } from '../../store/export-file/export-format.js';
import type { Reach } from '../../report/aggregate/exposure.js';
import type { UnknownReason } from '../../report/aggregate/unknown-figure.js';
import { escapeHtml, untrusted } from '../../shared/html-text.js';
import { figureMessage, REACH_FIGURES, type FigureKey, type ReachKey } from '../../store/figures.js';
import { englishText, UNKNOWN_REASON_TEXT } from '../../report/locale-text.js';
import { localeNumbers } from '../../report/components/locale-numbers.js';
import type { AddressResult, AuditResults, CompanySeen } from './audit-results.js';
import { AUDIT_STYLE } from './audit-html-style.js';
import { companyServers, countryName } from './audit-html-servers.js';

const percent = new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 0 });
const number = new Intl.NumberFormat('en');

const share = (value: number | null) => (value === null ? '–' : percent.format(value));

function country(code: string): string {
  return `${escapeHtml(countryName(code))} (${escapeHtml(code)})`;
}

/** A figure as the popup explains it (extension/_locales, in English): its value, its name, what it counts after the value, why it matters. */
function figureHtml(key: FigureKey, value: string, sentence: string): string {
  const why = englishText(figureMessage(key, 'Why'));
  return `<div class="figure"><strong>${value}</strong><span>${escapeHtml(englishText(figureMessage(key, 'tile')))}</span><small>${escapeHtml(`${value} ${sentence} ${why}`)}</small></div>`;
}

/** A figure without data: the word and its reason, never a number. */
function unknownFigure(key: FigureKey, reason: UnknownReason): string {
  const why = englishText(figureMessage(key, 'Why'));
  return `<div class="figure unknown" data-unknown="${reason}"><strong>unknown</strong><span>${escapeHtml(englishText(figureMessage(key, 'tile')))}</span><small>Unknown: ${escapeHtml(UNKNOWN_REASON_TEXT[reason])}. ${escapeHtml(why)}</small></div>`;
}

function reachFigure(key: ReachKey, reach: Reach): string {
  if (reach.unknown) return unknownFigure(key, reach.unknown);
  return figureHtml(key, share(reach.share), englishText(figureMessage(key, 'Sentence'), number.format(reach.visits)));
}

function headline(results: AuditResults): string {
  const e = results.exposure;
  const top = e.topObserver
    ? `<p class="sentence">${untrusted(e.topObserver.name)} saw ${percent.format(e.topObserver.siteShare)} of the sites audited.</p>`
    : '';
  const figures = [
    ...REACH_FIGURES.map((figure) => reachFigure(figure.key, e[figure.key])),
    e.observersPerPage === null
      ? unknownFigure('observersPerPage', 'no-page-visits')
      : figureHtml(
          'observersPerPage',
          String(e.observersPerPage),
          englishText(localeNumbers('en').messageName(figureMessage('observersPerPage', 'Sentence'), e.observersPerPage)),
        ),
    e.clearText.unknown
      ? unknownFigure('clearText', e.clearText.unknown)
      : figureHtml(
          'clearText',
          share(e.clearText.share),
          englishText(figureMessage('clearText', 'Sentence'), number.format(e.clearText.clear), number.format(e.clearText.requests)),
        ),
  ];
  return `<section><h2>Headline figures</h2>${top}<div class="figures">\n${figures.join('\n')}\n</div></section>`;
}

function companyItem(company: CompanySeen): string {
  const marks = [
    company.jurisdiction
      ? `<span class="badge${company.jurisdiction === 'US' ? ' us' : ''}">${escapeHtml(company.jurisdiction)}</span>`
      : '<span class="badge">jurisdiction unknown</span>',
    company.prism ? '<span class="badge prism">PRISM</span>' : '',
    ...company.categories.map((c) => `<span class="badge tracker">${escapeHtml(c.replace(/_/g, ' '))}</span>`),
  ].join('');
  const owner = company.parent && company.parent !== company.name ? ` (${untrusted(company.parent)})` : '';
  return `<li>${untrusted(company.name)}${owner} ${marks} <small>${number.format(company.requests)} ${company.requests === 1 ? 'request' : 'requests'}: ${company.hosts.map((h) => untrusted(h, 120)).join(', ')}</small>${companyServers(company)}</li>`;
}

function addressSection(a: AddressResult): string {
  const title = `<h3>${untrusted(a.url, 500)}</h3>`;
  if (a.outcome === 'failed' && a.pageVisits === 0) {
    return `<article class="failed">${title}<p>Did not load: ${untrusted(a.error ?? 'unknown error', 500)}</p></article>`;
  }
  const landed = a.finalUrl && a.finalUrl !== a.url ? `<p>Ended on ${untrusted(a.finalUrl, 500)}</p>` : '';
  const problem = a.error ? `<p class="warning">${untrusted(a.error, 500)}</p>` : '';
  const links = a.links.length ? `<p>Also visited: ${a.links.map((l) => untrusted(l, 300)).join(', ')}</p>` : '';
  const us = a.thirdPartyRequests ? percent.format(a.usRequests / a.thirdPartyRequests) : '–';
  return `<article>${title}${landed}${problem}${links}
<p>${a.pageVisits} page ${a.pageVisits === 1 ? 'visit' : 'visits'}, ${number.format(a.requests)} requests, of which ${number.format(a.thirdPartyRequests)} to third parties
(${us} of them to US jurisdiction)${a.clearText ? `, ${a.clearText} in clear text` : ''}${a.cookies ? `, ${a.cookies} third-party requests with cookies` : ''}.</p>
<p>Server countries: ${a.serverCountries.length ? a.serverCountries.map(country).join(', ') : 'unknown (loopback or not recorded)'}</p>
${a.hostingOperators.length ? `<p>Hosting operators (the company that ran the servers' network, and its country): ${a.hostingOperators.map(operatorItem).join('; ')}</p>` : ''}
<h4>${a.companies.length} third-party ${a.companies.length === 1 ? 'organisation' : 'organisations'}</h4>
<ul>${a.companies.map(companyItem).join('\n')}</ul></article>`;
}

/** A hosting operator, its jurisdiction and its requests; names come from Upstream's own table, escaped all the same. */
function operatorItem(o: AddressResult['hostingOperators'][number]): string {
  return `${escapeHtml(o.operator)}${o.jurisdiction ? `, ${country(o.jurisdiction)}` : ''}: ${number.format(o.requests)} ${o.requests === 1 ? 'request' : 'requests'}`;
}

function about(file: ExportFile): string {
  const audit = file.audit;
  const sources = file.knowledge.map((k) => `${escapeHtml(k.package)} ${escapeHtml(k.version)} (${escapeHtml(k.licence)})`).join('; ');
  return `<footer><p>Upstream ${escapeHtml(file.extension.version)}${audit ? `, ${escapeHtml(audit.browser.name)} ${escapeHtml(audit.browser.version)}, ${escapeHtml(audit.startedAt)} to ${escapeHtml(audit.finishedAt)}` : ''}.
${audit?.demo ? 'This is the built-in offline demo: stand-in pages served on loopback, so no server country is known.' : ''}</p>
<p>Knowledge: ${sources}. IP to country and network data by DB-IP (https://db-ip.com), CC BY 4.0. The complete record is in report.json (docs/export-format.md).</p></footer>`;
}

export function auditHtml(file: ExportFile, results: AuditResults): string {
  const shard = file.audit?.shard ? ` (part ${file.audit.shard.index} of ${file.audit.shard.count})` : '';
  const failed = results.failed ? `, ${results.failed} did not load` : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Upstream audit: ${results.addresses.length} addresses</title>
<style>${AUDIT_STYLE}</style>
</head>
<body>
<h1>Upstream audit${shard}</h1>
<p>${results.addresses.length} addresses audited: ${results.loaded} loaded${failed}. ${results.exposure.visits} page visits on ${results.exposure.sites} sites.</p>
${headline(results)}
<section><h2>By address</h2>
${results.addresses.map(addressSection).join('\n')}
</section>
${about(file)}
</body>
</html>
`;
}
