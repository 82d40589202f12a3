/**
 * Build time: compiles the IP → country and IP → network (AS) CSV files of the
 * ip-location-db npm packages into the two binary files described in
 * classify/ip-format.ts. Deterministic: the same packages give the same bytes.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { deflateRawSync } from 'node:zlib';
import {
  COUNTRY_FILE,
  IP_KIND_COUNTRY,
  IP_KIND_NETWORK,
  MAX_NAME_BYTES,
  NAME_CHUNK,
  NETWORK_FILE,
  NO_DATA,
  SPLIT_COUNTRY,
  SPLIT_NETWORK,
  type IpFileCounts,
} from '../classify/ip-format.js';
import { parseAddress, readCsv } from './ip-csv.js';
import { encodeFile, encodeTables, putColumn, type Sections } from './ip-encode.js';
import { resolveRanges, splitIntoBlocks, type IpRange, type IpSegment } from './ip-ranges.js';

import type { ProvenanceEntry } from '../classify/owners-format.js';

export type { ProvenanceEntry } from '../classify/owners-format.js';

export const COUNTRY_PACKAGE = '@ip-location-db/geo-whois-asn-country';
export const NETWORK_PACKAGE = '@ip-location-db/asn';
const V4_MAX = 2n ** 32n - 1n;
const V6_MAX = 2n ** 128n - 1n;
const V6_BLOCK_BITS = 64n;
const V6_MAX_BLOCK = 2n ** 64n - 1n;

export interface CompileOptions {
  /** Where the size report goes; console.log by default. */
  log?: (line: string) => void;
}

export async function compileIpTables(outDir: string, options: CompileOptions = {}): Promise<ProvenanceEntry[]> {
  const log = options.log ?? ((line: string) => console.log(line));
  const countryPackage = await packageInfo(COUNTRY_PACKAGE);
  const networkPackage = await packageInfo(NETWORK_PACKAGE);
  const files: [string, Uint8Array][] = [
    [COUNTRY_FILE, await compileCountries(countryPackage.dir)],
    [NETWORK_FILE, await compileNetworks(networkPackage.dir, log)],
  ];
  await mkdir(outDir, { recursive: true });
  let raw = 0;
  let deflated = 0;
  for (const [name, bytes] of files) {
    // Through a temporary name, so that a reader never sees half a file.
    const file = path.join(outDir, name);
    await writeFile(`${file}.${process.pid}.tmp`, bytes);
    await rename(`${file}.${process.pid}.tmp`, file);
    const size = deflateRawSync(bytes, { level: 9 }).length;
    raw += bytes.length;
    deflated += size;
    log(`Upstream knowledge: ${name} ${kb(bytes.length)} raw, ${kb(size)} deflated`);
  }
  log(`Upstream knowledge: IP tables ${kb(raw)} raw, ${kb(deflated)} deflated in total`);
  return [
    {
      source: 'IP address → country: GeoFeed, RIR WHOIS and RIR delegation data merged by ip-location-db (geo-whois-asn-country)',
      package: COUNTRY_PACKAGE,
      version: countryPackage.version,
      dataDate: dataDateOf(countryPackage.version),
      // package.json says CC0-1.0, but its README and NRO_LICENSE put the data under
      // CC BY 4.0 by the NRO; the stricter reading is the one we honour.
      licence: 'CC BY 4.0, Number Resource Organization (NRO), https://www.nro.net',
      files: [COUNTRY_FILE],
    },
    {
      source:
        'IP address → network operator (AS number and name): RouteViews, RIR and DB-IP IP to ASN Lite data merged by ip-location-db (asn)',
      package: NETWORK_PACKAGE,
      version: networkPackage.version,
      dataDate: dataDateOf(networkPackage.version),
      licence:
        'CC BY 4.0, RouteViews (https://www.routeviews.org), DB-IP (https://db-ip.com) and NRO (https://www.nro.net); ' +
        'DB-IP asks for a link to https://db-ip.com wherever AS names are shown',
      files: [NETWORK_FILE],
    },
  ];
}

/**
 * ip-location-db publishes a version per data refresh, the last part being the
 * generation time YYYYMMDDHH (`2.3.2026061719` → `2026-06-17`). The packages carry no other
 * date, so this is the data date we report; null when a version does not follow it.
 */
