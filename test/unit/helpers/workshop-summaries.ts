/**
 * Workshop summaries for the room tests: three made by the extension's own code from
 * browsing that names sites (which must never reach the room), and three written by hand
 * with numbers chosen so that every room figure can be worked out on paper.
 */
import { expect } from '@playwright/test';
import { composeReport } from '../../../src/report/aggregate/report-data.js';
import { periodRange, slicesOver } from '../../../src/report/aggregate/period.js';
import { workshopSummary, type WorkshopSummary } from '../../../src/report/export/workshop-summary.js';
import { buildRollups } from '../../../src/store/visit-rollup-build.js';
import { DAYS } from '../../../src/store/rollup-grains.js';
import { REACH_FIGURES, type ReachKey } from '../../../src/store/figures.js';
import type { HostFacts, IpFacts, VisitFacts } from '../../../src/store/visit-facts.js';

const NOW = Date.UTC(2026, 10, 28, 12);

const SITES = [
  'alice-diary.example',
  'alice-bank.example',
  'alice-forum.example',
  'alice-shop.example',
  'bobs-clinic.example',
  'bobs-union.example',
  'carol-church.example',
  'carol-party.example',
  'carol-doctor.example',
  'carol-lawyer.example',
];

/** One participant's report over 7 days: each page names its site and the third parties it loaded. */
function browsing(pages: { site: string; google?: boolean; criteo?: boolean }[]) {
  const hosts = new Map<number, HostFacts>([
    [
      1,
      {
        name: 'www.google-analytics.com',
        domain: 'google-analytics.com',
        company: 'Google',
        parent: 'Alphabet',
        jurisdiction: 'US',
        prism: true,
        tracker: { name: 'Google Analytics', category: 'site_analytics' },
      },
    ],
    [
      2,
      {
        name: 'static.criteo.net',
        domain: 'criteo.net',
        company: 'Criteo',
        parent: null,
        jurisdiction: 'FR',
        prism: false,
        tracker: { name: 'Criteo', category: 'advertising' },
      },
    ],
  ]);
  const ips = new Map<number, IpFacts>([
    [1, { country: 'US', asn: null, network: null }],
    [2, { country: 'FR', asn: null, network: null }],
    [3, { country: 'DE', asn: null, network: null }],
  ]);
  const visits: VisitFacts[] = pages.map((page, i) => {
    const own = 10 + i;
    const cdn = 100 + i; // an uncatalogued third party named after the site: must not reach the room either
    hosts.set(own, {
      name: `www.${page.site}`,
      domain: page.site,
      company: null,
      parent: null,
      jurisdiction: null,
      prism: false,
      tracker: null,
    });
    hosts.set(cdn, {
      name: `cdn.static-${page.site}`,
      domain: `static-${page.site}`,
      company: null,
      parent: null,
      jurisdiction: null,
      prism: false,
      tracker: null,
    });
    const d = [own, cdn, ...(page.google ? [1] : []), ...(page.criteo ? [2] : [])];
    const ip = [3, ...(page.google ? [1] : []), ...(page.criteo ? [2] : [])];
    return {
      id: i + 1,
      time: NOW - (i + 1) * 60_000,
      site: page.site,
      host: own,
      shown: true,
      prerender: false,
      inferred: false,
      hosts: d,
      ips: ip,
      requests: d.length,
      clearText: 0,
    };
  });
  const range = periodRange('7d', NOW, null);
  const rows = [...buildRollups(visits, hosts, ips, DAYS).values()];
  return composeReport(range, slicesOver(range), rows, [], hosts);
}

export function summariesFromBrowsing(): WorkshopSummary[] {
  const [a1, a2, a3, a4, b1, b2, c1, c2, c3, c4] = SITES.map((site) => ({ site }));
  return [
    // Google on 3 of 4 visits, Criteo on 2
    browsing([{ ...a1!, google: true, criteo: true }, { ...a2!, google: true, criteo: true }, { ...a3!, google: true }, a4!]),
    // Google on both visits
    browsing([
      { ...b1!, google: true },
      { ...b2!, google: true },
    ]),
    // Google on one site only (left out of the summary), Criteo on all 4
    browsing([
      { ...c1!, google: true, criteo: true },
      { ...c2!, criteo: true },
      { ...c3!, criteo: true },
      { ...c4!, criteo: true },
    ]),
  ].map((report) => workshopSummary(report, '0.1.0', '2026-11-28'));
}

