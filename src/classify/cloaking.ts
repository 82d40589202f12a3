/**
 * CNAME cloaking: a tracker served under the site's own name (f7ds.liberation.fr, an alias of
 * a Criteo host) is counted as the site unless the name's DNS alias is looked at. Firefox's
 * DNS API gives the canonical name (docs/cname-uncloaking.md); this decides, from the two
 * names' verdicts alone, whether the host is the tracker in disguise. Pure, like the rest of
 * classify/: the verdicts come in as arguments.
 */
import type { HostVerdict } from './host-verdict.js';
import { NONE } from './owners-format.js';
import type { OwnerTables } from './owner-tables.js';
import { isTrackingCategory, tracks } from './tracking.js';

/** The longest name DNS allows (RFC 1035, 2.3.4), in its text form without the root dot. */
const MAX_NAME = 253;
/** A DNS label as host names use it: letters, digits, hyphens inside, underscores (seen in CNAME targets). */
const LABEL = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/;

/**
 * The canonical name the browser's DNS gave for `host`, as a host name to classify, or null
 * when there is none worth classifying: not a string, not a valid name, an address, or the
 * host itself (no alias). The answer comes from whatever DNS server the browser uses, so it
 * is read as hostile input.
 */
export function canonicalNameOf(answer: unknown, host: string): string | null {
  if (typeof answer !== 'string' || answer.length === 0 || answer.length > MAX_NAME + 1) return null;
  const name = (answer.endsWith('.') ? answer.slice(0, -1) : answer).toLowerCase();
  if (name.length === 0 || name.length > MAX_NAME) return null;
  const labels = name.split('.');
  if (labels.length < 2 || !labels.every((label) => LABEL.test(label))) return null;
  // An all-digit last label is an address (or no public name at all), never a company's host.
  if (/^\d+$/.test(labels[labels.length - 1]!)) return null;
  const own = (host.endsWith('.') ? host.slice(0, -1) : host).toLowerCase();
  return name === own ? null : name;
}

/** The top of an owner's chain: two hosts of one group are one organisation. */
function topOwner(verdict: Pick<HostVerdict, 'company' | 'parent'>): string | null {
  return verdict.parent ?? verdict.company;
}

/**
 * True when `canonical` (the verdict of `own`'s canonical name) shows `own` to be a tracker
 * under the site's name: the alias leaves the host's registrable domain for a host the
 * knowledge lists in a tracking category (tracking.ts), of another organisation than the
 * host's own. A content network (CloudFront, Akamai: TrackerDB's "hosting") serving a site
 * is not cloaking, nor is a company aliasing its own names.
 */
export function isCloaked(own: Pick<HostVerdict, 'domain' | 'company' | 'parent'>, canonical: HostVerdict): boolean {
  if (canonical.domain === own.domain || canonical.company === null || !tracks(canonical.tracker)) return false;
  return topOwner(canonical) !== topOwner(own);
}

/** Made once per owners table: a worker asks for it at each new server address. */
const trackingOnly = new WeakMap<OwnerTables, ReadonlySet<string>>();

/**
 * The companies whose every catalogued service is in a tracking category (Criteo, Eulerian):
 * a network they operate serves tracking, so a site's own name answered from it is worth a
 * flag. A company that also runs hosting, players or utilities (Google, Amazon) is left out:
 * its network serves whole sites, and flagging every site it hosts would say nothing.
 */
export function trackingOnlyCompanies(owners: OwnerTables): ReadonlySet<string> {
  let found = trackingOnly.get(owners);
  if (found !== undefined) return found;
  const count = owners.companyParent.length;
  const tracking = new Uint8Array(count);
  const other = new Uint8Array(count);
  for (let row = 0; row < owners.rowCompany.length; row++) {
    const company = owners.rowCompany[row]!;
    const tracker = owners.rowTracker[row]!;
    if (company === NONE || tracker === NONE || company >= count) continue;
    if (isTrackingCategory(owners.tracker(tracker).category)) tracking[company] = 1;
    else other[company] = 1;
  }
  const names = new Set<string>();
  for (let company = 0; company < count; company++) {
    if (tracking[company] === 1 && other[company] === 0) names.add(owners.companyName(company));
  }
  found = names;
  trackingOnly.set(owners, found);
  return found;
}
