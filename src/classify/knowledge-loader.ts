/**
 * Loads the knowledge once per worker start and hands the same promise to everyone, so a
 * request that arrives while the files are still loading waits for them instead of being
 * classified as unknown. A failed load is forgotten, so the next request tries again.
 *
 * In the worker (the reader is the caller's, so this module stays free of browser APIs):
 *   const knowledge = createKnowledgeLoader((file) =>
 *     fetch(extensionUrl(`knowledge/${file}`)).then((response) => response.arrayBuffer()));
 *   const result = classify(knowledge.current() ?? (await knowledge.whenReady()), request);
 */
import { loadKnowledge, type Knowledge, type KnowledgeReader } from './knowledge.js';

export interface KnowledgeLoader {
  /** Resolves with the knowledge, starting the load on first call. */
  whenReady(): Promise<Knowledge>;
  /** The knowledge if it has finished loading, else null (never starts a load). */
  current(): Knowledge | null;
}

export function createKnowledgeLoader(read: KnowledgeReader): KnowledgeLoader {
  let pending: Promise<Knowledge> | null = null;
  let loaded: Knowledge | null = null;
  return {
    whenReady() {
      pending ??= loadKnowledge(read).then(
        (knowledge) => (loaded = knowledge),
        (error: unknown) => {
          pending = null;
          throw error;
        },
      );
      return pending;
    },
    current: () => loaded,
  };
}
