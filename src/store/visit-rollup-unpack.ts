/**
 * Reading a stored hour or day roll-up back: every part readers walk is checked, so that a
 * damaged row, or one an earlier build wrote, is skipped and rebuilt rather than thrown on.
 */
import { GROUPS } from '../classify/country-groups.js';
import { REACH_FIGURES } from './figures.js';
import type { PackedHour, PackedObserver, PackedRollup } from './visit-rollup.js';

/**
 * Which definitions a row's counts follow: a row counted under others (2: tracker reach
 * counts only tracking categories, classify/tracking.ts) does not decode, so readers skip
 * it and the worker rebuilds it from the visits (rollup-integrity.ts); 3: upstream reach counts
 * only answers whose place a CDN's header tells). Raise it whenever
 * what a visit adds to a row changes meaning.
 */
export const COUNTING_VERSION = 3;

/**
 * The length of a row's counts (PackedHour's `c`): its visits, one count per reach figure in
 * the order of store/figures.ts, its requests and those in clear text.
 */
const COUNTS_LENGTH = REACH_FIGURES.length + 3;

/**
 * Which reach figures and groups (classify/country-groups.ts) a row counts. A row names them
 * (PackedHour's `f`) only when they are not the ones every row counted when this mark was
 * made; a row that counted others does not decode and is rebuilt, so that adding a figure
 * or a group to its list is all it takes.
 */
const COUNTED_BEFORE_MARK = 'usReach,prismReach,upstreamReach,trackerReach|five-eyes,fourteen-eyes,eu-eea';
const COUNTED = `${REACH_FIGURES.map((figure) => figure.key).join(',')}|${GROUPS.join(',')}`;
export const COUNTED_MARK = COUNTED === COUNTED_BEFORE_MARK ? undefined : COUNTED;

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isNameOrNull = (v: unknown) => v === null || typeof v === 'string';

function isCounts(v: unknown): v is Record<string, number> {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return false;
  for (const key in v) if (!isCount((v as Record<string, unknown>)[key])) return false;
  return true;
}

function isPackedObserver(o: unknown, sites: number, categoryNames: number): o is PackedObserver {
  if (!Array.isArray(o) || o.length !== 7 || typeof o[0] !== 'string' || !isNameOrNull(o[1]) || !isNameOrNull(o[2]) || !isCount(o[4]))
    return false;
  const [, , , , , siteCounts, categories] = o as unknown[];
  if (!Array.isArray(siteCounts) || siteCounts.length % 2 || !Array.isArray(categories) || categories.length % 2) return false;
  // Observers refer to sites by position: one pointing outside the list is damage, not a site.
  let onSites = 0;
  for (let i = 0; i < siteCounts.length; i += 2) {
    const index = siteCounts[i];
    if (!Number.isInteger(index) || index < 0 || index >= sites || !isCount(siteCounts[i + 1])) return false;
    onSites += siteCounts[i + 1] as number;
  }
  if (onSites !== o[4]) return false;
  for (let i = 0; i < categories.length; i += 2) {
    const category = categories[i];
    if (
      !(typeof category === 'string' || (Number.isInteger(category) && category >= 0 && category < categoryNames)) ||
      !isCount(categories[i + 1])
    )
      return false;
  }
  return true;
}

/**
 * A stored row's packed figures, or null when it is not a roll-up this version wrote (a
 * damaged row, or a format of an earlier build): readers skip it and the worker rebuilds it
 * (store/rollup-integrity.ts). Checks every part readers walk, so that they never throw.
 */
export function unpackRollup(stored: unknown): PackedRollup | null {
  if (!stored || typeof stored !== 'object') return null;
  const { h, j } = stored as { h?: unknown; j?: unknown };
  if (!isCount(h) || typeof j !== 'string') return null;
  let p: Partial<Record<keyof PackedHour, unknown>>;
  try {
    p = JSON.parse(j) as typeof p;
  } catch {
    return null;
  }
  if (!p || typeof p !== 'object') return null;
  if (p.d !== COUNTING_VERSION || (p.f ?? COUNTED_BEFORE_MARK) !== COUNTED) return null;
  const { c, s, o } = p;
  if (!Array.isArray(c) || c.length !== COUNTS_LENGTH || !c.every(isCount)) return null;
  if (!Array.isArray(s) || !s.every((site) => Array.isArray(site) && typeof site[0] === 'string' && isCount(site[1]))) return null;
  // Each visit counts once under its site, and once under its site in each observer present
  // (applySummary): sums that differ are a row that lost a site, such as `__proto__`, which
  // builds before shared/dictionary.ts could not store as a key. The row is built again.
  if (s.reduce((sum: number, site: [string, number]) => sum + site[1], 0) !== c[0]) return null;
  const k = p.k ?? [];
  if (!Array.isArray(k) || !k.every((name) => typeof name === 'string')) return null;
  if (!Array.isArray(o) || !o.every((observer) => isPackedObserver(observer, s.length, k.length))) return null;
  if (!isCounts(p.hi) || !isCounts(p.co) || !isCounts(p.ju) || !isCounts(p.hj) || !isCounts(p.g)) return null;
  // Categories named in place, so that readers find names whichever way the row was written.
  for (const observer of o as PackedObserver[]) {
    const categories = observer[6];
    for (let i = 0; i < categories.length; i += 2) if (typeof categories[i] === 'number') categories[i] = k[categories[i] as number]!;
  }
  return { h, p: p as PackedHour };
}
