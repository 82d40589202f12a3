/**
 * `npm run classify -- <url> [--ip <address>] [--page <url>]`, or with no URL, one request
 * per line on standard input (a bare URL or a JSON object {"url", "ip", "page"}).
 * Prints one JSON object per request, in input order (JSON Lines); see docs/classify-output.md.
 */
import { createInterface } from 'node:readline';
import { classify, InvalidUrlError, type ClassifyRequest } from '../classify/classify.js';
import type { Knowledge } from '../classify/knowledge.js';
import { loadBuiltKnowledge } from './knowledge-fs.js';

const USAGE = 'usage: npm run classify -- <url> [--ip <address>] [--page <url>]\n       npm run classify < requests.txt   (one URL or {"url","ip","page"} per line)';
/** DB-IP's licence asks for this link wherever AS names are shown. */
const ATTRIBUTION = 'Network names: IP to ASN data by DB-IP (https://db-ip.com), RouteViews and the NRO, CC BY 4.0.';

class UsageError extends Error {}

function parseArgs(argv: string[]): ClassifyRequest | null {
  let url: string | null = null;
  let ip: string | null = null;
  let page: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = (): string => {
      const next = argv[++i];
      if (next === undefined) throw new UsageError(`${arg} needs a value`);
      return next;
    };
    if (arg === '--ip') ip = value();
    else if (arg === '--page') page = value();
    else if (arg === '--help' || arg === '-h') throw new UsageError('');
    else if (arg.startsWith('--')) throw new UsageError(`unknown option ${arg}`);
    else if (url === null) url = arg;
    else throw new UsageError(`unexpected argument ${arg}`);
  }
  if (url === null) {
    if (ip !== null || page !== null) throw new UsageError('--ip and --page need a URL; on standard input give them in JSON lines');
    return null;
  }
  return { url, ip, page };
}

/** One input line → a request; throws with a message fit for the error line. */
function parseLine(line: string): ClassifyRequest {
  if (!line.startsWith('{')) return { url: line };
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new Error('not valid JSON');
  }
  const { url, ip, page } = value as Record<string, unknown>;
  if (typeof url !== 'string') throw new Error('a JSON line needs a string "url"');
  for (const [name, field] of [['ip', ip], ['page', page]] as const) {
    if (field !== undefined && field !== null && typeof field !== 'string') throw new Error(`"${name}" must be a string or null`);
  }
  return { url, ip: (ip as string | null | undefined) ?? null, page: (page as string | null | undefined) ?? null };
}

/** The output line for one input: a classification, or {"input", "error"} for a bad one. */
function render(knowledge: Knowledge, input: string, request: () => ClassifyRequest): { text: string; ok: boolean } {
  try {
    return { text: JSON.stringify(classify(knowledge, request())), ok: true };
  } catch (error) {
    const message = error instanceof InvalidUrlError || error instanceof Error ? error.message : String(error);
    return { text: JSON.stringify({ input, error: message }), ok: false };
  }
}

async function main(): Promise<number> {
  let single: ClassifyRequest | null;
  try {
    single = parseArgs(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError) {
      if (error.message) console.error(`classify: ${error.message}`);
      console.error(USAGE);
      return error.message ? 2 : 0;
    }
    throw error;
  }
  const knowledge = await loadBuiltKnowledge((line) => console.error(line));
  console.error(ATTRIBUTION);
  if (single) {
    const request = single;
    const { text, ok } = render(knowledge, request.url, () => request);
    process.stdout.write(`${text}\n`);
    return ok ? 0 : 1;
  }
  let failures = 0;
  let buffer = '';
  for await (const raw of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    const line = raw.trim();
    if (line === '') continue;
    const { text, ok } = render(knowledge, line, () => parseLine(line));
    if (!ok) failures++;
    buffer += `${text}\n`;
    if (buffer.length > 65536) {
      if (!process.stdout.write(buffer)) await new Promise((resolve) => process.stdout.once('drain', resolve));
      buffer = '';
    }
  }
  process.stdout.write(buffer);
  return failures > 0 ? 1 : 0;
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(`classify: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  },
);
