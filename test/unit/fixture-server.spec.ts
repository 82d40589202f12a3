import { test, expect } from '@playwright/test';
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { request as httpsRequest } from 'node:https';
import { request as httpRequest } from 'node:http';
import { connect, type ClientHttp2Session } from 'node:http2';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startFixtureServer, type FixtureServer } from '../../src/audit/fixture-server.js';

let server: FixtureServer;
let root: string;

test.beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'upstream-sites-'));
  await mkdir(path.join(root, 'shop.example'), { recursive: true });
  await writeFile(path.join(root, 'shop.example/index.html'), '<h1>shop</h1>');
  await writeFile(path.join(root, 'secret.txt'), 'outside the root');
  server = await startFixtureServer(root);
});
test.afterAll(() => server.close());

function get(scheme: 'http' | 'https', host: string, pathname: string, method = 'GET') {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
    const request = (scheme === 'https' ? httpsRequest : httpRequest)(
      { host: '127.0.0.1', port: server.port, path: pathname, method, headers: { host }, rejectUnauthorized: false },
      (res) => {
        let body = '';
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    request.on('error', reject);
    request.end();
  });
}

test('one port answers both HTTPS and clear-text HTTP, serving files by host', async () => {
  expect((await get('https', 'shop.example', '/')).body).toBe('<h1>shop</h1>');
  expect((await get('http', 'shop.example', '/')).body).toBe('<h1>shop</h1>');
  expect(server.log.slice(-2).map((r) => r.scheme)).toEqual(['https', 'http']);
});

test('unknown URLs get generic answers: redirects, statuses, cacheable files, pixels, 204 for POST', async () => {
  const redirect = await get('https', 'tracker.example', '/__redirect?to=https://cdn.example/a.js');
  expect(redirect.status).toBe(302);
  expect(redirect.headers.location).toBe('https://cdn.example/a.js');
  expect((await get('https', 'a.example', '/__status/404')).status).toBe(404);
  expect((await get('https', 'a.example', '/__cacheable/lib.js')).headers['cache-control']).toBe('public, max-age=3600');
  expect((await get('https', 'a.example', '/pixel.gif')).headers['content-type']).toBe('image/gif');
  expect((await get('https', 'a.example', '/collect', 'POST')).status).toBe(204);
});

test('neither the Host header nor the path can reach files outside the fixture root', async () => {
  expect((await get('https', '..', '/secret.txt')).body).not.toBe('outside the root');
  expect((await get('https', 'shop.example', '/../secret.txt')).body).not.toBe('outside the root');
  expect((await get('https', 'shop.example', '/%2e%2e/secret.txt')).body).not.toBe('outside the root');
});

test.describe('with the http2 option', () => {
  let h2server: FixtureServer;
  test.beforeAll(async () => {
    h2server = await startFixtureServer(root, { http2: true });
  });
  test.afterAll(() => h2server.close());

  /** One request over HTTP/2 (ALPN h2), as a browser on a real site would send it. */
  function h2get(session: ClientHttp2Session, host: string, pathname: string, method = 'GET') {
    return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
      const stream = session.request({ ':method': method, ':path': pathname, ':authority': host });
      let headers: Record<string, unknown> = {};
      let body = '';
      stream.setEncoding('utf8');
      stream.on('response', (received) => (headers = received));
      stream.on('data', (chunk: string) => (body += chunk));
      stream.on('end', () => resolve({ status: Number(headers[':status']), headers, body }));
      stream.on('error', reject);
      stream.end();
    });
  }

  test('an HTTP/2 client is served over h2 and logged, bodiless answers included', async () => {
    const session = connect(`https://127.0.0.1:${h2server.port}`, { rejectUnauthorized: false });
    try {
      const before = h2server.log.length;
      const page = await h2get(session, 'shop.example', '/');
      expect(session.alpnProtocol).toBe('h2');
      expect(page).toMatchObject({ status: 200, body: '<h1>shop</h1>' });
      // Answers with no body (204, 304) or a redirect must be valid HTTP/2 too, not a reset stream.
      expect((await h2get(session, 'a.example', '/collect', 'POST')).status).toBe(204);
      const redirect = await h2get(session, 'tracker.example', '/__redirect?to=https://cdn.example/a.js');
      expect(redirect).toMatchObject({ status: 302, headers: { location: 'https://cdn.example/a.js' } });
      const logged = h2server.log.slice(before);
      expect(logged.map((r) => [r.scheme, r.host, r.path, r.httpVersion])).toEqual([
        ['https', 'shop.example', '/', '2.0'],
        ['https', 'a.example', '/collect', '2.0'],
        ['https', 'tracker.example', '/__redirect?to=https://cdn.example/a.js', '2.0'],
      ]);
      await expect.poll(() => logged.every((r) => typeof r.answered === 'number')).toBe(true);
    } finally {
      session.close();
    }
  });

  test('HTTP/1.1 clients are still served on the same port, over TLS and in clear text', async () => {
    const saved = server;
    server = h2server; // get() talks to `server`
    try {
      expect((await get('https', 'shop.example', '/')).body).toBe('<h1>shop</h1>');
      expect((await get('http', 'shop.example', '/')).body).toBe('<h1>shop</h1>');
    } finally {
      server = saved;
    }
    expect(h2server.log.slice(-2).map((r) => [r.scheme, r.httpVersion])).toEqual([
      ['https', '1.1'],
      ['http', '1.1'],
    ]);
  });
});

test('/__cdn/NAME=VALUE/… answers with that response header; other names or values are not routes', async () => {
  const answer = await get('https', 'assets.paris-cdn.example', '/__cdn/cf-ray=9b7d22ba0cdcde9c-CDG/logo.gif');
  expect(answer.status).toBe(200);
  expect(answer.headers['cf-ray']).toBe('9b7d22ba0cdcde9c-CDG');
  expect(answer.headers['content-type']).toBe('image/gif');
  const odd = await get('https', 'assets.paris-cdn.example', '/__cdn/cf-ray=a%0d%0ab/logo.gif');
  expect(odd.headers['cf-ray']).toBeUndefined();
});
