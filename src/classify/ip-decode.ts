/**
 * Loads the compiled IP tables: Uint8Array views over the files, no copy and no pass
 * over the entries (a pass over hundreds of thousands of entries in a cold service
 * worker would cost every start, and an MV3 worker starts cold often). What is checked
 * is what can be checked in constant time: magic, format version, kind, the exact file
 * size the header's counts imply, and that each table's first anchor is address 0. A
 * truncated, foreign or outdated file throws a clear Error here; damage inside a file
 * of the right size gives wrong answers for some addresses, never an exception (every
 * search is bounded by the table sizes). Pure: runs in the worker and in Node.
 */
import {
  COUNTRY_FILE,
  GEO_FILE,
  GEO_FIRST_CODE,
  IP_FORMAT_VERSION,
  IP_HEADER_BYTES,
  HOSTING_FILE,
  IP_KIND_COUNTRY,
  IP_KIND_GEO,
  IP_KIND_HOSTING,
  IP_KIND_NETWORK,
  IP_MAGIC,
  NETWORK_FILE,
  NAME_CHUNK,
  SPLIT_COUNTRY,
  SPLIT_NETWORK,
  layoutOf,
  type IpFileCounts,
} from './ip-format.js';

/** Steps keyed on IPv4 addresses (ip-format.ts): anchors, then one step code per step. */
export interface V4Index {
  readonly size: number;
  readonly steps: Uint8Array;
  /** Planes of the u32 key of step k * ANCHOR_STRIDE. */
  readonly anchors: number;
  readonly a0: Uint8Array;
  readonly a1: Uint8Array;
  readonly a2: Uint8Array;
  readonly a3: Uint8Array;
}

/** Steps keyed on the first 64 bits of IPv6 addresses, and the pieces of split /64s. */
export interface V6Index {
  readonly size: number;
  readonly steps: Uint8Array;
  /** Planes of the u64 key of step k * ANCHOR_STRIDE. */
  readonly anchors: number;
  readonly a0: Uint8Array;
  readonly a1: Uint8Array;
  readonly a2: Uint8Array;
  readonly a3: Uint8Array;
  readonly a4: Uint8Array;
  readonly a5: Uint8Array;
  readonly a6: Uint8Array;
  readonly a7: Uint8Array;
  readonly exceptions: number;
  /** Planes of the exception keys: 4 u32 words per exception, most significant first. */
  readonly e0: Uint8Array;
  readonly e1: Uint8Array;
  readonly e2: Uint8Array;
  readonly e3: Uint8Array;
}

/** A 24-bit value column stored as three byte planes. */
export interface U24 {
  readonly b0: Uint8Array;
  readonly b1: Uint8Array;
  readonly b2: Uint8Array;
}

export interface CountryTables {
  /** Index → ISO 3166 alpha-2 code; index 0 (no data) is null. Strings made once, here. */
  readonly codes: readonly (string | null)[];
  readonly v4: V4Index;
  readonly v4Values: Uint8Array;
  readonly v6: V6Index;
  readonly v6Values: Uint8Array;
  readonly exceptionValues: Uint8Array;
}

export interface NetworkTables {
  /** Networks including the "no data" slot 0. */
  readonly size: number;
  readonly v4: V4Index;
  readonly v4Values: U24;
  readonly v6: V6Index;
  readonly v6Values: U24;
  readonly exceptionValues: U24;
  /** AS number of each network, as four byte planes. */
  readonly asn0: Uint8Array;
  readonly asn1: Uint8Array;
  readonly asn2: Uint8Array;
  readonly asn3: Uint8Array;
  /** UTF-8 byte length of each network's name, and where every NAME_CHUNK-th name starts. */
  readonly nameLength: Uint8Array;
  readonly nameChunk: U24;
  readonly utf8: Uint8Array;
  /** Names decoded so far: a report names a few hundred networks, not 90,000. */
  readonly names: Map<number, string>;
}

