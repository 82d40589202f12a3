/**
 * On-disk layout of the compiled IP tables. Shared by the build-time encoder
 * (knowledge/ip-encode.ts) and the run-time decoder (classify/ip-decode.ts) so the two
 * cannot disagree about where a section starts.
 *
 * Every section is a plain byte array ("plane"): a u16/u24/u32/u64 column is stored as
 * 2, 3, 4 or 8 planes holding its bytes 0, 1, 2… and is read back by shifting. Planes
 * deflate far better than interleaved integers (docs/measurements.md: each
 * plane has its own statistics; Node's zlib also misses the 3-byte matches interleaving
 * relies on), and they make the format independent of the machine's byte order. Loading
 * is a set of Uint8Array views over the file: no copy, and no pass over the entries,
 * because an MV3 service worker is restarted often and must load in a few milliseconds;
 * the small indexes a search needs (anchors, name offsets) are stored rather than
 * rebuilt at load.
 *
 * Header: eight little-endian u32 words
 *   0 magic 'UPIP'   1 (IP_FORMAT_VERSION << 16) | kind
 *   2 labels (country codes or networks, slot 0 = "no data")   3 IPv4 steps
 *   4 IPv6 steps   5 IPv6 exceptions   6 name bytes   7 zero (unused)
 *
 * Tables map an address to a label index; 0 always means "no data".
 * - Both address families are a sorted list of keys ("steps"), each holding its value
 *   until the next key: IPv4 keys are addresses, IPv6 keys the first 64 bits (a /64).
 *   `*.anchor*` (u32 for IPv4, u64 for IPv6) = the key of every ANCHOR_STRIDE-th step,
 *   so a lookup binary-searches the anchors and then walks fewer than ANCHOR_STRIDE steps.
 *   `*.step` holds one byte per step, its key minus the previous key, as a STEP CODE:
 *   the low 6 bits are a shift s, the high 2 bits c, and the difference is (2c + 1) · 2^s.
 *   Range boundaries in this data are mostly CIDR-aligned, so most differences take one
 *   code; any other difference is written as several steps, low bits first, the inner
 *   ones repeating the value of the range they fall in, so every address keeps its answer
 *   (few steps are added: docs/measurements.md; test/unit/ip-table-exhaustive.spec.ts
 *   checks every source row). Fixed one-byte steps need no per-step offsets and keep the
 *   value planes indexed by step, so the file is smaller than format 3's (a per-/16 index
 *   and u16 deltas for IPv4, varint deltas for IPv6), and a worker start waits for every
 *   byte of it (test/bench/worker-start.bench.ts).
 *   A /64 the data cuts into pieces holds SPLIT; its pieces are listed with full
 *   128-bit starts in `v6.exKey*` (4 u32 words per start, most significant first), each
 *   split /64 beginning with its first address, so sub-/64 rows (geofeeds) stay exact.
 * - Values: one plane for countries (< 255 codes), three for networks (24-bit index).
 * - Networks and hosting files: `names.asn*` (u32) AS number, `names.length` (u8) UTF-8 length
 *   of each network's name, `names.chunk*` (u24) where every NAME_CHUNK-th name starts,
 *   and the names concatenated in `names.utf8`. Networks are sorted by AS number,
 *   which measured smallest once deflated.
 * - The geolocation file (ip-geo.bin) has the country file's layout and the answers of a
 *   database of where addresses are used (DB-IP), for the addresses where they differ from
 *   the country file's: labels from GEO_FIRST_CODE on are country codes; GEO_SAME, the
 *   database agrees with the registry country; GEO_ANYCAST, a network known to answer from
 *   many places at once, which no database can place (knowledge/data/anycast.json); NO_DATA,
 *   nothing shipped. Its `codes` slots below GEO_FIRST_CODE are zero.
 * - The hosting file (hosting.bin, what the worker loads) is a networks file that keeps only
 *   the networks of the network → operator table (knowledge/data/networks.json): every other
 *   address holds "no data". It adds `names.company*` (u16), the index in owners.bin of the
 *   company operating each network, so the company is owners.bin's own record.
 */

