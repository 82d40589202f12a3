import { withIpTables, type Knowledge } from '../classify/knowledge.js';
import { hostingOf } from '../classify/hosting.js';
import { GEO_ANYCAST_ANSWER, GEO_SAME_ANSWER, lookupCountry, lookupGeo, type IpTables } from '../classify/ip-lookup.js';
import { isThirdParty } from '../classify/party.js';
import { canonicalNameOf, isCloaked, trackingOnlyCompanies } from '../classify/cloaking.js';
import type { Classifier, IpVerdict } from '../store/classifier.js';

/** A short, stable fingerprint of the data versions (FNV-1a), so stored verdicts know what made them. */
export function knowledgeVersion(knowledge: Knowledge, extensionVersion: string): string {
  const text = JSON.stringify(knowledge.provenance.sources.map((s) => [s.package, s.version, s.dataDate]));
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return `${extensionVersion}:${hash.toString(36)}`;
}

/** Suffix of the version stamped on verdicts made before the server-country table arrived. */
export const PARTIAL_SUFFIX = ':without-ip-tables';

export interface KnowledgeClassifier extends Classifier {
  /** Adds IP tables (the worker: server countries, hosting operators, geolocation); once countries are in, verdicts carry the full version. */
  addIpTables(tables: Partial<IpTables>): void;
  /** True once a stored verdict may have been stamped with the partial version. */
  readonly gavePartialVerdicts: boolean;
}

/**
 * The store's view of the classifier, over the compiled knowledge. Over core knowledge
 * (no server-country table yet) it answers at once, with addresses located nowhere and a
 * version of its own: IP rows stored meanwhile are then stale by the store's rule
 * (kv ≠ version) and the re-classification fills their country once the table is in, in
 * this worker or, if it is stopped first, in the next one. Host verdicts do not depend on
 * the table but carry the same partial version: one version per classifier is the
 * store's contract, and re-stamping a few host rows costs little.
 *
 * Without the table of every network (the worker never loads it) IP verdicts name the
 * networks of the hosting table, with their operators, and leave `asn` and `network` out for
 * any other address, so the re-classification keeps the networks earlier versions stored and
 * new rows store null (store/classifier.ts IpVerdict). The full version does not depend on
 * whether networks are known: a row it stamped is never stale again under the same
 * knowledge, whichever fields it carries. Likewise the geolocation (`geoCountry`, `anycast`):
 * left out while its table is missing, so a re-classified row keeps what it held.
 */
export function knowledgeClassifier(initial: Knowledge, version: string): KnowledgeClassifier {
  let knowledge = initial;
  let current = knowledge.country === null ? `${version}${PARTIAL_SUFFIX}` : version;
  let partialUsed = false;
  return {
    // Read by the store exactly when it stamps a row, hence the bookkeeping here.
    get version() {
      if (current !== version) partialUsed = true;
      return current;
    },
    get gavePartialVerdicts() {
      return partialUsed;
    },
    addIpTables(tables) {
      knowledge = withIpTables(knowledge, tables);
      if (knowledge.country !== null) current = version;
    },
    host(host, canonicalName) {
      const own = knowledge.hosts.get(host);
      // Read again here: a stored name may come from an imported file.
      const alias = canonicalNameOf(canonicalName, host);
      const aliasVerdict = alias === null ? null : knowledge.hosts.get(alias);
      const cloaked = aliasVerdict !== null && isCloaked(own, aliasVerdict);
      const verdict = cloaked ? aliasVerdict : own;
      return {
        domain: own.domain,
        company: verdict.company,
        parent: verdict.parent,
        jurisdiction: verdict.jurisdiction,
        prism: verdict.prism,
        tracker: verdict.tracker ? { name: verdict.tracker.name, category: verdict.tracker.category } : null,
        ...(cloaked ? { cloaked: true } : {}),
      };
    },
    ip(address) {
      const { country, network, hosting } = knowledge;
      const verdict: IpVerdict = { country: country === null ? null : lookupCountry(country, address) };
      if (knowledge.geo !== null) {
        // Stored resolved: "same as the registry" becomes the registry's country, anycast no country.
        const geo = lookupGeo(knowledge.geo, address);
        verdict.geoCountry = geo === GEO_SAME_ANSWER ? verdict.country : geo === GEO_ANYCAST_ANSWER ? null : geo;
        verdict.anycast = geo === GEO_ANYCAST_ANSWER;
      }
      if (network === null && hosting === null) return verdict;
      const found = hostingOf(knowledge, address);
      // With the hosting table alone, an address outside its networks is in a network this classifier cannot name.
      if (found !== null || network !== null) {
        verdict.asn = found?.asn ?? null;
        verdict.network = found?.network ?? null;
      }
      verdict.operator = found?.company ?? null;
      verdict.operatorJurisdiction = found?.jurisdiction ?? null;
      verdict.operatorTracks = !!found?.company && trackingOnlyCompanies(knowledge.owners).has(found.company);
      return verdict;
    },
    thirdParty: (pageHost, requestHost) => isThirdParty(knowledge.hosts.get(requestHost), knowledge.hosts.get(pageHost)),
  };
}