/** Site and host names (and pieces of them) the browsing above holds. */
export const SECRETS = [
  ...SITES,
  'alice',
  'bobs',
  'carol',
  'www.',
  'static-',
  'google-analytics.com',
  'criteo.net',
  'http:',
  'https:',
  '://',
];

/** Fails naming the first of `secrets` (a site, a host, a page address) that `text` holds. */
export function expectNoSecret(text: string, secrets: readonly string[] = SECRETS): void {
  for (const secret of secrets) expect(text, `"${secret}" leaked`).not.toContain(secret);
}

/** A hand-written summary: figures not given are null (no value). */
export function summary(
  over: { visits: number; days: number; lastDay: string; figures: Partial<WorkshopSummary['figures']> } & Partial<
    Pick<WorkshopSummary, 'companies' | 'serverCountries' | 'jurisdictions'>
  >,
): WorkshopSummary {
  return {
    format: 'upstream-workshop-summary',
    version: 1,
    contains: 'Anonymised summary.',
    extension: { version: '0.1.0' },
    period: { days: over.days, lastDay: over.lastDay },
    figures: {
      pageVisits: over.visits,
      sites: 5,
      ...(Object.fromEntries(REACH_FIGURES.map((figure) => [figure.key, null])) as Record<ReachKey, null>),
      observersPerPage: null,
      clearText: null,
      ...over.figures,
    },
    companies: over.companies ?? [],
    serverCountries: over.serverCountries ?? [],
    jurisdictions: over.jurisdictions ?? [],
  };
}

const google = (parent: string | null, siteShare: number, visitShare: number) => ({
  name: 'Google',
  parent,
  jurisdiction: 'US',
  prism: true,
  siteShare,
  visitShare,
});
const criteo = (siteShare: number, visitShare: number) => ({
  name: 'Criteo',
  parent: null,
  jurisdiction: 'FR',
  prism: false,
  siteShare,
  visitShare,
});

/** Three participants with known numbers; the room figures they give are worked out in workshop-room.spec.ts. */
export const ROOM = [
  summary({
    visits: 10,
    days: 7,
    lastDay: '2026-11-28',
    figures: { usReach: 0.5, prismReach: 0.4, upstreamReach: 0.3, trackerReach: 0.2, observersPerPage: 3, clearText: 0.1 },
    companies: [google('Alphabet', 0.6, 0.5), criteo(0.25, 0.2)],
    serverCountries: [
      { country: 'FR', visitShare: 0.4 },
      { country: 'US', visitShare: 0.3 },
    ],
    jurisdictions: [
      { country: 'US', visitShare: 0.5 },
      { country: 'FR', visitShare: 0.2 },
    ],
  }),
  summary({
    visits: 30,
    days: 30,
    lastDay: '2026-11-27',
    figures: { usReach: 0.9, prismReach: 0.8, upstreamReach: 0.7, trackerReach: 0.6, observersPerPage: 5, clearText: null },
    companies: [google(null, 1, 0.8)],
    serverCountries: [{ country: 'US', visitShare: 0.7 }],
    jurisdictions: [{ country: 'US', visitShare: 0.9 }],
  }),
  summary({
    visits: 60,
    days: 1,
    lastDay: '2026-12-01',
    figures: { usReach: 0.25, prismReach: 0.2, upstreamReach: 0.1, trackerReach: 0.5, observersPerPage: 2, clearText: 0.05 },
    companies: [criteo(0.75, 0.5), google('Alphabet', 0.5, 0.2)],
    serverCountries: [
      { country: 'FR', visitShare: 0.5 },
      { country: 'US', visitShare: 0.1 },
    ],
    jurisdictions: [
      { country: 'FR', visitShare: 0.5 },
      { country: 'US', visitShare: 0.25 },
    ],
  }),
];
