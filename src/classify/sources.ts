/**
 * Source bits → the `sources` list of a classification. Every combination is built once
 * and frozen, so classifying a request never allocates a list.
 */
import { SOURCE_NAMES, type SourceName } from './owners-format.js';

const LISTS: readonly (readonly SourceName[])[] = Array.from({ length: 1 << SOURCE_NAMES.length }, (_, bits) =>
  Object.freeze(SOURCE_NAMES.filter((_, i) => (bits & (1 << i)) !== 0)),
);

export function sourceList(bits: number): readonly SourceName[] {
  return LISTS[bits]!;
}
