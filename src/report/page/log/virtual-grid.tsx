/**
 * A grid of fixed-height rows of which only the visible window (and a few rows either side)
 * is in the DOM: a spacer as tall as every row holds them, each placed at its offset. So
 * 100,000 rows scroll like 40. The rows are focusable one at a time (a roving tabindex):
 * arrows move by one row, PageUp and PageDown by a screenful, Home and End (with or without
 * Ctrl) to the first and last row; the focused row is always rendered, even scrolled away.
 */
import { Component } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';

const ROW_PX = 28;
const HEADER_PX = 32;
/** Rows rendered beyond each edge: a wheel's step or two, without a frame's worth of rows nobody sees. */
const OVERSCAN = 6;
/**
 * The window moves by this many rows at a time: a scroll within a band changes nothing in the
 * DOM, so most frames of a wheel's scroll are the compositor's alone, and the others bring a
 * few rows at once.
 */
const BAND_ROWS = 6;

/** The band of rows a scroll offset is in: what the window depends on. */
function bandOf(scrollTop: number): number {
  return Math.floor(scrollTop / (ROW_PX * BAND_ROWS));
}

export interface GridColumn {
  key: string;
  label: string;
}

/** A cell's text, its full text or explanation on hover, and whether it is shown muted. */
export interface GridCell {
  text: string;
  title?: string | undefined;
  muted?: boolean;
}

export interface GridRow {
  key: number;
  cells: GridCell[];
  /** data-* attributes of the row (tests read them) */
  data?: Record<string, string>;
}

interface Props {
  columns: readonly GridColumn[];
  count: number;
  row: (index: number) => GridRow;
  labelledBy: string;
  testId: string;
}

function rowKeyMove(key: string, index: number, count: number, page: number): number | null {
  switch (key) {
    case 'ArrowDown':
      return Math.min(count - 1, index + 1);
    case 'ArrowUp':
      return Math.max(0, index - 1);
    case 'PageDown':
      return Math.min(count - 1, index + page);
    case 'PageUp':
      return Math.max(0, index - page);
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}

interface RowProps {
  id: string;
  row: GridRow;
  index: number;
  focused: boolean;
  columns: readonly GridColumn[];
}

/** One row; drawn again only when its content, place or focus changed (a scroll leaves most rows as they were). */
class GridRowView extends Component<RowProps> {
  override shouldComponentUpdate(next: RowProps): boolean {
    const now = this.props;
    return (
      next.row !== now.row || next.index !== now.index || next.focused !== now.focused || next.columns !== now.columns || next.id !== now.id
    );
  }

  override render({ id, row, index, focused, columns }: RowProps) {
    const attributes = Object.fromEntries(Object.entries(row.data ?? {}).map(([name, value]) => [`data-${name}`, value]));
    return (
      <div
        id={id}
        role="row"
        aria-rowindex={index + 2}
        tabIndex={focused ? 0 : -1}
        class="vgrid-row"
        style={{ transform: `translateY(${index * ROW_PX}px)`, height: `${ROW_PX}px` }}
        {...attributes}
      >
        {row.cells.map((cell, i) => (
          <div
            key={columns[i]!.key}
            role="gridcell"
            aria-colindex={i + 1}
            class={`vgrid-cell col-${columns[i]!.key}${cell.muted ? ' muted' : ''}`}
            title={cell.title}
          >
            {cell.text}
          </div>
        ))}
      </div>
    );
  }
}

export function VirtualGrid({ columns, count, row, labelledBy, testId }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const [band, setBand] = useState(0);
  const [height, setHeight] = useState(560);
  const [active, setActive] = useState(0);
  const focusWanted = useRef(false);
  useLayoutEffect(() => {
    const element = box.current!;
    const observer = new ResizeObserver(() => setHeight(element.clientHeight));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  const current = Math.max(0, Math.min(active, count - 1));
  const body = Math.max(ROW_PX, height - HEADER_PX);
  const page = Math.max(1, Math.floor(body / ROW_PX) - 1);
  // A window of as many rows whatever the scroll, each row in the slot of its index modulo
  // that size, and the slots in the DOM in their own order: scrolling gives the same elements
  // new text and place, and never moves an element (a moved element is styled and laid out
  // again, with the whole document around it). The rowgroup's aria-owns gives assistive
  // technologies the rows in their order on screen.
  const size = Math.ceil(body / ROW_PX) + 1 + BAND_ROWS + 2 * OVERSCAN;
  const first = Math.max(0, Math.min(count - size, band * BAND_ROWS - OVERSCAN));
  const last = Math.min(count, first + size);
  const inOrder: number[] = [];
  if (count > 0 && current < first) inOrder.push(current);
  for (let i = first; i < last; i++) inOrder.push(i);
  if (count > 0 && current >= last) inOrder.push(current);
  // The focused row keeps an element of its own, so that moving the focus moves it to another element (and is announced).
  const slotOf = (index: number) => (index === current ? size : index % size);
  const idOf = (index: number) => `${testId}-row-${index === current ? 'focus' : slotOf(index)}`;
  const bySlot = [...inOrder].sort((a, b) => slotOf(a) - slotOf(b));

  useLayoutEffect(() => {
    if (!focusWanted.current) return;
    focusWanted.current = false;
    box.current?.querySelector<HTMLElement>(`[aria-rowindex="${current + 2}"]`)?.focus({ preventScroll: true });
  });

  const moveTo = (index: number) => {
    const element = box.current!;
    const offset = index * ROW_PX;
    if (offset < element.scrollTop) element.scrollTop = offset;
    else if (offset + ROW_PX > element.scrollTop + body) element.scrollTop = offset + ROW_PX - body;
    focusWanted.current = true;
    setActive(index);
    setBand(bandOf(element.scrollTop));
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (count === 0 || !(event.target as HTMLElement).matches('[role="row"][tabindex]')) return;
    const next = rowKeyMove(event.key, current, count, page);
    if (next === null) return;
    event.preventDefault();
    moveTo(next);
  };

  return (
    <div
      ref={box}
      class="vgrid"
      role="grid"
      aria-labelledby={labelledBy}
      aria-rowcount={count + 1}
      aria-colcount={columns.length}
      data-testid={testId}
      data-rows={count}
      onScroll={(event) => setBand(bandOf((event.currentTarget as HTMLElement).scrollTop))}
      onKeyDown={onKeyDown}
      onFocusCapture={(event) => {
        const index = Number((event.target as HTMLElement).getAttribute('aria-rowindex')) - 2;
        if (index >= 0 && index !== current) setActive(index);
      }}
    >
      <div role="rowgroup" class="vgrid-head" style={{ height: `${HEADER_PX}px` }}>
        <div role="row" aria-rowindex={1} class="vgrid-row">
          {columns.map((column, i) => (
            <div key={column.key} role="columnheader" aria-colindex={i + 1} class={`vgrid-cell col-${column.key}`}>
              {column.label}
            </div>
          ))}
        </div>
      </div>
      <div role="rowgroup" class="vgrid-body" style={{ height: `${count * ROW_PX}px` }} aria-owns={inOrder.map(idOf).join(' ')}>
        {bySlot.map((index) => {
          const data = row(index);
          return (
            <GridRowView
              key={index === current ? `focus-${data.key}` : slotOf(index)}
              id={idOf(index)}
              row={data}
              index={index}
              focused={index === current}
              columns={columns}
            />
          );
        })}
      </div>
    </div>
  );
}
