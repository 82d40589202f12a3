/**
 * Reads an IP address literal into four u32 words (most significant first) without
 * allocating: the caller owns the output array, and characters are read with
 * charCodeAt. Pure; never throws, whatever the input.
 *
 * Accepted, as Chrome and Firefox report `details.ip` and a bit more tolerant:
 * - IPv4 dotted quad, exactly four decimal octets 0-255. Leading zeros are rejected
 *   ("010.1.1.1"): inet_aton reads them as octal and most other parsers as decimal, so
 *   the text names two different hosts; browsers never write them.
 * - IPv6 in every RFC 4291 form: full, `::`-compressed, the last 32 bits written as an
 *   IPv4 quad (`::ffff:1.2.3.4`), hex digits in either case.
 * - An IPv6 zone id (`fe80::1%eth0`, RFC 4007) is dropped; it must be non-empty and made
 *   of URL-unreserved characters (RFC 6874).
 * - Brackets around an IPv6 literal (`[2001:db8::1]`), as in URLs. Not around IPv4,
 *   and never with a port.
 * An IPv4 result is written as the IPv4-mapped IPv6 address ::ffff:a.b.c.d, so words[3]
 * holds the IPv4 address.
 */

export const NOT_AN_IP = 0;
export const IPV4 = 4;
export const IPV6 = 6;
export type IpKind = typeof NOT_AN_IP | typeof IPV4 | typeof IPV6;

/** Longest literal worth reading: 45 characters of IPv6 with an IPv4 tail, brackets, a zone id. */
const MAX_TEXT = 100;
const groups = new Uint16Array(8); // scratch for IPv6 groups; safe, JS runs one call at a time

const COLON = 0x3a;
const DOT = 0x2e;

export function parseIp(text: unknown, out: Uint32Array): IpKind {
  if (typeof text !== 'string') return NOT_AN_IP;
  let from = 0;
  let to = text.length;
  if (to === 0 || to > MAX_TEXT) return NOT_AN_IP;
  const bracketed = text.charCodeAt(0) === 0x5b; // [
  if (bracketed) {
    if (text.charCodeAt(to - 1) !== 0x5d) return NOT_AN_IP; // ]
    from = 1;
    to -= 1;
  }
  // The first character that is not a decimal digit tells the family: '.' for IPv4.
  let i = from;
  while (i < to && isDigit(text.charCodeAt(i))) i++;
  if (i < to && text.charCodeAt(i) === DOT) {
    if (bracketed) return NOT_AN_IP;
    const v4 = parseV4(text, from, to);
    if (v4 < 0) return NOT_AN_IP;
    out[0] = 0;
    out[1] = 0;
    out[2] = 0xffff;
    out[3] = v4;
    return IPV4;
  }
  // A zone id ends the text: walk back over zone characters looking for its '%'.
  for (let j = to - 1; j >= from; j--) {
    const c = text.charCodeAt(j);
    if (c === 0x25) {
      if (j === to - 1) return NOT_AN_IP; // empty zone id
      to = j;
      break;
    }
    if (!isZoneCharacter(c)) break;
  }
  return parseV6(text, from, to, out) ? IPV6 : NOT_AN_IP;
}

/** The IPv4 address in text[from, to) as an unsigned number, or -1. */
function parseV4(text: string, from: number, to: number): number {
  let address = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) {
      if (digits > 0 && octet === 0) return -1; // leading zero
      octet = octet * 10 + (c - 0x30);
      if (octet > 255) return -1;
      digits++;
    } else if (c === DOT) {
      if (digits === 0 || dots === 3) return -1;
      address = address * 256 + octet;
      octet = 0;
      digits = 0;
      dots++;
    } else {
      return -1;
    }
  }
  if (digits === 0 || dots !== 3) return -1;
  return address * 256 + octet;
}

function parseV6(text: string, from: number, to: number, out: Uint32Array): boolean {
  let count = 0;
  let gap = -1; // index in groups where `::` stands
  let i = from;
  if (to - from < 2) return false;
  if (text.charCodeAt(i) === COLON) {
    if (text.charCodeAt(i + 1) !== COLON) return false;
    gap = 0;
    i += 2;
  }
  while (i < to) {
    if (count === 8) return false;
    const start = i;
    let value = 0;
    for (; i < to; i++) {
      const digit = hexValue(text.charCodeAt(i));
      if (digit < 0) break;
      if (i - start === 4) return false; // a fifth digit
      value = value * 16 + digit;
    }
    if (i < to && text.charCodeAt(i) === DOT) {
      // The last 32 bits written as an IPv4 quad: nothing may follow it.
      if (count > 6) return false;
      const v4 = parseV4(text, start, to);
      if (v4 < 0) return false;
      groups[count++] = v4 >>> 16;
      groups[count++] = v4 & 0xffff;
      break;
    }
    if (i === start) return false;
    groups[count++] = value;
    if (i === to) break;
    if (text.charCodeAt(i) !== COLON) return false;
    i++;
    if (i === to) return false; // a trailing single colon
    if (text.charCodeAt(i) === COLON) {
      if (gap >= 0) return false; // a second `::`
      gap = count;
      i++;
    }
  }
  if (gap < 0) {
    if (count !== 8) return false;
  } else {
    if (count > 7) return false; // `::` stands for at least one group
    const after = count - gap;
    for (let k = 1; k <= after; k++) groups[8 - k] = groups[count - k]!;
    for (let k = gap; k < 8 - after; k++) groups[k] = 0;
  }
  for (let w = 0; w < 4; w++) out[w] = ((groups[2 * w]! << 16) | groups[2 * w + 1]!) >>> 0;
  return true;
}

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  return -1;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** RFC 6874 unreserved characters, allowed in a zone id: A-Z a-z 0-9 - . _ ~ */
function isZoneCharacter(c: number): boolean {
  return (
    (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x2d || c === 0x2e || c === 0x5f || c === 0x7e
  );
}
