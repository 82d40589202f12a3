/**
 * Who receives a request, under which jurisdiction, on which soil. Pure: the knowledge
 * comes in as an argument; the only state is the per-host memo inside it.
 */
import { answeredFrom } from './answered-from.js';
import { lookupGeo } from './ip-lookup.js';
import type { Classification, ClassifyRequest, Hosting, Network } from './classification.js';
import { hostingOf } from './hosting.js';
import type { HostVerdict } from './host-verdict.js';
import { lookupCountry, lookupNetwork } from './ip-lookup.js';
import type { Knowledge } from './knowledge.js';
import { SOURCE_IP, SOURCE_JURISDICTIONS, SOURCE_NETWORKS } from './owners-format.js';
import { isThirdParty } from './party.js';
import { sourceList } from './sources.js';
import { isCleartext, scanUrl } from './url-target.js';

export type { Classification, ClassifyRequest } from './classification.js';
export { InvalidUrlError } from './classification.js';

/**
 * Server country, network and hosting operator of `ip` from the tables the knowledge has
 * (the worker's has no table of every network), through the host's last-address memo when
 * there is a host.
 */
function locate(knowledge: Knowledge, verdict: HostVerdict | null, ip: string): void {
  if (verdict !== null && verdict.lastIp === ip) {
    located.country = verdict.lastCountry;
    located.network = verdict.lastNetwork;
    located.hosting = verdict.lastHosting;
    return;
  }
  located.country = knowledge.country === null ? null : lookupCountry(knowledge.country, ip);
  const network = knowledge.network === null ? null : lookupNetwork(knowledge.network, ip);
  // Shared by every later request to this host from this address, like `tracker`: frozen.
  located.network = network === null ? null : Object.freeze(network);
  located.hosting = hostingOf(knowledge, ip);
  if (verdict !== null) {
    verdict.lastIp = ip;
    verdict.lastCountry = located.country;
    verdict.lastNetwork = located.network;
    verdict.lastHosting = located.hosting;
  }
}

/** Scratch for locate(): read at once by classify, so no object is made per request. */
const located: { country: string | null; network: Network | null; hosting: Hosting | null } = {
  country: null,
  network: null,
  hosting: null,
};

/**
 * Classifies one request. Throws InvalidUrlError when `url` is not an absolute URL; URLs
 * that are not network requests (data:, blob:, about:) are classified without a host.
 */
export function classify(knowledge: Knowledge, request: ClassifyRequest): Classification {
  const url = request.url;
  // Read the shared scan result at once: the page's scan below overwrites it.
  const found = scanUrl(url);
  const cleartext = isCleartext(found.scheme);
  const verdict = knowledge.hosts.lookup(url, found);
  const page = knowledge.hosts.page(request.page);

  const ip = request.ip || (verdict !== null ? verdict.ip : null);
  let serverCountry: string | null = null;
  let network: Network | null = null;
  let hosting: Hosting | null = null;
  const geo = ip && knowledge.geo !== null ? lookupGeo(knowledge.geo, ip) : null;
  // Core knowledge without the IP tables (a worker still loading them) locates nothing.
  if (ip && (knowledge.country !== null || knowledge.network !== null || knowledge.hosting !== null)) {
    locate(knowledge, verdict, ip);
    serverCountry = located.country;
    network = located.network;
    hosting = located.hosting;
  }
  const ipBits =
    (serverCountry !== null || network !== null || hosting !== null ? SOURCE_IP : 0) |
    (hosting !== null && hosting.company !== null ? SOURCE_NETWORKS | SOURCE_JURISDICTIONS : 0);

  if (verdict === null) {
    return {
      url,
      host: null,
      domain: null,
      thirdParty: false,
      tracker: null,
      company: null,
      parent: null,
      jurisdiction: null,
      prism: false,
      serverCountry,
      network,
      hosting,
      location: answeredFrom(request.edge ?? null, serverCountry, geo),
      cleartext,
      sources: sourceList(ipBits),
    };
  }
  return {
    url,
    host: verdict.host,
    domain: verdict.domain,
    thirdParty: isThirdParty(verdict, page),
    tracker: verdict.tracker,
    company: verdict.company,
    parent: verdict.parent,
    jurisdiction: verdict.jurisdiction,
    prism: verdict.prism,
    serverCountry,
    network,
    hosting,
    location: answeredFrom(request.edge ?? null, serverCountry, geo),
    cleartext,
    sources: sourceList(verdict.sources | ipBits),
  };
}
