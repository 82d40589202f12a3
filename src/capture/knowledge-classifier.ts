import type { Knowledge } from '../classify/knowledge.js';
import { lookupCountry, lookupNetwork } from '../classify/ip-lookup.js';
import { isThirdParty } from '../classify/party.js';
import type { Classifier } from '../store/classifier.js';

/** A short, stable fingerprint of the data versions (FNV-1a), so stored verdicts know what made them. */
export function knowledgeVersion(knowledge: Knowledge, extensionVersion: string): string {
  const text = JSON.stringify(knowledge.provenance.sources.map((s) => [s.package, s.version, s.dataDate]));
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return `${extensionVersion}:${hash.toString(36)}`;
}

/** The store's view of the classifier, over the compiled knowledge. */
export function knowledgeClassifier(knowledge: Knowledge, version: string): Classifier {
  return {
    version,
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
      const network = lookupNetwork(knowledge.ip, address);
      return { country: lookupCountry(knowledge.ip, address), asn: network?.asn ?? null, network: network?.name ?? null };
    },
    thirdParty: (pageHost, requestHost) => isThirdParty(knowledge.hosts.get(requestHost), knowledge.hosts.get(pageHost)),
  };
}
