/**
 * Which listed service a request went to, by its host and path (the alternatives table,
 * knowledge/data/alternatives.json): a host alone cannot tell reCAPTCHA
 * (www.google.com/recaptcha/…) from Maps or Search on the same host. Pure: the rules come
 * in as an argument, the input is any string, and an answer is a service id or null.
 */

/** Where one service's requests go: a host suffix and, optionally, the path prefixes that must start the path. */
export interface ServiceRule {
  host: string;
  paths?: readonly string[];
}

export interface ServiceRules {
  id: string;
  match: readonly ServiceRule[];
}

/** Longest host and path kept for matching: a hostile request cannot make a match cost more than this. */
const MAX_HOST = 253;
const MAX_PATH = 2048;
const HOST = /^[a-z0-9._-]+$/;

interface Compiled {
  id: string;
  host: string;
  /** null: any path */
  path: string | null;
}

/** Whether `path` starts with `prefix` at a segment boundary: "/search" matches "/search" and "/search/x", not "/searchx". */
function pathStartsWith(path: string, prefix: string): boolean {
  if (!path.startsWith(prefix)) return false;
  return prefix.endsWith('/') || path.length === prefix.length || path[prefix.length] === '/';
}

function hostUnder(host: string, suffix: string): boolean {
  return host === suffix || (host.length > suffix.length && host.endsWith(suffix) && host[host.length - suffix.length - 1] === '.');
}

/** A host as stored and matched: lower-case, without a trailing dot; null when it cannot be a host name. */
function normalHost(host: unknown): string | null {
  if (typeof host !== 'string' || host.length === 0 || host.length > MAX_HOST + 1) return null;
  const name = (host.endsWith('.') ? host.slice(0, -1) : host).toLowerCase();
  return HOST.test(name) ? name : null;
}

export class ServiceMatcher {
  /** most specific first: longest host, then a path rule before none, longest path first */
  private readonly rules: Compiled[];

  constructor(services: readonly ServiceRules[]) {
    this.rules = services
      .flatMap(({ id, match }): Compiled[] =>
        match.flatMap((rule): Compiled[] =>
          rule.paths?.length ? rule.paths.map((path) => ({ id, host: rule.host, path })) : [{ id, host: rule.host, path: null }],
        ),
      )
      .sort((a, b) => b.host.length - a.host.length || (b.path?.length ?? -1) - (a.path?.length ?? -1));
  }

  /**
   * The service a request to `host` at `path` went to, or null. `path` is the URL's path
   * (as stored: without query); anything else (null, not starting with "/") matches only
   * the rules without paths.
   */
  serviceOf(host: unknown, path: unknown): string | null {
    const name = normalHost(host);
    if (name === null) return null;
    const at = typeof path === 'string' && path.startsWith('/') ? path.slice(0, MAX_PATH) : null;
    for (const rule of this.rules) {
      if (!hostUnder(name, rule.host)) continue;
      if (rule.path === null) return rule.id;
      if (at !== null && pathStartsWith(at, rule.path)) return rule.id;
    }
    return null;
  }

  /**
   * Whether the host alone does not decide: some rule for it needs the path. Requests to
   * such hosts are matched one by one; the others by host from the daily counts.
   */
  needsPath(host: unknown): boolean {
    const name = normalHost(host);
    if (name === null) return false;
    // The first rule for the host is its most specific: a path rule there means the path decides.
    const first = this.rules.find((rule) => hostUnder(name, rule.host));
    return first !== undefined && first.path !== null;
  }
}