/** hosting.bin: the networks that map to a company, each with that company's index in owners.bin. */
export interface HostingTables extends NetworkTables {
  /** Company index of each network, as two byte planes; 0xffff in slot 0 (no data). */
  readonly company0: Uint8Array;
  readonly company1: Uint8Array;
}

export interface IpTables {
  readonly country: CountryTables;
  readonly network: NetworkTables;
  readonly hosting: HostingTables;
  readonly geo: CountryTables;
}

class IpFile {
  readonly name: string;
  readonly counts: IpFileCounts;
  private readonly views = new Map<string, Uint8Array>();

  constructor(name: string, buffer: ArrayBuffer | undefined, kind: number) {
    this.name = name;
    // toString rather than instanceof: a buffer from another realm (a test VM, a frame) still counts.
    if (buffer === undefined) throw this.error('missing');
    if (Object.prototype.toString.call(buffer) !== '[object ArrayBuffer]') throw this.error('expected an ArrayBuffer');
    if (buffer.byteLength < IP_HEADER_BYTES) throw this.error(`truncated: ${buffer.byteLength} bytes`);
    const header = new DataView(buffer, 0, IP_HEADER_BYTES);
    const word = (i: number): number => header.getUint32(4 * i, true);
    if (word(0) !== IP_MAGIC) throw this.error('not an Upstream IP table (bad magic)');
    if (word(1) >>> 16 !== IP_FORMAT_VERSION) throw this.error(`format version ${word(1) >>> 16}, expected ${IP_FORMAT_VERSION}`);
    if ((word(1) & 0xffff) !== kind) throw this.error(`holds table kind ${word(1) & 0xffff}, expected ${kind}`);
    this.counts = { labels: word(2), v4: word(3), v6: word(4), exceptions: word(5), nameBytes: word(6) };
    const layout = layoutOf(kind, this.counts);
    if (layout.byteLength !== buffer.byteLength) {
      throw this.error(`${buffer.byteLength} bytes where its header announces ${layout.byteLength}`);
    }
    for (const section of layout.sections) this.views.set(section.name, new Uint8Array(buffer, section.offset, section.length));
  }

  plane(name: string): Uint8Array {
    return this.views.get(name)!;
  }

  error(problem: string): Error {
    return new Error(`IP tables: ${this.name}: ${problem}`);
  }
}

export function parseIpTables(files: Record<string, ArrayBuffer>): IpTables {
  return {
    country: parseCountryTable(files[COUNTRY_FILE]),
    network: parseNetworkTable(files[NETWORK_FILE]),
    hosting: parseHostingTable(files[HOSTING_FILE]),
    geo: parseGeoTable(files[GEO_FILE]),
  };
}

/** The server-country table alone (ip-country.bin): all the worker loads of the IP data. */
export function parseCountryTable(buffer: ArrayBuffer | undefined): CountryTables {
  return parseCountry(new IpFile(COUNTRY_FILE, buffer, IP_KIND_COUNTRY));
}

/** The network-operator table alone (ip-asn.bin): for the CLI and the views that show networks. */
export function parseNetworkTable(buffer: ArrayBuffer | undefined): NetworkTables {
  return parseNetwork(new IpFile(NETWORK_FILE, buffer, IP_KIND_NETWORK));
}

/** The networks that map to a company (hosting.bin): what the worker loads of the networks. */
export function parseHostingTable(buffer: ArrayBuffer | undefined): HostingTables {
  const file = new IpFile(HOSTING_FILE, buffer, IP_KIND_HOSTING);
  return { ...parseNetwork(file, 1), company0: file.plane('names.company0'), company1: file.plane('names.company1') };
}

/**
 * The geolocation table (ip-geo.bin): the same layout, its labels below GEO_FIRST_CODE
 * saying "anycast" and "same as the registry" rather than naming a country (ip-format.ts).
 */
export function parseGeoTable(buffer: ArrayBuffer | undefined): CountryTables {
  return parseCountry(new IpFile(GEO_FILE, buffer, IP_KIND_GEO), GEO_FIRST_CODE);
}

