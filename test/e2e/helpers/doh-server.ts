/**
 * A DNS-over-HTTPS server on loopback (RFC 8484) for Firefox's resolver (its `network.trr.*`
 * prefs): every name is 127.0.0.1, and the names of `aliases` are CNAMEs of other names first,
 * as a site's sub-domain pointed at a tracker is. What Firefox's `dns.resolve` then gives the
 * extension is what a real resolver would: the chain's end as the canonical name.
 */
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { makeCertificate } from '../../../src/audit/certificate.js';
import { readQuestion, TYPE_A, TYPE_CNAME, writeAnswer, type AnswerRecord } from './dns-wire.js';

export interface DohServer {
  /** the URL Firefox's `network.trr.uri` takes */
  uri: string;
  /** every name asked, with its query type, in order */
  asked: { name: string; type: number }[];
  close(): Promise<void>;
}

/** Starts the server; `aliases` maps a name to the name it is a CNAME of. */
export async function startDohServer(aliases: Record<string, string>): Promise<DohServer> {
  const { key, cert } = await makeCertificate();
  const asked: DohServer['asked'] = [];
  const server = createServer({ key, cert }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      try {
        const url = new URL(req.url ?? '/', 'https://127.0.0.1');
        const get = url.searchParams.get('dns');
        const body = req.method === 'GET' && get ? Buffer.from(get, 'base64url') : Buffer.concat(chunks);
        const question = readQuestion(body);
        asked.push({ name: question.name, type: question.type });
        const records: AnswerRecord[] = [];
        let name = question.name;
        for (let hops = 0; aliases[name] && hops < 8; hops++) {
          records.push({ type: TYPE_CNAME, name, target: aliases[name]! });
          name = aliases[name]!;
        }
        // Only A records carry an address; other types (AAAA, HTTPS) get the chain alone.
        if (question.type === TYPE_A) records.push({ type: TYPE_A, name, address: '127.0.0.1' });
        res.writeHead(200, { 'content-type': 'application/dns-message', 'cache-control': 'max-age=60' });
        res.end(writeAnswer(question, records));
      } catch {
        res.writeHead(400);
        res.end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    uri: `https://127.0.0.1:${port}/dns-query`,
    asked,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
