import { withIpTables, type Knowledge } from '../classify/knowledge.js';
import { lookupCountry, lookupNetwork, type IpTables } from '../classify/ip-lookup.js';
import { isThirdParty } from '../classify/party.js';
import type { Classifier } from '../store/classifier.js';

/** A short, stable fingerprint of the data versions (FNV-1a), so stored verdicts know what made them. */
export function knowledgeVersion(knowledge: Knowledge, extensionVersion: string): string {
  const text = JSON.stringify(knowledge.provenance.sources.map((s) => [s.package, s.version, s.dataDate]));
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return `${extensionVersion}:${hash.toString(36)}`;
}

/** Suffix of the version stamped on verdicts made before the IP tables arrived. */
export const PARTIAL_SUFFIX = ':without-ip-tables';

export interface KnowledgeClassifier extends Classifier {
  /** Adds the IP tables; from then on verdicts are complete and carry the full version. */
  addIpTables(tables: IpTables): void;
  /** True once a stored verdict may have been stamped with the partial version. */
  readonly gavePartialVerdicts: boolean;
}

/**
 * The store's view of the classifier, over the compiled knowledge. Over core knowledge
 * (no IP tables yet) it answers at once, with addresses located nowhere and a version of
 * its own: IP rows stored meanwhile are then stale by the store's rule (kv ≠ version) and
 * the re-classification fills their country and network once the tables are in, in this
 * worker or, if it is stopped first, in the next one. Host verdicts do not depend on the
 * tables but carry the same partial version: one version per classifier is the store's
 * contract, and re-stamping a few host rows costs little.
 */
export function knowledgeClassifier(initial: Knowledge, version: string): KnowledgeClassifier {
  let knowledge = initial;
  let current = knowledge.ip === null ? `${version}${PARTIAL_SUFFIX}` : version;
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
      current = version;
    },
    host(host) {
      const verdict = knowledge.hosts.get(host);
      return {
        d: verdict.domain,
        company: verdict.company,
        parent: verdict.parent,
        jurisdiction: verdict.jurisdiction,
        prism: verdict.prism,
        tracker: verdict.tracker ? { name: verdict.tracker.name, category: verdict.tracker.category } : null,
      };
    },
    ip(address) {
      const tables = knowledge.ip;
      if (tables === null) return { country: null, asn: null, network: null };
      const network = lookupNetwork(tables, address);
      return { country: lookupCountry(tables, address), asn: network?.asn ?? null, network: network?.name ?? null };
    },
    thirdParty: (pageHost, requestHost) => isThirdParty(knowledge.hosts.get(requestHost), knowledge.hosts.get(pageHost)),
  };
}
