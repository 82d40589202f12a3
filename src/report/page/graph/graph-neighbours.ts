/** Who is linked to whom, and which node an arrow key leads to (pure). */

export type Direction = 'left' | 'right' | 'up' | 'down';

const ARROWS: Record<string, Direction> = { ArrowLeft: 'left', ArrowRight: 'right', ArrowUp: 'up', ArrowDown: 'down' };

export function directionOf(key: string): Direction | null {
  return ARROWS[key] ?? null;
}

/** Every node's neighbours, both ways round. */
export function neighbourSets(links: readonly { source: string; target: string }[]): Map<string, Set<string>> {
  const sets = new Map<string, Set<string>>();
  const add = (from: string, to: string) => {
    let set = sets.get(from);
    if (!set) sets.set(from, (set = new Set()));
    set.add(to);
  };
  for (const { source, target } of links) {
    add(source, target);
    add(target, source);
  }
  return sets;
}

/**
 * The nearest node the arrow points to: among the nodes ahead of `from` in that direction,
 * the one with the least distance ahead plus twice its distance aside, so that a node
 * straight ahead wins over a nearer one off to the side. Null when none is ahead.
 */
export function nodeInDirection(
  from: { id: string; x: number; y: number },
  nodes: Iterable<{ id: string; x: number; y: number }>,
  direction: Direction,
): string | null {
  let best: string | null = null;
  let bestScore = Infinity;
  for (const n of nodes) {
    if (n.id === from.id) continue;
    const dx = n.x - from.x;
    const dy = n.y - from.y;
    const ahead = direction === 'right' ? dx : direction === 'left' ? -dx : direction === 'down' ? dy : -dy;
    const aside = direction === 'left' || direction === 'right' ? Math.abs(dy) : Math.abs(dx);
    if (ahead <= 0) continue;
    const score = ahead + 2 * aside;
    if (score < bestScore || (score === bestScore && best !== null && n.id < best)) {
      best = n.id;
      bestScore = score;
    }
  }
  return best;
}
