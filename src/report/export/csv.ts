/**
 * CSV as spreadsheets read it (RFC 4180: quoted when needed, CRLF rows), with one guard:
 * a cell that starts like a formula (= + - @, tab, carriage return) gets a leading
 * apostrophe, so a hostile host or company name cannot run in the reader's spreadsheet.
 */
export type Cell = string | number | boolean | null;

export function csvCell(value: Cell): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(cells: Cell[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}
