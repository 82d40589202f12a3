import { loadCoreKnowledge, loadIpTables, type KnowledgeReader } from '../classify/knowledge.js';
import { extensionVersion, readPackagedFile } from '../shared/browser.js';
import type { Classifier } from '../store/classifier.js';
import { domainOnlyClassifier } from '../store/domain-only-classifier.js';
import { knowledgeClassifier, knowledgeVersion } from './knowledge-classifier.js';
import type { PrefetchedReads } from './knowledge-prefetch.js';
import { WORKER_MARKS } from './worker-marks.js';

export interface ClassifierLoad {
  /** Resolves once hosts can be classified: what events wait for. */
  ready: Promise<Classifier>;
  /** The same classifier once the IP tables are in too (or could not be read). */
  complete: Promise<Classifier & { readonly gavePartialVerdicts?: boolean }>;
}

/**
 * Loads the knowledge shipped in the package, once per worker start, in two stages (see
 * classify/knowledge.ts): events wait for the core only, and the IP tables are read after
 * it rather than alongside, so that 11 MB do not slow the core's 0.4 MB down. IP rows
 * stored before they arrive are completed by the re-classification (knowledge-classifier.ts);
 * in practice few are, since a batch is stored FLUSH_DELAY_MS after its first event and
 * the tables are usually in by then. If the core files are damaged, capture goes on with
 * domains only rather than losing the record; if only the IP tables are, addresses stay
 * unlocated; both say so in the console.
 */
export function loadClassifier(prefetched: PrefetchedReads = new Map()): ClassifierLoad {
  // Each prefetched read is used once: a retry in a later call reads the file again.
  const read: KnowledgeReader = (file) => {
    const early = prefetched.get(file);
    prefetched.delete(file);
    return early ?? readPackagedFile(`knowledge/${file}`);
  };
  const core = loadCoreKnowledge(read).then((knowledge) => {
    performance.mark(WORKER_MARKS.classifierReady);
    return knowledgeClassifier(knowledge, knowledgeVersion(knowledge, extensionVersion()));
  });
  const ready: Promise<Classifier> = core.catch((error: unknown) => {
    console.error('Upstream: the knowledge files could not be loaded; recording domains only', error);
    return domainOnlyClassifier;
  });
  const complete = core.then(
    async (classifier) => {
      try {
        classifier.addIpTables(await loadIpTables(read));
        performance.mark(WORKER_MARKS.knowledgeComplete);
      } catch (error) {
        console.error('Upstream: the IP tables could not be loaded; server countries and networks stay unknown for now', error);
      }
      return classifier;
    },
    () => ready,
  );
  return { ready, complete };
}
