/**
 * The real compiled knowledge for the classify tests: build/knowledge, compiled first when
 * missing or stale (cached, and locked against a parallel build). Loaded once per worker.
 */
import type { Knowledge } from '../../src/classify/knowledge.js';
import { loadBuiltKnowledge } from '../../src/cli/knowledge-fs.js';

let loading: Promise<Knowledge> | null = null;

export function builtKnowledge(): Promise<Knowledge> {
  loading ??= loadBuiltKnowledge(() => {});
  return loading;
}
