import { createServer as createNetServer, type Server as NetServer, type Socket } from 'node:net';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createSecureServer as createHttp2Server, type Http2ServerRequest, type Http2ServerResponse } from 'node:http2';
import { readFile, stat } from 'node:fs/promises';
import { createHash, createPublicKey } from 'node:crypto';
import path from 'node:path';
import { makeCertificate } from './certificate.js';
import { genericResponse, type FixtureResponse } from './fixture-responses.js';

export interface LoggedRequest {
  time: number;
  method: string;
  scheme: 'http' | 'https';
  host: string;
  /** Path with query, as the browser sent it. */
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** '1.1', or '2.0' for a request that came over HTTP/2 (only with the `http2` option). */
  httpVersion?: string;
  /** When the whole answer had been handed to the connection (absent while it is pending). */
  answered?: number;
}

export interface FixtureServer {
  port: number;
  /** Every request the server answered, in arrival order. */
  log: LoggedRequest[];
  /** Chromium `--host-resolver-rules` value that sends every host (but localhost) here. */
  hostResolverRules: string;
  /**
   * Base64 SHA-256 of the certificate's public key, for Chromium's
   * `--ignore-certificate-errors-spki-list`: the certificate is then trusted, not merely
   * ignored, so responses are cached as on a real site (Chrome never caches a response
   * that came with a certificate error).
   */
  spkiHash: string;
  close(): Promise<void>;
}

const TLS_HANDSHAKE = 0x16;

export interface FixtureServerOptions {
  port?: number;
  /** Extra names for the certificate's SANs. */
  hosts?: string[];
  /**
   * Serve TLS connections with HTTP/2 when the client offers it (ALPN h2, falling back to
   * http/1.1), as real sites do. Off by default: over HTTP/1.1 a browser opens up to six
   * connections per host, which is what the existing tests were written against; the
   * page-load benchmark turns it on because HTTP/1.1 makes every load slow enough to hide
   * an extension's cost. Clear-text HTTP on the same port stays HTTP/1.1 either way.
   */
  http2?: boolean;
}

/**
 * Header names HTTP/2 forbids in a message (RFC 9113 §8.2.2). Today's answers set none of
 * them; should one ever do, Node's writeHead would throw over HTTP/2 (measured:
 * ERR_HTTP2_INVALID_CONNECTION_HEADERS) and the request would go unanswered, so they are
 * dropped from HTTP/2 answers. Bodiless answers (204, 304, HEAD) need nothing: Node's HTTP/2
 * layer ends those streams without a body itself.
 */
const CONNECTION_HEADERS = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade']);

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.gif': 'image/gif',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
};

/** Hosts are looked up as folders: only plain DNS names, so a Host header cannot escape the root. */
function hostFolder(host: string): string | null {
  return /^[a-z0-9._-]{1,253}$/.test(host) && !host.includes('..') ? host : null;
}

/** `root/aliases.json` may name hosts that share one folder: `{"aliases": {"host": "folder"}}`. */
async function readAliases(root: string): Promise<Record<string, string>> {
  try {
    const parsed = JSON.parse(await readFile(path.join(root, 'aliases.json'), 'utf8')) as { aliases?: Record<string, string> };
    return parsed.aliases ?? {};
  } catch {
    return {};
  }
}

async function fileResponse(root: string, host: string, urlPath: string, aliases: Record<string, string>): Promise<FixtureResponse | null> {
  const folder = hostFolder(aliases[host] ?? host);
  if (!folder) return null;
  const base = path.join(root, folder);
  let file = path.normalize(path.join(base, decodeURIComponent(urlPath)));
  if (!file.startsWith(base + path.sep) && file !== base) return null;
  try {
    if ((await stat(file)).isDirectory()) file = path.join(file, 'index.html');
    const body = await readFile(file);
    // A file with no extension is a page (`/embed/VIDEO_ID`), as such paths are on real sites.
    const extension = path.extname(file);
    const type = extension === '' ? CONTENT_TYPES['.html']! : (CONTENT_TYPES[extension] ?? 'application/octet-stream');
    return { status: 200, headers: { 'content-type': type, 'cache-control': 'no-store' }, body };
  } catch {
    return null;
  }
}

/**
 * A loopback server that stands in for every host of a fixture or demo: pages are files
 * under `root/<host>/…` (or the folder `root/aliases.json` names for the host); anything
 * else gets a generic answer (see fixture-responses.ts).
 * HTTP and HTTPS share one port (the first byte tells TLS from plain text), so one
 * host-mapping rule serves `http://` and `https://` URLs alike.
 */
export async function startFixtureServer(root: string, options: FixtureServerOptions = {}): Promise<FixtureServer> {
  const log: LoggedRequest[] = [];
  const aliases = await readAliases(root);
  const handler =
    (scheme: 'http' | 'https') => async (req: IncomingMessage | Http2ServerRequest, res: ServerResponse | Http2ServerResponse) => {
      // HTTP/2 names the host in the :authority pseudo-header; a Host header is optional there.
      const authority = req.headers.host ?? req.headers[':authority'];
      const host = (typeof authority === 'string' ? authority : '').replace(/:\d+$/, '').toLowerCase();
      const rawPath = req.url ?? '/';
      const entry: LoggedRequest = {
        time: Date.now(),
        method: req.method ?? 'GET',
        scheme,
        host,
        path: rawPath,
        headers: req.headers,
        httpVersion: req.httpVersion,
      };
      log.push(entry);
      res.once('finish', () => {
        entry.answered = Date.now();
      });
      req.resume();
      const parsed = new URL(rawPath, `${scheme}://${host || 'localhost'}`);
      // /__slow/MS/rest answers `rest` after MS milliseconds (a network that takes its time).
      const slow = /^\/__slow\/(\d{1,5})(\/.*)$/.exec(parsed.pathname);
      if (slow) {
        await new Promise((resolve) => setTimeout(resolve, Number(slow[1])));
        parsed.pathname = slow[2]!;
      }
      let answer: FixtureResponse;
      try {
        answer =
          (await fileResponse(root, host, parsed.pathname, aliases)) ??
          genericResponse(parsed, req.method ?? 'GET', req.headers['if-none-match']);
      } catch {
        answer = { status: 400, headers: { 'content-type': 'text/plain' }, body: 'bad request' };
      }
      const headers: Record<string, string> = { 'access-control-allow-origin': '*', ...answer.headers };
      if (req.httpVersion === '2.0') for (const name of CONNECTION_HEADERS) delete headers[name];
      res.writeHead(answer.status, headers);
      res.end(answer.body);
    };
  const { key, cert } = await makeCertificate(options.hosts);
  // allowHTTP1 offers both h2 and http/1.1 by ALPN, so clients without HTTP/2 are still served.
  const https = options.http2
    ? createHttp2Server({ key, cert, allowHTTP1: true }, handler('https'))
    : createHttpsServer({ key, cert }, handler('https'));
  const http = createHttpServer(handler('http'));
  const sockets = new Set<Socket>();
  const front: NetServer = createNetServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.once('data', (first) => {
      socket.pause();
      socket.unshift(first);
      (first[0] === TLS_HANDSHAKE ? https : http).emit('connection', socket);
      process.nextTick(() => socket.resume());
    });
    socket.on('error', () => socket.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    front.once('error', reject);
    front.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = front.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    log,
    hostResolverRules: `MAP * 127.0.0.1:${port}, EXCLUDE localhost`,
    spkiHash: createHash('sha256')
      .update(createPublicKey(cert).export({ type: 'spki', format: 'der' }))
      .digest('base64'),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        front.close(() => resolve());
      }),
  };
}
