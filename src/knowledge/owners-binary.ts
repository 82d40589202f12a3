/**
 * Writes owners.bin: the compiled owners table (owners-format.ts OwnersFile) in the form the
 * classifier uses as is (classify/owner-tables.ts reads it). Everything a worker start would
 * otherwise build is built here, once, at compile time: the host hash table, the typed
 * columns, the company → jurisdiction codes, the Public Suffix List table. Fields no lookup needs (countries before
 * inheritance, citations, per-company sources) stay in owners.json only.
 *
 * Layout: u32 magic, u32 format, then sections in the order of OWNERS_SECTIONS, each a u32
 * byte length followed by its bytes, padded to 4 bytes so every typed column can be a view
 * on the file's buffer (little-endian, as every browser platform is).
 */
import { domainToASCII } from 'node:url';
import {
  NONE,
  OWNERS_BINARY_FORMAT,
  OWNERS_BINARY_MAGIC,
  suffixHash,
  type OwnersFile,
  type ProvenanceFile,
} from '../classify/owners-format.js';

/** Most indexes are stored in 16 bits: more rows than this must widen the columns. */
const INT16_MAX = 0x7fff;
const NO_JURISDICTION = 0xff;

class Writer {
  private readonly parts: Uint8Array[] = [];
  private length = 0;

  u32(value: number): void {
    this.push(new Uint8Array(new Uint32Array([value]).buffer));
  }

  section(bytes: ArrayBufferView): void {
    this.u32(bytes.byteLength);
    this.push(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    const pad = (4 - (bytes.byteLength % 4)) % 4;
    if (pad) this.push(new Uint8Array(pad));
  }

  text(value: string): void {
    this.section(new TextEncoder().encode(value));
  }

  lines(values: readonly string[], what: string): void {
    for (const value of values)
      if (value.includes('\n')) throw new Error(`owners.bin: a ${what} holds a newline: ${JSON.stringify(value)}`);
    this.text(values.join('\n'));
  }

  bytes(): Uint8Array {
    const out = new Uint8Array(this.length);
    let at = 0;
    for (const part of this.parts) {
      out.set(part, at);
      at += part.byteLength;
    }
    return out;
  }

  private push(part: Uint8Array): void {
    this.parts.push(part);
    this.length += part.byteLength;
  }
}

function int16(values: readonly number[], what: string): Int16Array {
  for (const value of values)
    if (value < NONE || value > INT16_MAX) throw new Error(`owners.bin: ${what} ${value} does not fit in 16 bits`);
  return Int16Array.from(values);
}

/** Open addressing, linear probing, at most half full: a lookup probes about 1.5 slots. */
function hashTable(keys: readonly string[]): Int16Array {
  if (keys.length > INT16_MAX) throw new Error(`owners.bin: ${keys.length} suffixes do not fit a 16-bit hash table`);
  let size = 16;
  while (size < keys.length * 2) size *= 2;
  const slots = new Int16Array(size).fill(NONE);
  keys.forEach((key, row) => {
    let slot = suffixHash(key) & (size - 1);
    while (slots[slot] !== NONE) slot = (slot + 1) & (size - 1);
    slots[slot] = row;
  });
  return slots;
}

/**
 * A classify/suffix-table.ts SuffixTable: the suffixes, where each starts, the hash table.
 * The reader compares the bytes with a host's characters, so suffixes must be ASCII (hosts
 * from URLs are in punycode): a Unicode one is stored in punycode, as a URL would give it.
 */
function suffixTable(out: Writer, suffixes: readonly string[], what: string): void {
  const keys = suffixes.map((key) => (/^\p{ASCII}*$/u.test(key) ? key : domainToASCII(key)));
  const keyStart = new Uint32Array(keys.length + 1);
  keys.forEach((key, row) => (keyStart[row + 1] = keyStart[row]! + key.length + 1));
  out.lines(keys, what);
  out.section(keyStart);
  out.section(hashTable(keys));
}

/** Names as UTF-8 with where each starts (bytes), so the reader decodes only those it needs. */
function names(out: Writer, values: readonly string[], what: string): void {
  const encoder = new TextEncoder();
  const start = new Uint32Array(values.length + 1);
  values.forEach((value, i) => (start[i + 1] = start[i]! + encoder.encode(value).byteLength + 1));
  out.lines(values, what);
  out.section(start);
}

export function encodeOwners(file: OwnersFile, provenance: ProvenanceFile, publicSuffixes: ReadonlyMap<string, number>): Uint8Array {
  const keys = file.hosts.keys === '' ? [] : file.hosts.keys.split('\n');

  const codes = [...new Set(file.companies.jurisdiction.filter((code): code is string => code !== null))].sort();
  if (codes.length >= NO_JURISDICTION) throw new Error('owners.bin: too many jurisdictions for one byte');

  const out = new Writer();
  out.u32(OWNERS_BINARY_MAGIC);
  out.u32(OWNERS_BINARY_FORMAT);
  out.text(file.licence);
  out.text(file.attribution);
  out.text(JSON.stringify(provenance));
  suffixTable(out, keys, 'host key');
  out.section(int16(file.hosts.tracker, 'tracker index'));
  out.section(int16(file.hosts.company, 'company index'));
  out.section(Uint8Array.from(file.hosts.sources));
  out.lines(file.categories, 'category');
  names(out, file.trackers.name, 'tracker name');
  out.section(Uint8Array.from(file.trackers.category));
  names(out, file.companies.name, 'company name');
  out.section(int16(file.companies.parent, 'parent index'));
  out.section(Uint8Array.from(file.companies.prism));
  out.lines(codes, 'jurisdiction');
  out.section(Uint8Array.from(file.companies.jurisdiction, (code) => (code === null ? NO_JURISDICTION : codes.indexOf(code))));
  const suffixes = [...publicSuffixes.keys()].sort();
  suffixTable(out, suffixes, 'public suffix');
  out.section(Uint8Array.from(suffixes, (suffix) => publicSuffixes.get(suffix)!));
  return out.bytes();
}
