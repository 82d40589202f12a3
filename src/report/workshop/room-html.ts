/**
 * The room report as one static HTML page the facilitator can open, project or print:
 * no script, nothing loaded from anywhere (its Content-Security-Policy forbids it), in
 * English: the figures' names and explanations and the groups' names are the extension's
 * English messages (locale-text.ts). Every string that came from a participant's file goes
 * through untrusted(); numbers and country names through Intl, so none of them is ever raw
 * text from a file.
 */
import { groupMessage, groupsOf } from '../../classify/country-groups.js';
import { figureMessage, isShareFigure } from '../../store/figures.js';
import { englishText, UNKNOWN_REASON_TEXT } from '../locale-text.js';
import { escapeHtml, untrusted } from '../../shared/html-text.js';
import { ROOM_CSS } from './room-html-style.js';
import { roomFigureUnknown, ROOM_FIGURES, type RoomCompany, type RoomCountry, type RoomFigure, type RoomReport } from './room-report.js';
import type { FigureAcross } from './room-stats.js';
import type { UnknownReason } from '../aggregate/unknown-figure.js';

const whole = new Intl.NumberFormat('en');
const decimal = new Intl.NumberFormat('en', { maximumFractionDigits: 1 });
const percent = new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 0 });
const finePercent = new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 1 });
const regions = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });
const days = new Intl.DateTimeFormat('en', { dateStyle: 'long', timeZone: 'UTC' });

/** An empty share reads "–", never 0 %; small non-zero shares keep a decimal so they do not read as zero. */
function share(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '–';
  return value > 0 && value < 0.01 ? finePercent.format(value) : percent.format(value);
}

function dayName(day: string): string {
  const time = Date.parse(`${day}T00:00:00Z`);
  return Number.isFinite(time) ? days.format(time) : escapeHtml(day);
}

/** "France <code>FR</code>": the English name from Intl, the code as given (escaped: the page trusts no input). */
function country(code: string | null): string {
  if (code === null) return '<span class="code">unknown</span>';
  let name: string = code;
  try {
    if (/^[A-Z]{2}$/.test(code)) name = regions.of(code) ?? code;
  } catch {
    // a well-formed code Intl does not know: the code alone says it
  }
  return `${untrusted(name)} <span class="code">${escapeHtml(code)}</span>`;
}

/** How a figure's value reads: a median count with a decimal, any other a share. */
const formatOf = (figure: RoomFigure): ((value: number | null) => string) =>
  isShareFigure(figure) ? share : (v) => (v === null ? '–' : decimal.format(v));

/** Said where participants with page visits have no value: unknown for them, left out of the figures, never counted as 0. */
function unknownNote(reason: UnknownReason, without: number, counted: number): string {
  if (without <= 0) return '';
  const who = without === counted ? 'every participant' : `${whole.format(without)} participant${without === 1 ? '' : 's'}`;
  return `<span class="why unknown">unknown for ${who}, left out: ${escapeHtml(UNKNOWN_REASON_TEXT[reason])}</span>`;
}

/**
 * Why a country matters here, in the extension's words (extension/_locales): for the US, why
 * the US figures matter (usReach's for the law, upstreamReach's for the soil); for others,
 * the groups of the report page's Countries view.
 */
function countryNote(code: string, kind: 'law' | 'soil'): string {
  if (code === 'US') {
    const why = englishText(figureMessage(kind === 'law' ? 'usReach' : 'upstreamReach', 'Why'));
    return `<span class="us">${escapeHtml(why)}</span>`;
  }
  return groupsOf(code)
    .map((group) => escapeHtml(englishText(groupMessage(group))))
    .join(' · ');
}

const row = (cells: string[]): string => `<tr>${cells.join('')}</tr>`;
const td = (html: string): string => `<td>${html}</td>`;
const num = (text: string): string => `<td class="num">${text}</td>`;

