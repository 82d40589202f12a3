import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';

export interface Column<Row> {
  key: string;
  label: string;
  /** what the column sorts by */
  value(row: Row): number | string;
  render?(row: Row): ComponentChildren;
  numeric?: boolean;
}

interface SortableTableProps<Row> {
  caption: string;
  columns: Column<Row>[];
  rows: Row[];
  rowKey(row: Row): string;
  initialSort: string;
  testId: string;
}

/** A table whose column headers sort it (buttons, so the keyboard and screen readers can too). */
export function SortableTable<Row>({ caption, columns, rows, rowKey, initialSort, testId }: SortableTableProps<Row>) {
  const [sort, setSort] = useState<{ key: string; descending: boolean }>({ key: initialSort, descending: true });
  const column = columns.find((c) => c.key === sort.key) ?? columns[0]!;
  const sorted = [...rows].sort((a, b) => {
    const x = column.value(a);
    const y = column.value(b);
    const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    return sort.descending ? -order : order;
  });
  return (
    <table class="data" data-testid={testId}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          {columns.map((c) => (
            <th
              key={c.key}
              scope="col"
              class={c.numeric ? 'num' : undefined}
              aria-sort={c.key === sort.key ? (sort.descending ? 'descending' : 'ascending') : 'none'}
            >
              <button
                type="button"
                data-sort={c.key}
                onClick={() => setSort((s) => ({ key: c.key, descending: s.key === c.key ? !s.descending : c.numeric === true }))}
              >
                {c.label}
              </button>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {sorted.map((row) => (
          <tr key={rowKey(row)} data-row={rowKey(row)}>
            {columns.map((c) => (
              <td key={c.key} class={c.numeric ? 'num' : undefined} data-column={c.key}>
                {c.render ? c.render(row) : String(c.value(row))}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