function parseCountry(file: IpFile, firstCode = 1): CountryTables {
  const { labels } = file.counts;
  if (labels <= firstCode || labels >= SPLIT_COUNTRY) throw file.error(`${labels} country codes`);
  const bytes = file.plane('codes');
  const codes: (string | null)[] = Array.from({ length: firstCode }, () => null);
  for (let i = firstCode; i < labels; i++) {
    const a = bytes[2 * i]!;
    const b = bytes[2 * i + 1]!;
    if (a < 0x41 || a > 0x5a || b < 0x41 || b > 0x5a) throw file.error(`country code ${i} is not two capital letters`);
    codes.push(String.fromCharCode(a, b));
  }
  return {
    codes,
    v4: v4Index(file),
    v4Values: file.plane('v4.value0'),
    v6: v6Index(file),
    v6Values: file.plane('v6.value0'),
    exceptionValues: file.plane('v6.exValue0'),
  };
}

/** `minLabels`: a hosting file compiled without the operator table holds no network, only slot 0. */
function parseNetwork(file: IpFile, minLabels = 2): NetworkTables {
  const { labels, nameBytes } = file.counts;
  if (labels < minLabels || labels >= SPLIT_NETWORK) throw file.error(`${labels} networks`);
  const u24 = (name: string): U24 => ({ b0: file.plane(`${name}0`), b1: file.plane(`${name}1`), b2: file.plane(`${name}2`) });
  const nameLength = file.plane('names.length');
  const nameChunk = u24('names.chunk');
  const lastChunk = nameChunk.b0.length - 1;
  let end = readU24(nameChunk, lastChunk);
  for (let i = lastChunk * NAME_CHUNK; i < labels; i++) end += nameLength[i]!;
  if (end !== nameBytes) throw file.error(`names end at byte ${end}, not ${nameBytes}`);
  return {
    size: labels,
    v4: v4Index(file),
    v4Values: u24('v4.value'),
    v6: v6Index(file),
    v6Values: u24('v6.value'),
    exceptionValues: u24('v6.exValue'),
    asn0: file.plane('names.asn0'),
    asn1: file.plane('names.asn1'),
    asn2: file.plane('names.asn2'),
    asn3: file.plane('names.asn3'),
    nameLength,
    nameChunk,
    utf8: file.plane('names.utf8'),
    names: new Map(),
  };
}

function v4Index(file: IpFile): V4Index {
  const size = file.counts.v4;
  if (size === 0) throw file.error('IPv4 table is empty');
  const [a0, a1, a2, a3] = planes(file, 'v4.anchor', 4) as Planes4;
  // Anchor 0 must be key 0 so that every address has a step at or before it.
  for (const plane of [a0, a1, a2, a3]) if (plane[0] !== 0) throw file.error('IPv4 table does not start at 0.0.0.0');
  return { size, steps: file.plane('v4.step'), anchors: a0.length, a0, a1, a2, a3 };
}

function v6Index(file: IpFile): V6Index {
  const size = file.counts.v6;
  if (size === 0) throw file.error('IPv6 table is empty');
  const [a0, a1, a2, a3, a4, a5, a6, a7] = planes(file, 'v6.anchor', 8) as Planes8;
  const [e0, e1, e2, e3] = planes(file, 'v6.exKey', 4) as Planes4;
  for (const plane of [a0, a1, a2, a3, a4, a5, a6, a7]) if (plane[0] !== 0) throw file.error('IPv6 table does not start at ::');
  return {
    size,
    steps: file.plane('v6.step'),
    anchors: a0.length,
    a0,
    a1,
    a2,
    a3,
    a4,
    a5,
    a6,
    a7,
    exceptions: file.counts.exceptions,
    e0,
    e1,
    e2,
    e3,
  };
}

function planes(file: IpFile, name: string, count: number): Uint8Array[] {
  return Array.from({ length: count }, (_, b) => file.plane(`${name}${b}`));
}

type Planes4 = [Uint8Array, Uint8Array, Uint8Array, Uint8Array];
type Planes8 = [Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array];

export function readU24(column: U24, i: number): number {
  return column.b0[i]! | (column.b1[i]! << 8) | (column.b2[i]! << 16);
}
