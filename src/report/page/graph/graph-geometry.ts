/**
 * The graph's view of its layout (pure): where the world of the force layout lands on the
 * canvas, fitted to it, zoomed about a point and panned.
 */

/** screen = world × k + (x, y), in CSS pixels of the canvas */
export interface Transform {
  k: number;
  x: number;
  y: number;
}

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Zoom bounds: out far enough for a thousand nodes on a phone, in far enough to read a dense cluster. */
export const MIN_ZOOM = 0.02;
export const MAX_ZOOM = 12;
/** A graph of a few nodes spreads over the canvas, but two nodes are not set a canvas apart. */
const MAX_FIT_ZOOM = 6;

/** The box around every circle; null when there is none. */
export function boundsOf(circles: Iterable<{ x?: number | undefined; y?: number | undefined; r: number }>): Box | null {
  let box: Box | null = null;
  for (const { x = 0, y = 0, r } of circles) {
    if (!box) box = { left: x - r, top: y - r, right: x + r, bottom: y + r };
    else {
      box.left = Math.min(box.left, x - r);
      box.top = Math.min(box.top, y - r);
      box.right = Math.max(box.right, x + r);
      box.bottom = Math.max(box.bottom, y + r);
    }
  }
  return box;
}

/** The transform that shows all of `box` centred in a canvas of width × height, `padding` pixels from each edge. */
export function fitTransform(box: Box | null, width: number, height: number, padding: number): Transform {
  if (!box) return { k: 1, x: width / 2, y: height / 2 };
  const spanX = Math.max(box.right - box.left, 1);
  const spanY = Math.max(box.bottom - box.top, 1);
  const room = (size: number) => Math.max(size - 2 * padding, 1);
  const k = clamp(Math.min(room(width) / spanX, room(height) / spanY, MAX_FIT_ZOOM), MIN_ZOOM, MAX_ZOOM);
  return { k, x: width / 2 - k * ((box.left + box.right) / 2), y: height / 2 - k * ((box.top + box.bottom) / 2) };
}

/** Zooms by `factor` keeping the world point under (px, py) where it is on the screen. */
export function zoomAt(t: Transform, factor: number, px: number, py: number): Transform {
  const k = clamp(t.k * factor, MIN_ZOOM, MAX_ZOOM);
  const world = toWorld(t, px, py);
  return { k, x: px - world.x * k, y: py - world.y * k };
}

export function panBy(t: Transform, dx: number, dy: number): Transform {
  return { k: t.k, x: t.x + dx, y: t.y + dy };
}

export function toWorld(t: Transform, px: number, py: number): { x: number; y: number } {
  return { x: (px - t.x) / t.k, y: (py - t.y) / t.k };
}

export function toScreen(t: Transform, x: number, y: number): { x: number; y: number } {
  return { x: x * t.k + t.x, y: y * t.k + t.y };
}

/** Pans so that the screen point (px, py) comes `margin` pixels inside the canvas, if it is not already. */
export function keepInView(t: Transform, px: number, py: number, width: number, height: number, margin: number): Transform {
  const inside = (v: number, size: number) => (size <= 2 * margin ? size / 2 : clamp(v, margin, size - margin));
  return panBy(t, inside(px, width) - px, inside(py, height) - py);
}

function clamp(v: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, v));
}
