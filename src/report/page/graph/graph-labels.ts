/**
 * Which nodes get a label (pure): candidates in order of priority (the node pointed at, its
 * neighbours, then the largest), each label kept only where it overlaps no label kept before
 * and stays on the canvas; to the right of its dot, else to the left.
 */

export interface LabelCandidate {
  id: string;
  /** the dot's centre and radius on the screen */
  x: number;
  y: number;
  r: number;
  /** the label's measured width */
  width: number;
}

export interface PlacedLabel {
  id: string;
  /** where the text starts, at its middle height */
  x: number;
  y: number;
  width: number;
}

/** Space between a dot and its label, and around each label, in pixels. */
const GAP = 3;

export function chooseLabels(
  candidates: Iterable<LabelCandidate>,
  area: { width: number; height: number },
  lineHeight: number,
  max: number,
): PlacedLabel[] {
  const placed: PlacedLabel[] = [];
  const boxes: { left: number; top: number; right: number; bottom: number }[] = [];
  const seen = new Set<string>();
  for (const c of candidates) {
    if (placed.length >= max) break;
    if (seen.has(c.id)) continue;
    seen.add(c.id);
    const top = c.y - lineHeight / 2;
    const bottom = c.y + lineHeight / 2;
    if (top < 0 || bottom > area.height) continue;
    for (const left of [c.x + c.r + GAP, c.x - c.r - GAP - c.width]) {
      const right = left + c.width;
      if (left < 0 || right > area.width) continue;
      const clash = boxes.some((b) => left < b.right + GAP && right + GAP > b.left && top < b.bottom && bottom > b.top);
      if (clash) continue;
      boxes.push({ left, top, right, bottom });
      placed.push({ id: c.id, x: left, y: c.y, width: c.width });
      break;
    }
  }
  return placed;
}
