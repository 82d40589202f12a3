import type { RefObject } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { LaidNode } from './graph-draw.js';
import type { GraphController } from './graph-controller.js';

interface Point {
  x: number;
  y: number;
}

type Gesture =
  | { kind: 'drag'; node: LaidNode; start: Point; moved: boolean }
  | { kind: 'pan'; last: Point; start: Point }
  | { kind: 'tap'; node: LaidNode | null; start: Point; moved: boolean }
  | { kind: 'pinch'; distance: number; middle: Point };

/** Farther than this between press and release, in pixels, and a press is a drag, not a click. */
const CLICK_SLOP = 4;

interface Handlers {
  /** the node under a pointer that presses nothing (null: none) */
  hover(id: string | null): void;
  /** a node pressed and released in place */
  click(id: string): void;
}

const distance = (a: Point, b: Point) => Math.hypot(a.x - b.x, a.y - b.y);
const middle = (a: Point, b: Point): Point => ({ x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 });

/**
 * The graph's pointer gestures on the element over its canvas: hover, click, drag a node,
 * drag the background to pan, wheel to zoom about the pointer. On a touch screen one finger
 * only taps (the page's stylesheet leaves its swipes to the page, which scrolls: a graph as
 * wide as a phone would otherwise hold the page still), and two fingers pinch and pan.
 */
export function usePointerGestures(
  target: RefObject<HTMLElement | null>,
  controller: RefObject<GraphController | null>,
  handlers: Handlers,
): void {
  const latest = useRef(handlers);
  latest.current = handlers;
  useEffect(() => {
    const element = target.current;
    if (!element) return;
    const pointers = new Map<number, Point>();
    let gesture: Gesture | null = null;
    let hovered: string | null = null;
    const at = (e: PointerEvent | WheelEvent): Point => {
      const box = element.getBoundingClientRect();
      return { x: e.clientX - box.left, y: e.clientY - box.top };
    };
    const hover = (id: string | null) => {
      if (id === hovered) return;
      hovered = id;
      latest.current.hover(id);
    };
    const pinch = (): Gesture => {
      const [a, b] = [...pointers.values()];
      return { kind: 'pinch', distance: distance(a!, b!), middle: middle(a!, b!) };
    };
    const down = (e: PointerEvent) => {
      const c = controller.current;
      if (!c || (e.pointerType === 'mouse' && e.button !== 0)) return;
      element.setPointerCapture?.(e.pointerId);
      const p = at(e);
      pointers.set(e.pointerId, p);
      if (gesture?.kind === 'drag' && gesture.moved) c.dragEnd();
      if (pointers.size === 2) gesture = pinch();
      else if (pointers.size === 1) {
        const node = c.nodeAt(p.x, p.y);
        if (e.pointerType === 'touch') gesture = { kind: 'tap', node, start: p, moved: false };
        else gesture = node ? { kind: 'drag', node, start: p, moved: false } : { kind: 'pan', last: p, start: p };
      }
    };
    const move = (e: PointerEvent) => {
      const c = controller.current;
      if (!c) return;
      const p = at(e);
      if (pointers.has(e.pointerId)) pointers.set(e.pointerId, p);
      if (!gesture) {
        const node = c.nodeAt(p.x, p.y);
        element.style.cursor = node ? 'pointer' : 'grab';
        hover(node?.id ?? null);
      } else if (gesture.kind === 'drag') {
        if (!gesture.moved && distance(gesture.start, p) > CLICK_SLOP) {
          gesture.moved = true;
          c.dragStart(gesture.node);
        }
        if (gesture.moved) c.dragTo(gesture.node, p.x, p.y);
      } else if (gesture.kind === 'tap') {
        gesture.moved ||= distance(gesture.start, p) > CLICK_SLOP;
      } else if (gesture.kind === 'pan') {
        c.panBy(p.x - gesture.last.x, p.y - gesture.last.y);
        gesture.last = p;
      } else if (pointers.size === 2) {
        const [a, b] = [...pointers.values()];
        const now = distance(a!, b!);
        const centre = middle(a!, b!);
        c.panBy(centre.x - gesture.middle.x, centre.y - gesture.middle.y);
        if (gesture.distance > 0) c.zoomBy(now / gesture.distance, centre.x, centre.y);
        gesture.distance = now;
        gesture.middle = centre;
      }
    };
    const up = (e: PointerEvent) => {
      const c = controller.current;
      pointers.delete(e.pointerId);
      if (gesture?.kind === 'drag') {
        if (gesture.moved) c?.dragEnd();
        else if (e.type === 'pointerup') latest.current.click(gesture.node.id);
      } else if (gesture?.kind === 'tap' && gesture.node && !gesture.moved && e.type === 'pointerup') latest.current.click(gesture.node.id);
      gesture = null;
    };
    const leave = () => {
      if (!gesture) hover(null);
    };
    const wheel = (e: WheelEvent) => {
      const c = controller.current;
      if (!c) return;
      // The page would scroll under a graph that zooms: the wheel belongs to the graph here.
      e.preventDefault();
      const p = at(e);
      const lines = e.deltaMode === WheelEvent.DOM_DELTA_LINE ? 20 : 1;
      c.zoomBy(Math.exp(-e.deltaY * lines * 0.002), p.x, p.y);
    };
    element.addEventListener('pointerdown', down);
    element.addEventListener('pointermove', move);
    element.addEventListener('pointerup', up);
    element.addEventListener('pointercancel', up);
    element.addEventListener('pointerleave', leave);
    element.addEventListener('wheel', wheel, { passive: false });
    return () => {
      element.removeEventListener('pointerdown', down);
      element.removeEventListener('pointermove', move);
      element.removeEventListener('pointerup', up);
      element.removeEventListener('pointercancel', up);
      element.removeEventListener('pointerleave', leave);
      element.removeEventListener('wheel', wheel);
    };
    // The element is the stage's own, rendered with it: bound once, for the stage's lifetime.
  }, []);
}
