/**
 * A set of journal sequence numbers, kept as sorted, disjoint [from, to] ranges. A worker's
 * events are mostly stored in order, so this stays a range or two; but not always: a worker
 * that is being stopped can still store a batch after its successor stored older entries
 * it found in the journal. A high-water mark would then skip those as already stored.
 */
export type SeqSet = [number, number][];

export function hasSeq(set: SeqSet, seq: number): boolean {
  let lo = 0;
  let hi = set.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [from, to] = set[mid]!;
    if (seq < from) hi = mid - 1;
    else if (seq > to) lo = mid + 1;
    else return true;
  }
  return false;
}

export function addSeq(set: SeqSet, seq: number): void {
  if (hasSeq(set, seq)) return;
  let i = 0;
  while (i < set.length && set[i]![1] < seq) i++;
  const before = set[i - 1];
  const after = set[i];
  const joinsBefore = before !== undefined && before[1] === seq - 1;
  const joinsAfter = after !== undefined && after[0] === seq + 1;
  if (joinsBefore && joinsAfter) {
    before[1] = after[1];
    set.splice(i, 1);
  } else if (joinsBefore) before[1] = seq;
  else if (joinsAfter) after[0] = seq;
  else set.splice(i, 0, [seq, seq]);
}
