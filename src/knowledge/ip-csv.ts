/**
 * Reads the ip-location-db "-num" CSV files: `start,end,value[,"quoted, name"]`.
 * AS names are RFC 4180 quoted when they hold a comma or a quote (`"LLC ""SPUTNIK"""`),
 * so a plain split(',') would cut them apart. Build-time only.
 */
import { readFile } from 'node:fs/promises';

/** Splits one CSV line into fields, undoing RFC 4180 quoting. Throws on a broken quote. */
export function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (line.charCodeAt(i) === 34 /* " */) {
      let field = '';
      let from = i + 1;
      for (;;) {
        const quote = line.indexOf('"', from);
        if (quote < 0) throw new Error(`unterminated quoted field in CSV line: ${line.slice(0, 120)}`);
        field += line.slice(from, quote);
        if (line.charCodeAt(quote + 1) === 34) {
          field += '"';
          from = quote + 2;
          continue;
        }
        i = quote + 1;
        break;
      }
      fields.push(field);
      if (i === line.length) return fields;
      if (line.charCodeAt(i) !== 44 /* , */) throw new Error(`text after a quoted field in CSV line: ${line.slice(0, 120)}`);
      i++;
    } else {
      const comma = line.indexOf(',', i);
      if (comma < 0) {
        fields.push(line.slice(i));
        return fields;
      }
      fields.push(line.slice(i, comma));
      i = comma + 1;
    }
  }
}

/** Every non-empty line of a CSV file, split into fields, with its 1-based line number. */
export async function readCsv(file: string): Promise<{ line: number; fields: string[] }[]> {
  const text = await readFile(file, 'utf8');
  const rows: { line: number; fields: string[] }[] = [];
  let line = 0;
  for (const raw of text.split('\n')) {
    line++;
    const trimmed = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (trimmed !== '') rows.push({ line, fields: splitCsvLine(trimmed) });
  }
  return rows;
}

/** A CSV cell holding a non-negative decimal integer (IPv6 ones exceed 2^53, hence bigint). */
export function parseAddress(cell: string | undefined, where: string): bigint {
  if (cell === undefined || !/^\d{1,39}$/.test(cell)) throw new Error(`${where}: not an address number: ${cell}`);
  return BigInt(cell);
}
