import { createKnowledgeLoader } from '../classify/knowledge-loader.js';
import { extensionVersion, readPackagedFile } from '../shared/browser.js';
import type { Classifier } from '../store/classifier.js';
import { domainOnlyClassifier } from '../store/domain-only-classifier.js';
import { knowledgeClassifier, knowledgeVersion } from './knowledge-classifier.js';
import { WORKER_MARKS } from './worker-marks.js';

/**
 * Loads the knowledge shipped in the package, once per worker start. Events wait for it
 * (they stay journaled meanwhile). If the files are damaged, capture goes on with domains
 * only rather than losing the record, and says so in the console.
 */
export async function loadClassifier(): Promise<Classifier> {
  try {
    performance.mark(WORKER_MARKS.loadStart);
    const knowledge = await createKnowledgeLoader((file) => readPackagedFile(`knowledge/${file}`)).whenReady();
    performance.mark(WORKER_MARKS.classifierReady);
    performance.mark(WORKER_MARKS.knowledgeComplete);
    return knowledgeClassifier(knowledge, knowledgeVersion(knowledge, extensionVersion()));
  } catch (error) {
    console.error('Upstream: the knowledge files could not be loaded; recording domains only', error);
    return domainOnlyClassifier;
  }
}
