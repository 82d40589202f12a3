/**
 * What `npm run classify` reads (pure): its command line, and each line of standard input
 * as one request. Addresses may be bare host names, as in the audit's list; a server
 * address must be one (`--ip 999.1.1.1` is refused, not looked up as nothing).
 */
import type { ClassifyRequest } from '../classify/classify.js';
import { edgeOfHeaders } from '../classify/edge-headers.js';
import { NOT_AN_IP, parseIp } from '../classify/ip-parse.js';
import { printable } from '../shared/terminal-text.js';
import { bareHostAddress, hasScheme } from '../shared/web-address.js';

export const USAGE = `usage: npm run classify -- <url> [--ip <address>] [--page <url>] [--header '<name>: <value>']…
       npm run classify < requests.txt      (one URL or {"url","ip","page","headers"} per line)
       npm run classify -- -                (read such lines from the terminal; Ctrl-D ends)
A URL may be a bare host name (example.org means https://example.org/).
--header gives a response header, for where a CDN says it answered from (cf-ray, x-amz-cf-pop,
x-served-by, server); "headers" in a JSON line is an object of them.`;
/**
 * Longest input line read: Chromium's own URL limit is 2 MiB, and a JSON line holds a URL
 * and a page. A longer line is answered with an error line without being held in memory.
 */
export const MAX_LINE_LENGTH = 4 * 1024 * 1024;

export class UsageError extends Error {}

export interface Args {
  /** one request given on the command line, or null to read standard input */
  single: ClassifyRequest | null;
  /** `-`: read standard input even when it is a terminal */
  stdinAsked: boolean;
}

export function parseArgs(argv: string[]): Args {
  let url: string | null = null;
  let ip: string | null = null;
  let page: string | null = null;
  const headers: { name: string; value: string }[] = [];
  let stdinAsked = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = (): string => {
      const next = argv[++i];
      if (next === undefined) throw new UsageError(`${arg} needs a value`);
      return next;
    };
    if (arg === '--ip') ip = value();
    else if (arg === '--page') page = value();
    else if (arg === '--header') headers.push(headerArg(value()));
    else if (arg === '--help' || arg === '-h') throw new UsageError('');
    else if (arg === '-') stdinAsked = true;
    else if (arg.startsWith('--')) throw new UsageError(`unknown option ${printable(arg, 60)}`);
    else if (url === null) url = arg;
    else throw new UsageError(`unexpected argument ${printable(arg, 60)}`);
  }
  if (ip !== null && !isIpAddress(ip)) throw new UsageError(`--ip takes an IPv4 or IPv6 address (got "${printable(ip, 60)}")`);
  if (url === null) {
    if (ip !== null || page !== null || headers.length > 0)
      throw new UsageError('--ip, --page and --header need a URL; on standard input give them in JSON lines');
    return { single: null, stdinAsked };
  }
  if (stdinAsked) throw new UsageError('give a URL or - (standard input), not both');
  return {
    single: { url: typedAddress(url), ip, page: page === null ? null : typedAddress(page), edge: edgeOfHeaders(headers) },
    stdinAsked,
  };
}

/** `name: value`, as curl prints a header. */
function headerArg(text: string): { name: string; value: string } {
  const colon = text.indexOf(':');
  if (colon <= 0) throw new UsageError(`--header takes "name: value" (got "${printable(text, 60)}")`);
  return { name: text.slice(0, colon).trim(), value: text.slice(colon + 1).trim() };
}

/**
 * What to do with no URL on the command line: read standard input when it is a pipe or a
 * file (or `-` asks for it), and explain the usage when it is a terminal, where waiting for
 * lines nobody knows to type looks like a hang.
 */
export function noUrlAction(stdinIsTerminal: boolean, stdinAsked: boolean): 'read' | 'usage' {
  return stdinIsTerminal && !stdinAsked ? 'usage' : 'read';
}

function isIpAddress(text: string): boolean {
  return parseIp(text, new Uint32Array(4)) !== NOT_AN_IP;
}

/** An address as typed: a bare host name stands for its https:// address, as in the audit's list; anything else is classified as given. */
function typedAddress(text: string): string {
  if (hasScheme(text)) return text;
  const bare = bareHostAddress(text);
  return 'url' in bare ? bare.url : text;
}

/** One input line → a request; throws with a message fit for the error line. */
export function parseLine(line: string): ClassifyRequest {
  if (!line.startsWith('{')) return { url: typedAddress(line) };
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new Error('not valid JSON');
  }
  const { url, ip, page, headers } = value as Record<string, unknown>;
  if (typeof url !== 'string') throw new Error('a JSON line needs a string "url"');
  for (const [name, field] of [
    ['ip', ip],
    ['page', page],
  ] as const) {
    if (field !== undefined && field !== null && typeof field !== 'string') throw new Error(`"${name}" must be a string or null`);
  }
  // An empty "ip" is how some converters write "unknown": taken as none.
  if (typeof ip === 'string' && ip !== '' && !isIpAddress(ip)) throw new Error('"ip" is not an IPv4 or IPv6 address');
  return {
    url: typedAddress(url),
    ip: (ip as string | null | undefined) ?? null,
    page: typeof page === 'string' ? typedAddress(page) : null,
    edge: edgeOfHeaders(headerList(headers)),
  };
}

/** "headers": an object of response headers by name, each value a string. */
function headerList(headers: unknown): { name: string; value: string }[] {
  if (headers === undefined || headers === null) return [];
  if (typeof headers !== 'object' || Array.isArray(headers)) throw new Error('"headers" must be an object of header names and values');
  const list = Object.entries(headers as Record<string, unknown>);
  if (list.some(([, value]) => typeof value !== 'string')) throw new Error('each of "headers" must be a string');
  return list.map(([name, value]) => ({ name, value: value as string }));
}
