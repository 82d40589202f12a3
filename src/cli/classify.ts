/**
 * `npm run classify -- <url> [--ip <address>] [--page <url>]`, or with no URL, one request
 * per line on standard input (a bare URL or a JSON object {"url", "ip", "page"}).
 * Prints one JSON object per request, in input order (JSON Lines); see docs/classify-output.md.
 */
import { classify, type ClassifyRequest } from '../classify/classify.js';
import type { Knowledge } from '../classify/knowledge.js';
import { printable, terminalJson } from '../shared/terminal-text.js';
import { cappedLines, PREVIEW } from './capped-lines.js';
import { MAX_LINE_LENGTH, noUrlAction, parseArgs, parseLine, UsageError, USAGE, type Args } from './classify-input.js';
import { loadBuiltKnowledge } from './knowledge-fs.js';

/** DB-IP's licence asks for this link wherever AS names are shown. */
const ATTRIBUTION = 'Network names: IP to ASN data by DB-IP (https://db-ip.com), RouteViews and the NRO, CC BY 4.0.';

/** The output line for one input: a classification, or {"input", "error"} for a bad one. */
function render(knowledge: Knowledge, input: string, request: () => ClassifyRequest): { text: string; ok: boolean } {
  try {
    return { text: terminalJson(classify(knowledge, request())), ok: true };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { text: terminalJson({ input, error: message }), ok: false };
  }
}

async function main(): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2));
    if (!args.single && noUrlAction(process.stdin.isTTY === true, args.stdinAsked) === 'usage')
      throw new UsageError('no URL given, and standard input is a terminal');
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
  if (args.single) {
    const request = args.single;
    const { text, ok } = render(knowledge, request.url, () => request);
    process.stdout.write(`${text}\n`);
    return ok ? 0 : 1;
  }
  let failures = 0;
  let buffer = '';
  process.stdin.setEncoding('utf8');
  for await (const { text: raw, overLong } of cappedLines(process.stdin, MAX_LINE_LENGTH)) {
    const line = raw.trim();
    if (line === '' && !overLong) continue;
    const { text, ok } = overLong
      ? {
          text: terminalJson({ input: `${line.slice(0, PREVIEW)}…`, error: `line longer than ${MAX_LINE_LENGTH} characters, not read` }),
          ok: false,
        }
      : render(knowledge, line, () => parseLine(line));
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
    console.error(`classify: ${printable(error instanceof Error ? error.message : String(error), 400)}`);
    process.exitCode = 2;
  },
);