export const IP_MAGIC = 0x50495055; // 'U','P','I','P' read as a little-endian u32
export const IP_FORMAT_VERSION = 4;
export const IP_KIND_COUNTRY = 1;
export const IP_KIND_NETWORK = 2;
export const IP_KIND_HOSTING = 3;
export const IP_KIND_GEO = 4;
/** Geolocation labels (ip-geo.bin) that are not a country code. */
export const GEO_ANYCAST = 1;
export const GEO_SAME = 2;
export const GEO_FIRST_CODE = 3;
export const IP_HEADER_BYTES = 32;
export const ANCHOR_STRIDE = 32;
/** Step code: the key difference (2c + 1) · 2^s, s in the low 6 bits (STEP_SHIFT_MASK), c in the top 2. */
export const STEP_SHIFT_BITS = 6;
export const STEP_SHIFT_MASK = 0x3f;
/** The largest odd factor a step code holds: 2 · 3 + 1. */
export const STEP_MAX_ODD = 7;
export const NAME_CHUNK = 64;
/** Value 0 in every table: the address is in no range of the source data. */
export const NO_DATA = 0;
/** A /64 cut into smaller pieces: look in the exception list. */
export const SPLIT_COUNTRY = 0xff;
export const SPLIT_NETWORK = 0xffffff;
export const MAX_NAME_BYTES = 255;

export const COUNTRY_FILE = 'ip-country.bin';
export const NETWORK_FILE = 'ip-asn.bin';
export const HOSTING_FILE = 'hosting.bin';
export const GEO_FILE = 'ip-geo.bin';

export interface IpFileCounts {
  readonly labels: number;
  readonly v4: number;
  readonly v6: number;
  readonly exceptions: number;
  readonly nameBytes: number;
}

interface Section {
  readonly name: string;
  readonly length: number;
  readonly offset: number;
}

export interface Layout {
  readonly sections: readonly Section[];
  readonly byteLength: number;
}

/** Tables of one-byte labels with a code table: the country and geolocation files. */
const hasCodes = (kind: number): boolean => kind === IP_KIND_COUNTRY || kind === IP_KIND_GEO;

/** Value planes per kind: one byte for a country index, three for a network index (hosting files too). */
export const planesOf = (kind: number): number => (hasCodes(kind) ? 1 : 3);

/** Anchors of a table of `steps` steps: step 0 and every ANCHOR_STRIDE-th after it. */
export const anchorsOf = (steps: number): number => Math.ceil(steps / ANCHOR_STRIDE);

/** Where every section of a file of this kind and these counts lives. */
export function layoutOf(kind: number, counts: IpFileCounts): Layout {
  const planes = planesOf(kind);
  const specs: [string, number][] = [];
  const column = (name: string, bytes: number, length: number): void => {
    for (let b = 0; b < bytes; b++) specs.push([`${name}${b}`, length]);
  };
  if (hasCodes(kind)) specs.push(['codes', 2 * counts.labels]);
  column('v4.anchor', 4, anchorsOf(counts.v4));
  specs.push(['v4.step', counts.v4]);
  column('v4.value', planes, counts.v4);
  column('v6.anchor', 8, anchorsOf(counts.v6));
  specs.push(['v6.step', counts.v6]);
  column('v6.value', planes, counts.v6);
  column('v6.exKey', 4, 4 * counts.exceptions);
  column('v6.exValue', planes, counts.exceptions);
  if (!hasCodes(kind)) {
    column('names.asn', 4, counts.labels);
    column('names.chunk', 3, Math.ceil(counts.labels / NAME_CHUNK));
    specs.push(['names.length', counts.labels], ['names.utf8', counts.nameBytes]);
  }
  if (kind === IP_KIND_HOSTING) column('names.company', 2, counts.labels);
  const sections: Section[] = [];
  let offset = IP_HEADER_BYTES;
  for (const [name, length] of specs) {
    sections.push({ name, length, offset });
    offset += length;
  }
  return { sections, byteLength: offset };
}
