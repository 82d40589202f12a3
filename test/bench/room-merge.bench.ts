/**
 * The workshop room view merging a large room, in real Chromium: 200 participants'
 * summaries (each listing 40 companies and 30 countries, more than a real one) handed to
 * the view's file chooser at once, timed in the page from the change event to the room's
 * figures on screen (reading the files, checking each against the schema, spotting
 * duplicates, merging, rendering). The first round is printed on its own (cold), the
 * figure is the median of the warm rounds. Target: at most 1 s.
 *
 * Knobs: UPSTREAM_BENCH_ROOM_SUMMARIES (200), UPSTREAM_BENCH_ROOM_ROUNDS (7).
 */
import { launchChromium } from '../../src/audit/launch-chromium.js';
import { newSummaryLabel } from '../../src/report/export/summary-label.js';
import type { WorkshopSummary } from '../../src/report/export/workshop-summary.js';
import { isServerReach, REACH_FIGURES, type ReachKey } from '../../src/store/figures.js';
import type { BenchFigure } from './bench-report.js';
import { header, quantile } from './helpers/report.js';
import { DIST_CHROME, envInt } from './helpers/variants.js';

const SUMMARIES = envInt('UPSTREAM_BENCH_ROOM_SUMMARIES', 200);
const ROUNDS = envInt('UPSTREAM_BENCH_ROOM_ROUNDS', 7);
const TARGET_MS = 1000;
const COUNTRIES = [
  'US',
  'FR',
  'DE',
  'GB',
  'NL',
  'IE',
  'SE',
  'ES',
  'IT',
  'BE',
  'CA',
  'AU',
  'NZ',
  'JP',
  'SG',
  'CH',
  'AT',
  'PL',
  'PT',
  'DK',
  'NO',
  'FI',
  'CZ',
  'RO',
  'HU',
  'GR',
  'IN',
  'BR',
  'KR',
  'IL',
];

/** A participant's summary with numbers drawn from a seeded generator, so every run merges the same room. */
function participant(i: number, random: () => number): WorkshopSummary {
  const share = () => Math.round(random() * 1000) / 1000;
  return {
    format: 'upstream-workshop-summary',
    version: 1,
    contains: 'Anonymised summary.',
    label: newSummaryLabel(),
    extension: { version: '0.1.0' },
    period: { days: 7, lastDay: '2026-11-28' },
    figures: {
      pageVisits: 50 + i,
      sites: 20,
      // One participant in five with no server located: its reaches by soil are unknown.
      ...(Object.fromEntries(REACH_FIGURES.map((figure) => [figure.key, isServerReach(figure) && !(i % 5) ? null : share()])) as Record<
        ReachKey,
        number | null
      >),
      observersPerPage: 1 + Math.round(random() * 80) / 10,
      clearText: share(),
    },
    companies: Array.from({ length: 40 }, (_, c) => ({
      name: `Company ${(c * 7 + i) % 120}`,
      parent: c % 3 ? null : 'Parent',
      jurisdiction: COUNTRIES[c % COUNTRIES.length]!,
      prism: c % 9 === 0,
      siteShare: share(),
      visitShare: share(),
    })),
    serverCountries: COUNTRIES.map((country) => ({ country, visitShare: share() })),
    jurisdictions: COUNTRIES.slice(0, 12).map((country) => ({ country, visitShare: share() })),
  };
}

export async function run(): Promise<BenchFigure[]> {
  header(`Workshop room view: ${SUMMARIES} summaries chosen at once → the room's figures on screen`, import.meta.filename);
  let seed = 42;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const files = Array.from({ length: SUMMARIES }, (_, i) => ({
    name: `p${i}.json`,
    text: JSON.stringify(participant(i, random), null, 2),
  }));
  console.log(`${SUMMARIES} files, ${Math.round(files.reduce((sum, f) => sum + f.text.length, 0) / 1024)} KB in all`);
  const browser = await launchChromium({ extensionDir: DIST_CHROME });
  const times: number[] = [];
  try {
    const page = await browser.context.newPage();
    await page.goto(`${browser.extensionOrigin}/report.html#/room?period=week`);
    await page.waitForSelector('[data-testid="room"]');
    for (let round = 0; round <= ROUNDS; round++) {
      const ms = await page.evaluate(
        ({ files, count }) =>
          new Promise<number>((resolve) => {
            const clear = document.querySelector<HTMLButtonElement>('[data-testid="room-clear"]');
            clear?.click();
            setTimeout(() => {
              const input = document.querySelector('[data-testid="room-files"]') as HTMLInputElement;
              const list = new DataTransfer();
              for (const f of files) list.items.add(new File([f.text], f.name, { type: 'application/json' }));
              const start = performance.now();
              input.files = list.files;
              input.dispatchEvent(new Event('change', { bubbles: true }));
              // Done when the figures are in the document and painted (the frame after they appear).
              // (No named function in here: tsx would wrap it in a helper the page does not have.)
              new MutationObserver((_, observer) => {
                if (!document.querySelector(`[data-testid="room-participants"][data-count="${count}"]`)) return;
                observer.disconnect();
                requestAnimationFrame(() => resolve(performance.now() - start));
              }).observe(document.body, { subtree: true, childList: true, attributes: true });
            }, 100);
          }),
        { files, count: SUMMARIES },
      );
      times.push(ms);
    }
    await page.close();
  } finally {
    await browser.close();
  }
  const warm = times.slice(1).sort((a, b) => a - b);
  console.log(`cold ${times[0]!.toFixed(0)} ms; warm rounds (ms): ${warm.map((t) => t.toFixed(0)).join(' ')}`);
  return [
    {
      name: `room view, ${SUMMARIES} summaries → figures shown (median)`,
      value: quantile(warm, 0.5),
      unit: 'ms',
      target: { below: TARGET_MS },
    },
  ];
}
