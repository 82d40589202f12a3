/**
 * On-disk layout of the compiled IP tables. Shared by the build-time encoder
 * (knowledge/ip-encode.ts) and the run-time decoder (classify/ip-decode.ts) so the two
 * cannot disagree about where a section starts.
 *
 * Every section is a plain byte array ("plane"): a u16/u24/u32/u64 column is stored as
 * 2, 3, 4 or 8 planes holding its bytes 0, 1, 2… and is read back by shifting. Measured
 * on this data, planes deflate to about half the size of interleaved integers (each
 * plane has its own statistics; Node's zlib also misses the 3-byte matches interleaving
 * relies on), and they make the format independent of the machine's byte order. Loading
 * is a set of Uint8Array views over the file: no copy, and no pass over the entries,
 * because an MV3 service worker is restarted often and must load in a few milliseconds;
 * the small indexes a search needs (per-/16 offsets, IPv6 anchors, name offsets) are
 * stored rather than rebuilt at load, for about 60 KB deflated.
 *
 * Header: eight little-endian u32 words
 *   0 magic 'UPIP'   1 (IP_FORMAT_VERSION << 16) | kind
 *   2 labels (country codes or networks, slot 0 = "no data")   3 IPv4 entries
 *   4 IPv6 entries   5 IPv6 exceptions   6 name bytes   7 bytes of `v6.deltas`
 *
 * Tables map an address to a label index; 0 always means "no data".
 * - IPv4: segments cut the 2^32 space, each holding until the next starts.
 *   `v4.first*` (u24, 65537) = index of the first segment starting in each /16;
 *   `v4.delta*` (u16) = each start minus the previous start in the same /16 (the first:
 *   minus the /16 itself). A lookup walks one /16: a handful of entries on average, at
 *   most a few hundred. Deltas deflate a quarter smaller than the starts themselves.
 * - IPv6: segments keyed on the first 64 bits; `v6.anchor*` (u64) = every
 *   V6_ANCHOR_STRIDE-th key, so a lookup binary-searches the anchors and then walks fewer
 *   than V6_ANCHOR_STRIDE deltas. The other keys are stored as their difference from the
 *   previous key in `v6.deltas`, a byte stream, one group of STRIDE - 1 deltas per anchor
 *   starting at `v6.groupAt*` (u32): each delta is its count of trailing zero bits (one
 *   byte) then the rest as a LEB128 varint, or V6_RAW_DELTA and 8 bytes (low u32, high
 *   u32) when the rest exceeds 53 bits. IPv6 allocations are aligned (a /32 differs from
 *   the next by a multiple of 2^32), so most deltas take 2 or 3 bytes instead of 8: the
 *   tables load about 2.5 MB smaller, and "all knowledge loaded" comes that much sooner.
 *   A /64 the data cuts into pieces holds SPLIT; its pieces are listed with full
 *   128-bit starts in `v6.exKey*` (4 u32 words per start, most significant first), each
 *   split /64 beginning with its first address, so sub-/64 rows (geofeeds) stay exact.
 * - Values: one plane for countries (< 255 codes), three for networks (24-bit index).
 * - Networks file only: `names.asn*` (u32) AS number, `names.length` (u8) UTF-8 length
 *   of each network's name, `names.chunk*` (u24) where every NAME_CHUNK-th name starts,
 *   and the names concatenated in `names.utf8`. Networks are sorted by AS number,
 *   which measured smallest once deflated.
 */

export const IP_MAGIC = 0x50495055; // 'U','P','I','P' read as a little-endian u32
export const IP_FORMAT_VERSION = 3;
export const IP_KIND_COUNTRY = 1;
export const IP_KIND_NETWORK = 2;
export const IP_HEADER_BYTES = 32;
export const V4_BUCKETS = 65536;
export const V6_ANCHOR_STRIDE = 16;
export const NAME_CHUNK = 64;
/** First byte of an IPv6 delta stored whole (8 bytes) rather than as zero count and varint. */
export const V6_RAW_DELTA = 0xff;
/** Value 0 in every table: the address is in no range of the source data. */
export const NO_DATA = 0;
/** A /64 cut into smaller pieces: look in the exception list. */
export const SPLIT_COUNTRY = 0xff;
export const SPLIT_NETWORK = 0xffffff;
export const MAX_NAME_BYTES = 255;

export const COUNTRY_FILE = 'ip-country.bin';
export const NETWORK_FILE = 'ip-asn.bin';

export interface IpFileCounts {
  readonly labels: number;
  readonly v4: number;
  readonly v6: number;
  readonly exceptions: number;
  readonly nameBytes: number;
  readonly v6DeltaBytes: number;
}

export interface Section {
  readonly name: string;
  readonly length: number;
  readonly offset: number;
}

export interface Layout {
  readonly sections: readonly Section[];
  readonly byteLength: number;
}

/** Value planes per kind: one byte for a country index, three for a network index. */
export const planesOf = (kind: number): number => (kind === IP_KIND_COUNTRY ? 1 : 3);

/** Where every section of a file of this kind and these counts lives. */
export function layoutOf(kind: number, counts: IpFileCounts): Layout {
  const planes = planesOf(kind);
  const specs: [string, number][] = [];
  const column = (name: string, bytes: number, length: number): void => {
    for (let b = 0; b < bytes; b++) specs.push([`${name}${b}`, length]);
  };
  if (kind === IP_KIND_COUNTRY) specs.push(['codes', 2 * counts.labels]);
  column('v4.first', 3, V4_BUCKETS + 1);
  column('v4.delta', 2, counts.v4);
  column('v4.value', planes, counts.v4);
  const anchors = Math.ceil(counts.v6 / V6_ANCHOR_STRIDE);
  column('v6.anchor', 8, anchors);
  column('v6.groupAt', 4, anchors);
  specs.push(['v6.deltas', counts.v6DeltaBytes]);
  column('v6.value', planes, counts.v6);
  column('v6.exKey', 4, 4 * counts.exceptions);
  column('v6.exValue', planes, counts.exceptions);
  if (kind === IP_KIND_NETWORK) {
    column('names.asn', 4, counts.labels);
    column('names.chunk', 3, Math.ceil(counts.labels / NAME_CHUNK));
    specs.push(['names.length', counts.labels], ['names.utf8', counts.nameBytes]);
  }
  const sections: Section[] = [];
  let offset = IP_HEADER_BYTES;
  for (const [name, length] of specs) {
    sections.push({ name, length, offset });
    offset += length;
  }
  return { sections, byteLength: offset };
}
