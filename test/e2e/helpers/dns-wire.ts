/**
 * The little of the DNS wire format (RFC 1035, section 4) a DNS-over-HTTPS stand-in needs:
 * read a query's question, write an answer of CNAME and A records. Written here rather than
 * taken from a package because this is all a test asks of it.
 */

export interface Question {
  id: number;
  name: string;
  type: number;
  /** the question section as it came, copied into the answer */
  raw: Uint8Array;
}

export const TYPE_A = 1;
export const TYPE_CNAME = 5;

export type AnswerRecord =
  { type: typeof TYPE_A; name: string; address: string } | { type: typeof TYPE_CNAME; name: string; target: string };

/** Reads the first question of a DNS message; throws on a message too short or a compressed name (queries carry none). */
export function readQuestion(message: Uint8Array): Question {
  const view = new DataView(message.buffer, message.byteOffset, message.byteLength);
  if (message.length < 12 || view.getUint16(4) < 1) throw new Error('not a DNS query');
  const labels: string[] = [];
  let at = 12;
  for (;;) {
    const length = message[at];
    if (length === undefined || length > 63) throw new Error('bad name in the DNS query');
    at++;
    if (length === 0) break;
    labels.push(new TextDecoder().decode(message.subarray(at, at + length)));
    at += length;
  }
  if (at + 4 > message.length) throw new Error('truncated DNS query');
  const type = view.getUint16(at);
  return { id: view.getUint16(0), name: labels.join('.').toLowerCase(), type, raw: message.slice(12, at + 4) };
}

function encodeName(name: string): number[] {
  const bytes: number[] = [];
  for (const label of name.split('.').filter(Boolean)) {
    const encoded = new TextEncoder().encode(label);
    bytes.push(encoded.length, ...encoded);
  }
  bytes.push(0);
  return bytes;
}

const u16 = (value: number) => [(value >> 8) & 0xff, value & 0xff];
const u32 = (value: number) => [...u16(value >>> 16), ...u16(value & 0xffff)];

/** A response to `question` (recursion available, no error) with these records, each for `ttl` seconds. */
export function writeAnswer(question: Question, records: AnswerRecord[], ttl = 60): Uint8Array {
  const header = [...u16(question.id), 0x81, 0x80, ...u16(1), ...u16(records.length), ...u16(0), ...u16(0)];
  const answers = records.flatMap((record) => {
    const data = record.type === TYPE_A ? record.address.split('.').map(Number) : encodeName(record.target);
    return [...encodeName(record.name), ...u16(record.type), ...u16(1), ...u32(ttl), ...u16(data.length), ...data];
  });
  return Uint8Array.from([...header, ...question.raw, ...answers]);
}
