/**
 * Build time: compiles the IP → country and IP → network (AS) CSV files of the
 * ip-location-db npm packages into the binary files described in classify/ip-format.ts:
 * server countries, every network, and the networks that map to a company (hosting.bin). Deterministic: the same packages give the same bytes.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { deflateRawSync } from 'node:zlib';
import {
  COUNTRY_FILE,
  GEO_FILE,
  HOSTING_FILE,
  IP_KIND_COUNTRY,
  IP_KIND_HOSTING,
  IP_KIND_NETWORK,
  NETWORK_FILE,
  NO_DATA,
  SPLIT_COUNTRY,
} from '../classify/ip-format.js';
import { parseAddress, readCsv } from './ip-csv.js';
import { ANYCAST_TABLE, compileGeo, GEO_PACKAGE, readAnycastTable, type Keep } from './ip-geo.js';
import { projectRoot } from './paths.js';
import { countsOf, encodeFile, encodeTables, relabel } from './ip-encode.js';
import { resolveRanges, splitIntoBlocks, type IpRange } from './ip-ranges.js';
import { encodeNetworkFile, V4_MAX, V6_BLOCK_BITS, V6_MAX, V6_MAX_BLOCK } from './network-file.js';

import type { ProvenanceEntry } from '../classify/owners-format.js';

export type { ProvenanceEntry } from '../classify/owners-format.js';

export const COUNTRY_PACKAGE = '@ip-location-db/geo-whois-asn-country';
export const NETWORK_PACKAGE = '@ip-location-db/asn';
export { GEO_PACKAGE } from './ip-geo.js';

export interface CompileOptions {
  /** Where the size report goes; console.log by default. */
  log?: (line: string) => void;
  /**
   * AS number → index in owners.bin of the company operating it (knowledge/data/networks.json):
   * the networks hosting.bin keeps. None: hosting.bin locates nothing.
   */
  operators?: ReadonlyMap<number, number>;
}

export async function compileIpTables(outDir: string, options: CompileOptions = {}): Promise<ProvenanceEntry[]> {
  const log = options.log ?? ((line: string) => console.log(line));
  const countryPackage = await packageInfo(COUNTRY_PACKAGE);
  const networkPackage = await packageInfo(NETWORK_PACKAGE);
  const geoPackage = await packageInfo(GEO_PACKAGE);
  const networks = await compileNetworks(networkPackage.dir, options.operators ?? new Map(), log);
  const countries = await compileCountries(countryPackage.dir);
  const anycast = await readAnycastTable(projectRoot());
  const geo = await compileGeo(
    geoPackage.dir,
    { registry: countries.v4, asn: networks.v4, family: 4 },
    { registry: countries.v6, asn: networks.v6, family: 6 },
    anycast,
    geoKept(options.operators ?? new Map()),
  );
  const files: [string, Uint8Array][] = [
    [COUNTRY_FILE, countries.file],
    [NETWORK_FILE, networks.network],
    [HOSTING_FILE, networks.hosting],
    [GEO_FILE, geo],
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
      files: [NETWORK_FILE, HOSTING_FILE],
    },
    {
      source:
        'IP address → country where it is used (geolocation): DB-IP IP to Country Lite, as packaged by ip-location-db (dbip-country); ' +
        `networks known to be anycast marked from Upstream's own cited table (${ANYCAST_TABLE.split(path.sep).join('/')}, ${anycast.updated})`,
      package: GEO_PACKAGE,
      version: geoPackage.version,
      dataDate: dataDateOf(geoPackage.version),
      licence:
        'CC BY 4.0, DB-IP (https://db-ip.com); DB-IP asks for the link "IP Geolocation by DB-IP" to https://db-ip.com wherever its locations are shown',
      files: [GEO_FILE],
    },
  ];
}

/**
 * Where the geolocation table keeps DB-IP's answer: IPv4 addresses of the networks that map
 * to a company (the clouds and CDNs, whose addresses are registered in one country and used
 * in many). All of it, or IPv6 too, does not fit the package budget (docs/measurements.md);
 * elsewhere the registry country stays the best evidence.
 */
function geoKept(operators: ReadonlyMap<number, number>): Keep {
  return (asn, family) => family === 4 && asn !== null && operators.has(asn);
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

async function compileCountries(dir: string) {
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

  const resolved4 = resolveRanges(v4, V4_MAX);
  const resolved6 = resolveRanges(v6, V6_MAX);
  const sections = encodeTables(
    IP_KIND_COUNTRY,
    relabel(resolved4, label),
    splitIntoBlocks(relabel(resolved6, label), V6_BLOCK_BITS, V6_MAX_BLOCK, SPLIT_COUNTRY),
  );
  const table = new Uint8Array(2 * (codes.length + 1));
  codes.forEach((code, i) => table.set([code.charCodeAt(0), code.charCodeAt(1)], 2 * (i + 1)));
  sections['codes'] = table;
  return { file: encodeFile(IP_KIND_COUNTRY, countsOf(codes.length + 1, sections, 0), sections), v4: resolved4, v6: resolved6 };
}

async function compileNetworks(dir: string, operators: ReadonlyMap<number, number>, log: (line: string) => void) {
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
  const v4 = resolveRanges(await read('asn-ipv4-num.csv'), V4_MAX);
  const v6 = resolveRanges(await read('asn-ipv6-num.csv'), V6_MAX);
  if (renamed > 0) log(`Upstream knowledge: warning: ${renamed} rows give an AS a second name; kept the first`);
  const missing = [...operators.keys()].filter((asn) => !names.has(asn));
  if (missing.length > 0) log(`Upstream knowledge: warning: networks.json lists AS numbers the data does not have: ${missing.join(', ')}`);
  const table = { v4, v6, names };
  return {
    v4,
    v6,
    // Every network, for the CLI and the views that show networks.
    network: encodeNetworkFile(IP_KIND_NETWORK, table, [...names.keys()]),
    // Only the networks of the network → operator table, with their companies: what the worker loads.
    hosting: encodeNetworkFile(
      IP_KIND_HOSTING,
      table,
      [...operators.keys()].filter((asn) => names.has(asn)),
      operators,
    ),
  };
}

async function packageInfo(name: string): Promise<{ dir: string; version: string }> {
  const manifest = createRequire(import.meta.url).resolve(`${name}/package.json`);
  const { version } = JSON.parse(await readFile(manifest, 'utf8')) as { version: string };
  return { dir: path.dirname(manifest), version };
}

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(0)} KB`;
