/** What the fixture server answers for any URL that has no file behind it. */
export interface FixtureResponse {
  status: number;
  headers: Record<string, string>;
  body: string | Buffer;
}

// The smallest valid GIF: a 1×1 transparent pixel, as tracking pixels are.
const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

const NO_STORE = { 'cache-control': 'no-store' };

/**
 * Generic answers so that fixture pages can reference any third-party URL:
 *   /__redirect?to=URL   302 to URL
 *   /__status/CODE       that status
 *   /__cacheable/…       cacheable for an hour (to test requests served from cache)
 *   /__revalidate/…      cached, but checked with the server before each use (ETag,
 *                        `no-cache`): 304 Not Modified when the browser's copy is current
 *   /__setcookie…        a pixel that sets a first-party cookie
 *   /__hsts/…            over HTTPS, asks the browser to use HTTPS only for this host (HSTS)
 *   /__cdn/NAME=VALUE/…  the same answer with that one response header, as a CDN writes it
 *                        (`/__cdn/cf-ray=9b7d22ba0cdcde9c-CDG/pixel.gif`: where it says it answered from)
 *   /__slow/MS/…         (in fixture-server.ts) the same answer, MS milliseconds later
 * and otherwise by extension: scripts, styles, images (a pixel), JSON, HTML; 204 for POSTs.
 */
export function genericResponse(url: URL, method: string, ifNoneMatch?: string): FixtureResponse {
  const p = url.pathname;
  const cdn = /^\/__cdn\/([a-z][a-z-]{0,31})=([A-Za-z0-9-]{1,64})(\/.*)$/.exec(p);
  if (cdn) {
    const answer = genericResponse(new URL(cdn[3]!, url), method, ifNoneMatch);
    return { ...answer, headers: { ...answer.headers, [cdn[1]!]: cdn[2]! } };
  }
  if (p.startsWith('/__hsts/')) {
    const answer = genericResponse(new URL(p.replace('/__hsts/', '/'), url), method);
    return url.protocol === 'https:' ? { ...answer, headers: { ...answer.headers, 'strict-transport-security': 'max-age=3600' } } : answer;
  }
  if (p.startsWith('/__revalidate/')) {
    const etag = '"fixture-v1"';
    const headers = { 'cache-control': 'no-cache', etag };
    if (ifNoneMatch?.split(',').some((tag) => tag.trim() === etag)) return { status: 304, headers, body: '' };
    const answer = genericResponse(new URL(p.replace('/__revalidate/', '/'), url), method);
    return { ...answer, headers: { ...answer.headers, ...headers } };
  }
  if (p === '/__redirect') {
    return { status: 302, headers: { location: url.searchParams.get('to') ?? '/', ...NO_STORE }, body: '' };
  }
  const status = /^\/__status\/(\d{3})$/.exec(p);
  if (status) return { status: Number(status[1]), headers: { 'content-type': 'text/plain', ...NO_STORE }, body: '' };
  if (p.startsWith('/__setcookie')) {
    return {
      status: 200,
      headers: { 'content-type': 'image/gif', 'set-cookie': 'fixture=1; Path=/; Secure; SameSite=Lax', ...NO_STORE },
      body: PIXEL,
    };
  }
  const cache = p.startsWith('/__cacheable/') ? { 'cache-control': 'public, max-age=3600' } : NO_STORE;
  if (method === 'POST') return { status: 204, headers: NO_STORE, body: '' };
  if (/\.m?js$/.test(p)) return { status: 200, headers: { 'content-type': 'text/javascript', ...cache }, body: '/* fixture */' };
  if (p.endsWith('.css')) return { status: 200, headers: { 'content-type': 'text/css', ...cache }, body: '' };
  if (p.endsWith('.json')) return { status: 200, headers: { 'content-type': 'application/json', ...cache }, body: '{}' };
  if (p.endsWith('.html') || p.endsWith('/')) {
    return {
      status: 200,
      headers: { 'content-type': 'text/html; charset=utf-8', ...cache },
      body: '<!doctype html><title>fixture</title>',
    };
  }
  return { status: 200, headers: { 'content-type': 'image/gif', ...cache }, body: PIXEL };
}
