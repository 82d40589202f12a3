/**
 * Names of the User Timing marks the worker sets once per start (read by
 * test/bench/worker-start.bench.ts). Marks rather than a status command: reading them
 * needs no message handler, and they cost nothing when nobody reads them.
 */
export const WORKER_MARKS = {
  /** First statement of the worker script (start-mark.ts). */
  scriptStart: 'upstream:script-start',
  /** The whole worker script has been evaluated (listeners registered, pipeline built). */
  evaluated: 'upstream:evaluated',
  /** The core knowledge (embedded in the script) is being decoded. */
  loadStart: 'upstream:knowledge-load-start',
  /** The classifier can classify: everything about hosts (IP rows completed at workerKnowledgeLoaded). */
  classifierReady: 'upstream:classifier-ready',
  /** The server-country table (ip-country.bin) is asked for. */
  countryRequested: 'upstream:country-requested',
  /** Its bytes are in the worker (parsed between this and workerKnowledgeLoaded). */
  countryReceived: 'upstream:country-received',
  /**
   * Everything the worker loads is in: owners and server countries. The worker never loads
   * network operators (ip-asn.bin; they are looked up where shown), so this is all of it.
   * (Named knowledge-complete until the worker stopped loading networks.)
   */
  workerKnowledgeLoaded: 'upstream:worker-knowledge-loaded',
} as const;
