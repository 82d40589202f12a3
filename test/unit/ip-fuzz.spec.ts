import { test, expect } from '@playwright/test';
import fc from 'fast-check';
import { lookupCountry, lookupNetwork, type IpTables } from '../../src/classify/ip-lookup.js';
import { ipKnowledge } from './helpers/ip-knowledge.js';
import { compressV6, formatV4, formatV6 } from './helpers/ip-oracle.js';

test.describe.configure({ timeout: 180_000 });

let tables: IpTables;
test.beforeAll(async () => {
  tables = (await ipKnowledge()).tables;
});

// Properties return booleans: Playwright's expect() records a step per call, far too slow for 100,000 runs.
const wellFormed = (ip: unknown): boolean => {
  const code = lookupCountry(tables.country, ip as string);
  const network = lookupNetwork(tables.network, ip as string);
  return (
    (code === null || /^[A-Z]{2}$/.test(code)) &&
    (network === null ||
      (Number.isInteger(network.asn) && network.asn > 0 && network.asn <= 0xffffffff && typeof network.name === 'string'))
  );
};

test('lookups never throw on any string: 100,000 random strings', () => {
  const anyText = fc.oneof(
    { arbitrary: fc.string({ unit: 'binary', maxLength: 60 }), weight: 3 },
    { arbitrary: fc.string({ unit: fc.constantFrom(...'0123456789abcdefABCDEF:.%[]'.split('')), maxLength: 60 }), weight: 5 },
    { arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }), weight: 1 },
    // Strings of 9,000 to 10,000 characters, built by repetition: generating them one character at a time is slow.
    {
      arbitrary: fc
        .tuple(fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }), fc.integer({ min: 9_000, max: 10_000 }))
        .map(([part, length]) => part.repeat(Math.ceil(length / part.length)).slice(0, length)),
      weight: 1,
    },
    { arbitrary: fc.ipV6().map((ip) => ip + ':0'.repeat(5_000)), weight: 1 },
  );
  fc.assert(fc.property(anyText, wellFormed), { numRuns: 100_000 });
  for (const odd of [undefined, null, 0, 8.8, {}, [], new String('8.8.8.8')]) expect(wellFormed(odd)).toBe(true);
});

test('valid addresses: well-formed answers, the same whichever way the address is written', () => {
  const v4 = fc.integer({ min: 0, max: 0xffffffff });
  const v6 = fc.bigInt({ min: 0n, max: (1n << 128n) - 1n });
  // Mostly global unicast (2000::/3), where the data is.
  const v6Global = fc.bigInt({ min: 0n, max: (1n << 125n) - 1n }).map((n) => (1n << 125n) | n);
  fc.assert(
    fc.property(v4, (address) => {
      const text = formatV4(address);
      const mapped = `::ffff:${text}`;
      return (
        wellFormed(text) &&
        lookupCountry(tables.country, text) === lookupCountry(tables.country, mapped) &&
        lookupNetwork(tables.network, text)?.asn === lookupNetwork(tables.network, mapped)?.asn
      );
    }),
    { numRuns: 50_000 },
  );
  fc.assert(
    fc.property(fc.oneof(v6, v6Global), (address) => {
      const forms = [formatV6(address), compressV6(address), compressV6(address).toUpperCase(), `[${compressV6(address)}]`];
      const answers = forms.map((form) => `${lookupCountry(tables.country, form)} ${lookupNetwork(tables.network, form)?.asn}`);
      return wellFormed(forms[0]) && answers.every((answer) => answer === answers[0]);
    }),
    { numRuns: 50_000 },
  );
});
