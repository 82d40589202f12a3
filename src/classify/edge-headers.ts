/**
 * The CDN's own answer to "where was this served from": the few response headers in which a
 * CDN names the point of presence that answered, each read into its code. Pure and small: the
 * capture listener runs it on every response, before anything heavy is loaded, so it keeps
 * no table (answered-from.ts maps a code to a place) and reads each header list once.
 *
 * - Cloudflare `cf-ray: 230b030023ae2822-SJC`: a ray id, then the IATA code of the data centre
 *   that handled the request (https://developers.cloudflare.com/fundamentals/reference/http-headers/#cf-ray).
 * - Amazon CloudFront `x-amz-cf-pop: SIN52-P1`: the edge location's IATA code and a number,
 *   then a suffix (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/general-helper-methods.html
 *   names the code IATA).
 * - Fastly `x-served-by: cache-{datacenter}{nodeid}-{datacenter}`, one entry per cache node,
 *   the delivery node (the one facing the browser) last when shielding adds a node
 *   (https://www.fastly.com/documentation/reference/http/http-headers/X-Served-By/).
 * - bunny.net `server: BunnyCDN-{PoP code}-{Server ID}` (https://bunny.net/docs/cdn/troubleshooting/run-traceroute).
 *
 * Akamai and Google say nothing of the kind by default (Akamai only to requests carrying its
 * debug Pragma headers: https://techdocs.akamai.com/edge-diagnostics/docs/pragma-headers):
 * their answers fall back to the next evidence down.
 */

type Cdn = 'cloudflare' | 'cloudfront' | 'fastly' | 'bunny';

/** A point of presence as a CDN named it: its code upper-cased (an IATA code, or bunny.net's own). */
export interface Edge {
  readonly cdn: Cdn;
  readonly pop: string;
}

/** Longer values are not what these CDNs write: ignored rather than scanned. */
const MAX_VALUE = 256;

const CF_RAY = /^[0-9a-f]{1,32}-([a-z]{3})$/i;
const CF_POP = /^([a-z]{3})\d{1,3}(?:-[a-z0-9]{1,4})?$/i;
const FASTLY_NODE = /^cache-[a-z0-9-]{1,64}-([a-z]{3})$/i;
const BUNNY = /^bunnycdn-([a-z]{2,4})\d{0,3}-\d{1,8}$/i;

/** The edge one header names, or null when it names none (or is not one of these). */
export function edgeOfHeader(name: string, value: string): Edge | null {
  if (value.length > MAX_VALUE) return null;
  let match: RegExpExecArray | null;
  switch (name.toLowerCase()) {
    case 'cf-ray':
      match = CF_RAY.exec(value.trim());
      return match ? { cdn: 'cloudflare', pop: match[1]!.toUpperCase() } : null;
    case 'x-amz-cf-pop':
      match = CF_POP.exec(value.trim());
      return match ? { cdn: 'cloudfront', pop: match[1]!.toUpperCase() } : null;
    case 'x-served-by': {
      const last = value.slice(value.lastIndexOf(',') + 1).trim();
      match = FASTLY_NODE.exec(last);
      return match ? { cdn: 'fastly', pop: match[1]!.toUpperCase() } : null;
    }
    case 'server':
      match = BUNNY.exec(value.trim());
      return match ? { cdn: 'bunny', pop: match[1]!.toUpperCase() } : null;
    default:
      return null;
  }
}

/**
 * Which CDN's word wins when a response carries several: a CDN in front of another passes the
 * inner one's headers on, but writes its own `server`; past that, a fixed order.
 */
const RANK: Record<Cdn, number> = { bunny: 0, cloudflare: 1, fastly: 2, cloudfront: 3 };

/**
 * The edge a webRequest `responseHeaders` list names, or null. Untrusted input: anything that
 * is not a list of {name, value} strings is skipped. One pass; only names of the lengths
 * above are compared.
 */
export function edgeOfHeaders(headers: unknown): Edge | null {
  if (!Array.isArray(headers)) return null;
  let best: Edge | null = null;
  for (const header of headers as unknown[]) {
    if (header === null || typeof header !== 'object') continue;
    const { name, value } = header as { name?: unknown; value?: unknown };
    if (typeof name !== 'string' || typeof value !== 'string') continue;
    const length = name.length;
    if (length !== 6 && length !== 11 && length !== 12) continue;
    const edge = edgeOfHeader(name, value);
    if (edge !== null && (best === null || RANK[edge.cdn] < RANK[best.cdn])) best = edge;
  }
  return best;
}

/** `cdn:POP`, the edge as one short string (stored, exported, passed on the command line). */
export function edgeText(edge: Edge): string {
  return `${edge.cdn}:${edge.pop}`;
}

const CDNS: readonly Cdn[] = ['cloudflare', 'cloudfront', 'fastly', 'bunny'];

/** The edge a `cdn:POP` string names, or null for anything else (imports and stored rows are untrusted). */
export function edgeFromText(text: unknown): Edge | null {
  if (typeof text !== 'string' || text.length > 24) return null;
  const colon = text.indexOf(':');
  const cdn = text.slice(0, colon) as Cdn;
  const pop = text.slice(colon + 1);
  return colon > 0 && CDNS.includes(cdn) && /^[A-Z]{2,4}$/.test(pop) ? { cdn, pop } : null;
}
