/**
 * Addresses that never name a server on the public Internet, so a lookup answers null
 * for them whatever the data says. These are protocol constants (IANA special-purpose
 * address registries, RFC 6890 and the RFCs cited), not facts about the world, which is
 * why they live in code and not in a data file.
 *
 * Input is the four u32 words written by ip-parse.ts (IPv4 as ::ffff:a.b.c.d).
 */

// [base, prefix length]
const V4_NOT_PUBLIC: readonly (readonly [number, number])[] = [
  [0x00000000, 8], //   0.0.0.0/8       "this network", unspecified (RFC 791, RFC 1122)
  [0x0a000000, 8], //   10.0.0.0/8      private (RFC 1918)
  [0x64400000, 10], //  100.64.0.0/10   carrier-grade NAT (RFC 6598)
  [0x7f000000, 8], //   127.0.0.0/8     loopback (RFC 1122)
  [0xa9fe0000, 16], //  169.254.0.0/16  link-local (RFC 3927)
  [0xac100000, 12], //  172.16.0.0/12   private (RFC 1918)
  [0xc0000000, 24], //  192.0.0.0/24    IETF protocol assignments (RFC 6890)
  [0xc0000200, 24], //  192.0.2.0/24    documentation TEST-NET-1 (RFC 5737)
  [0xc0a80000, 16], //  192.168.0.0/16  private (RFC 1918)
  [0xc6120000, 15], //  198.18.0.0/15   benchmarking (RFC 2544)
  [0xc6336400, 24], //  198.51.100.0/24 documentation TEST-NET-2 (RFC 5737)
  [0xcb007100, 24], //  203.0.113.0/24  documentation TEST-NET-3 (RFC 5737)
  [0xe0000000, 4], //   224.0.0.0/4     multicast (RFC 5771)
  [0xf0000000, 4], //   240.0.0.0/4     reserved, and 255.255.255.255 broadcast (RFC 1112, RFC 919)
];
const V4_BASE = Uint32Array.from(V4_NOT_PUBLIC, ([base]) => base);
const V4_MASK = Uint32Array.from(V4_NOT_PUBLIC, ([, bits]) => (0xffffffff << (32 - bits)) >>> 0);

export function isPublicV4(address: number): boolean {
  for (let i = 0; i < V4_BASE.length; i++) {
    if ((address & V4_MASK[i]!) >>> 0 === V4_BASE[i]) return false;
  }
  return true;
}

/**
 * The IPv4 address an IPv6 address stands for, or -1:
 * - ::ffff:0:0/96, IPv4-mapped (RFC 4291): how dual-stack sockets report IPv4 peers.
 * - 64:ff9b::/96, the well-known NAT64 prefix (RFC 6052): on an IPv6-only network with
 *   DNS64 the browser connects to 64:ff9b::808:808 and the server it reaches is 8.8.8.8.
 * The deprecated IPv4-compatible form ::a.b.c.d is not unwrapped; ::/96 is not public.
 */
export function embeddedV4(words: Uint32Array): number {
  if (words[1] !== 0) return -1;
  if (words[0] === 0 && words[2] === 0x0000ffff) return words[3]!;
  if (words[0] === 0x0064ff9b && words[2] === 0) return words[3]!;
  return -1;
}

/**
 * Only 2000::/3 is allocated as global unicast (RFC 4291, IANA); that alone rules out
 * ::, ::1, fc00::/7 unique local, fe80::/10 link-local, fec0::/10, ff00::/8 multicast,
 * 100::/64 discard and 64:ff9b:1::/48 local NAT64. Inside it, the documentation and
 * benchmarking blocks are removed too.
 */
export function isPublicV6(words: Uint32Array): boolean {
  const w0 = words[0]!;
  if (w0 >>> 29 !== 1) return false; // outside 2000::/3
  if (w0 === 0x20010db8) return false; // 2001:db8::/32 documentation (RFC 3849)
  if (w0 >>> 12 === 0x3fff0) return false; // 3fff::/20 documentation (RFC 9637)
  if (w0 === 0x20010002 && words[1]! >>> 16 === 0) return false; // 2001:2::/48 benchmarking (RFC 5180)
  return true;
}
