/**
 * A site's page visits before and after a moment the reader picks among them ("before and
 * after I answered the consent banner"): the visits that started earlier on one side, that
 * one and the later ones on the other, each side's figures computed as the overview's are.
 * Pure.
 */
import { buildRollups } from '../../store/visit-rollup-build.js';
import { isShownVisit, type HostTable, type IpTable, type VisitFacts } from '../../store/visit-facts.js';
import { exposureFromHours, type Exposure } from './exposure.js';
import { daysRange, slicesOver } from './period.js';

/** The moments a reader can pick: when each page visit the report counts started, latest first, each once. */
export function markChoices(visits: readonly VisitFacts[]): number[] {
  return [...new Set(visits.filter(isShownVisit).map((v) => v.time))].sort((x, y) => y - x);
}

function sideOf(visits: readonly VisitFacts[], hosts: HostTable, ips: IpTable, first: number, last: number): Exposure {
  // Whole calendar days around the side's visits: its hour roll-ups all start within them.
  const range = daysRange(first, last);
  return exposureFromHours(range, slicesOver(range), buildRollups(visits, hosts, ips).values());
}

/** Before: visits that started before `mark`; after: from `mark` on. */
export function splitAtMark(
  visits: readonly VisitFacts[],
  mark: number,
  hosts: HostTable,
  ips: IpTable,
): { before: Exposure; after: Exposure } {
  const before = visits.filter((v) => v.time < mark);
  const after = visits.filter((v) => v.time >= mark);
  const earliest = before.reduce((min, v) => Math.min(min, v.time), mark);
  const latest = after.reduce((max, v) => Math.max(max, v.time), mark);
  return { before: sideOf(before, hosts, ips, earliest, mark), after: sideOf(after, hosts, ips, mark, latest) };
}