export function dataDateOf(version: string): string | null {
  const match = /^\d+\.\d+\.(\d{4})(\d{2})(\d{2})\d{0,2}$/.exec(version);
  if (!match) return null;
  const [, year, month, day] = match;
  const date = new Date(`${year}-${month}-${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.getUTCDate() !== Number(day)) return null;
  return `${year}-${month}-${day}`;
}

async function compileCountries(dir: string): Promise<Uint8Array> {
  const read = async (file: string): Promise<IpRange<string>[]> =>
    (await readCsv(path.join(dir, file))).map(({ line, fields }) => {
      const where = `${file}:${line}`;
      const code = fields[2] ?? '';
      if (!/^[A-Z]{2}$/.test(code)) throw new Error(`${where}: not a country code: ${code}`);
      return { start: parseAddress(fields[0], where), end: parseAddress(fields[1], where), value: code };
    });
  const v4 = await read('geo-whois-asn-country-ipv4-num.csv');
  const v6 = await read('geo-whois-asn-country-ipv6-num.csv');
  const codes = [...new Set([...v4, ...v6].map((row) => row.value))].sort();
  if (codes.length + 1 >= SPLIT_COUNTRY) throw new Error(`too many country codes: ${codes.length}`);
  const index = new Map(codes.map((code, i) => [code, i + 1]));
  const label = (value: string | null): number => (value === null ? NO_DATA : index.get(value)!);

  const sections = encodeTables(
    IP_KIND_COUNTRY,
    relabel(resolveRanges(v4, V4_MAX), label),
    splitIntoBlocks(relabel(resolveRanges(v6, V6_MAX), label), V6_BLOCK_BITS, V6_MAX_BLOCK, SPLIT_COUNTRY),
  );
  const table = new Uint8Array(2 * (codes.length + 1));
  codes.forEach((code, i) => table.set([code.charCodeAt(0), code.charCodeAt(1)], 2 * (i + 1)));
  sections['codes'] = table;
  return encodeFile(IP_KIND_COUNTRY, countsOf(codes.length + 1, sections, 0), sections);
}

async function compileNetworks(dir: string, log: (line: string) => void): Promise<Uint8Array> {
  const names = new Map<number, string>();
  let renamed = 0;
  const read = async (file: string): Promise<IpRange<number>[]> =>
    (await readCsv(path.join(dir, file))).map(({ line, fields }) => {
      const where = `${file}:${line}`;
      const asn = Number(fields[2]);
      const name = fields[3];
      if (!/^\d+$/.test(fields[2] ?? '') || asn < 1 || asn > 0xffffffff) throw new Error(`${where}: not an AS number: ${fields[2]}`);
      if (name === undefined || fields.length !== 4) throw new Error(`${where}: expected start,end,asn,name`);
      const known = names.get(asn);
      if (known === undefined) names.set(asn, name);
      else if (known !== name) renamed++; // first name seen wins; the current data has none
      return { start: parseAddress(fields[0], where), end: parseAddress(fields[1], where), value: asn };
    });
  const v4 = await read('asn-ipv4-num.csv');
  const v6 = await read('asn-ipv6-num.csv');
  if (renamed > 0) log(`Upstream knowledge: warning: ${renamed} rows give an AS a second name; kept the first`);

  // Networks sorted by AS number (the order that deflates best); slot 0 is "no data".
  const asns = [...names.keys()].sort((a, b) => a - b);
  if (asns.length + 1 >= SPLIT_NETWORK) throw new Error(`too many networks: ${asns.length}`);
  const index = new Map(asns.map((asn, i) => [asn, i + 1]));
  const label = (value: number | null): number => (value === null ? NO_DATA : index.get(value)!);

  const sections = encodeTables(
    IP_KIND_NETWORK,
    relabel(resolveRanges(v4, V4_MAX), label),
    splitIntoBlocks(relabel(resolveRanges(v6, V6_MAX), label), V6_BLOCK_BITS, V6_MAX_BLOCK, SPLIT_NETWORK),
  );
  const encoded = [new Uint8Array(0), ...asns.map((asn) => encodeName(names.get(asn)!))];
  const utf8 = new Uint8Array(encoded.reduce((sum, bytes) => sum + bytes.length, 0));
  const starts: number[] = [];
  let end = 0;
  for (const bytes of encoded) {
    starts.push(end);
    utf8.set(bytes, end);
    end += bytes.length;
  }
  const labels = asns.length + 1;
  putColumn(sections, 'names.asn', 4, labels, (i) => BigInt(i === 0 ? 0 : asns[i - 1]!));
  putColumn(sections, 'names.chunk', 3, Math.ceil(labels / NAME_CHUNK), (i) => BigInt(starts[i * NAME_CHUNK]!));
  sections['names.length'] = Uint8Array.from(encoded, (bytes) => bytes.length);
  sections['names.utf8'] = utf8;
  return encodeFile(IP_KIND_NETWORK, countsOf(labels, sections, utf8.length), sections);
}

/** UTF-8 of an AS name, cut on a character boundary to fit its one-byte length (the longest today is 169 bytes). */
function encodeName(name: string): Uint8Array {
  const bytes = new TextEncoder().encode(name);
  if (bytes.length <= MAX_NAME_BYTES) return bytes;
  let end = MAX_NAME_BYTES;
  while (end > 0 && (bytes[end]! & 0xc0) === 0x80) end--; // do not split a multi-byte character
  return bytes.slice(0, end);
}

function relabel<T>(segments: readonly IpSegment<T>[], label: (value: T | null) => number): IpSegment<number>[] {
  const out: IpSegment<number>[] = [];
  for (const segment of segments) {
    const value = label(segment.value);
    // Distinct source values may share a label only if the mapping is not one-to-one; keep segments minimal anyway.
    if (out.length === 0 || out[out.length - 1]!.value !== value) out.push({ start: segment.start, value });
  }
  return out;
}

function countsOf(labels: number, sections: Sections, nameBytes: number): IpFileCounts {
  return {
    labels,
    v4: sections['v4.step']!.length,
    v6: sections['v6.step']!.length,
    exceptions: sections['v6.exValue0']!.length,
    nameBytes,
  };
}

async function packageInfo(name: string): Promise<{ dir: string; version: string }> {
  const manifest = createRequire(import.meta.url).resolve(`${name}/package.json`);
  const { version } = JSON.parse(await readFile(manifest, 'utf8')) as { version: string };
  return { dir: path.dirname(manifest), version };
}

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(0)} KB`;