function table(caption: string, heads: [string, boolean][], rows: string[]): string {
  const head = heads.map(([text, numeric]) => `<th scope="col"${numeric ? ' class="num"' : ''}>${text}</th>`).join('');
  const body = rows.length ? rows.join('\n') : `<tr><td colspan="${heads.length}">None listed.</td></tr>`;
  return `<table>\n<caption>${caption}</caption>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

function figuresTable(figures: Record<RoomFigure, FigureAcross>, participants: number, withVisits: number): string {
  const rows = ROOM_FIGURES.map((key) => {
    const [label, why, format] = [englishText(figureMessage(key, 'tile')), englishText(figureMessage(key, 'Why')), formatOf(key)];
    const unknown = roomFigureUnknown(key);
    const f = figures[key];
    // With page visits in the room but no value from anyone, the figure is unknown, not empty.
    const value = (v: number | null) => (v === null && withVisits > 0 ? 'unknown' : format(v));
    return row([
      `<th scope="row">${escapeHtml(label)}<span class="why">${escapeHtml(why)}</span>${unknownNote(unknown, withVisits - f.participants, withVisits)}</th>`,
      num(value(f.mean)),
      num(value(f.median)),
      num(value(f.min)),
      num(value(f.max)),
      num(`${whole.format(f.participants)} of ${whole.format(participants)}`),
    ]);
  });
  return table(
    'Across participants: the mean counts each participant once.',
    [
      ['Figure', false],
      ['Mean', true],
      ['Median', true],
      ['Lowest', true],
      ['Highest', true],
      ['Participants with a value', true],
    ],
    rows,
  );
}

function companiesTable(companies: RoomCompany[], participants: number): string {
  const rows = companies.map((c) => {
    const disputed = c.disagreedOn.length
      ? `<span class="why">summaries disagreed on ${c.disagreedOn.join(', ')}; most gave this</span>`
      : '';
    return row([
      `<th scope="row">${untrusted(c.name)}${c.parent !== null ? `<span class="why">owned by ${untrusted(c.parent)}</span>` : ''}${disputed}</th>`,
      td(country(c.jurisdiction)),
      td(c.prism ? 'PRISM' : ''),
      num(`${whole.format(c.participants)} of ${whole.format(participants)}`),
      num(share(c.meanShare)),
      num(share(c.pooledShare)),
      num(share(c.meanSiteShare)),
    ]);
  });
  return table(
    "Share of page visits each company saw: the mean over participants (one who did not list it counts as 0), and pooled over all the room's page visits.",
    [
      ['Company', false],
      ['Law', false],
      ['PRISM', false],
      ['Participants', true],
      ['Mean share of visits', true],
      ['Pooled share of visits', true],
      ['Mean share of sites', true],
    ],
    rows,
  );
}

function countriesTable(caption: string, kind: 'law' | 'soil', countries: RoomCountry[], participants: number): string {
  const rows = countries.map((c) =>
    row([
      `<th scope="row">${country(c.country)}<span class="why">${countryNote(c.country, kind)}</span></th>`,
      num(`${whole.format(c.participants)} of ${whole.format(participants)}`),
      num(share(c.meanShare)),
      num(share(c.pooledShare)),
    ]),
  );
  return table(
    caption,
    [
      ['Country', false],
      ['Participants', true],
      ['Mean share of visits', true],
      ['Pooled share of visits', true],
    ],
    rows,
  );
}

function lede(report: RoomReport): string {
  const people = `${whole.format(report.participants)} participant${report.participants === 1 ? '' : 's'}`;
  const visits = `${whole.format(report.pageVisits)} page visit${report.pageVisits === 1 ? '' : 's'}`;
  const span = report.period ? `, from ${dayName(report.period.firstDay)} to ${dayName(report.period.lastDay)}` : '';
  const empty =
    report.participantsWithVisits < report.participants
      ? ` (${whole.format(report.participants - report.participantsWithVisits)} with no page visit, left out of the shares)`
      : '';
  return `${people}${empty}, ${visits} in all${span}.`;
}

/** The whole page, as text to write to room.html. */
export function roomHtml(report: RoomReport): string {
  const counted = report.participantsWithVisits;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>Workshop room report</title>
<style>${ROOM_CSS}</style>
</head>
<body>
<main>
<h1>Workshop room report</h1>
<p class="lede">${lede(report)}</p>
<p class="contains">${escapeHtml(report.contains)}</p>
<h2>Headline figures</h2>
${figuresTable(report.figures, report.participants, counted)}
<h2>Companies that saw the room</h2>
${companiesTable(report.companies, counted)}
<p class="note">A participant's summary lists only the catalogued companies seen on at least two of their sites, so a company seen on one site counts as 0 for them.</p>
<h2>Whose law the companies answer to</h2>
${countriesTable("Page visits that reached a company under each country's law.", 'law', report.jurisdictions, counted)}
<h2>Where the servers stood</h2>
${countriesTable('Page visits that reached a server in each country.', 'soil', report.serverCountries, counted)}
<footer>Made by Upstream from the participants' anonymised workshop summaries. Mean: each participant counts once. Pooled: every page visit of the room counts once, so those who browsed more weigh more. Country names: Intl.DisplayNames.</footer>
</main>
</body>
</html>
`;
}
