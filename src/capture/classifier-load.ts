import { coreKnowledge, loadCountryTable, loadGeoTable, loadHostingTable, type KnowledgeReader } from '../classify/knowledge.js';
import { extensionVersion, readPackagedFile } from '../shared/browser.js';
import type { Classifier } from '../store/classifier.js';
import { knowledgeClassifier, knowledgeVersion } from './knowledge-classifier.js';
import { WORKER_MARKS } from './worker-marks.js';

/**
 * What the worker records with when the embedded core cannot be read (a damaged build):
 * requests are kept, filed under their last two labels (the public-suffix table is in the
 * core too), with every other verdict unknown. Its version matches no knowledge, so the
 * rows are re-classified once a working build runs.
 */
const lastTwoLabels = (host: string) => (/[\d\]]$/.test(host) ? host : host.split('.').slice(-2).join('.')); // an IP literal is its own site
const fallbackClassifier: Classifier = {
  version: 'none',
  host: (host) => ({ domain: lastTwoLabels(host), company: null, parent: null, jurisdiction: null, prism: false, tracker: null }),
  ip: () => ({ country: null }), // networks stored earlier stay
  thirdParty: (pageHost, requestHost) => lastTwoLabels(pageHost) !== lastTwoLabels(requestHost),
};

export interface ClassifierLoad {
  /** Resolves once hosts can be classified: what events wait for. */
  ready: Promise<Classifier>;
  /** The same classifier once the server-country, hosting and geolocation tables are in too (or could not be read): all the worker loads. */
  complete: Promise<Classifier & { readonly gavePartialVerdicts?: boolean }>;
}

/**
 * Loads the knowledge once per worker start, in two stages (see classify/knowledge.ts):
 * the core (owners.bin) comes with the worker script (`owners`, from knowledge-embedded.ts)
 * and is ready a microtask after the script has run; the server-country table is read
 * from the package after it, so it never delays it, and beside it the hosting table
 * (hosting.bin: the networks that map to a company, with their operators) and the
 * geolocation table (ip-geo.bin: where DB-IP places those networks' IPv4 addresses). IP rows stored
 * before they arrive are completed by the re-classification (knowledge-classifier.ts); in
 * practice few are, since a batch is stored FLUSH_DELAY_MS after its first event and the
 * tables are usually in by then. The table of every network (ip-asn.bin) is not loaded here
 * at all: reading it, the largest table, would slow every start, and the worker records the
 * operators, which the hosting table holds; other networks are looked up where they are
 * shown. If the core is damaged, capture goes on with domains only rather than losing the
 * record; if only the country table is, addresses stay unlocated; if only the hosting table
 * is, operators stay unknown; if only the geolocation table is, places rest on CDN headers and
 * registries; each says so in the console.
 */
export function loadClassifier(
  owners: () => ArrayBuffer,
  read: KnowledgeReader = (file) => readPackagedFile(`knowledge/${file}`),
): ClassifierLoad {
  // After the script has run, not during it: events reach the worker only then anyway.
  const core = Promise.resolve().then(() => {
    performance.mark(WORKER_MARKS.loadStart);
    const knowledge = coreKnowledge(owners());
    performance.mark(WORKER_MARKS.classifierReady);
    return knowledgeClassifier(knowledge, knowledgeVersion(knowledge, extensionVersion()));
  });
  const ready: Promise<Classifier> = core.catch((error: unknown) => {
    console.error('Upstream: the knowledge could not be loaded; recording hosts without verdicts', error);
    return fallbackClassifier;
  });
  // Marked on both sides of the read, so the benchmark tells the file's transfer from its parse.
  const timedRead: KnowledgeReader = async (file) => {
    performance.mark(WORKER_MARKS.countryRequested);
    const bytes = await read(file);
    performance.mark(WORKER_MARKS.countryReceived);
    return bytes;
  };
  const complete = core.then(
    async (classifier) => {
      // Read side by side; the hosting and geolocation tables are each a fraction of the country table's size.
      const [country, hosting, geo] = await Promise.allSettled([loadCountryTable(timedRead), loadHostingTable(read), loadGeoTable(read)]);
      if (country.status === 'rejected')
        console.error('Upstream: the server-country table could not be loaded; server countries stay unknown for now', country.reason);
      if (hosting.status === 'rejected')
        console.error('Upstream: the hosting-operator table could not be loaded; operators stay unknown for now', hosting.reason);
      if (geo.status === 'rejected')
        console.error('Upstream: the geolocation table could not be loaded; places rest on CDN headers for now', geo.reason);
      classifier.addIpTables({
        ...(country.status === 'fulfilled' ? { country: country.value } : {}),
        ...(hosting.status === 'fulfilled' ? { hosting: hosting.value } : {}),
        ...(geo.status === 'fulfilled' ? { geo: geo.value } : {}),
      });
      if (country.status === 'fulfilled') performance.mark(WORKER_MARKS.workerKnowledgeLoaded);
      return classifier;
    },
    () => ready,
  );
  return { ready, complete };
}
