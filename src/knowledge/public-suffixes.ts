/**
 * The Public Suffix List, as the `tldts` package ships it (ICANN and private sections both,
 * as the classifier has always used it), turned into the flat table owners.bin carries
 * (classify/public-suffix.ts reads it): one entry per suffix, with flags saying whether it
 * is a rule, has a wildcard rule below it (`*.ck`) or is an exception (`!www.ck`). The
 * worker then needs no public-suffix code of its own, whose data tables every worker start
 * would evaluate (docs/measurements.md).
 *
 * tldts keeps the list in a label trie (tldts/dist/cjs/src/data/trie.js, not part of its
 * documented interface): a change of that shape fails the compile here, loudly, and the
 * unit test comparing registrable domains with tldts's own catches any drift in meaning.
 */
import { createRequire } from 'node:module';
import { PSL_EXCEPTION, PSL_RULE, PSL_WILDCARD } from '../classify/owners-format.js';

interface Trie {
  nodeFlags: Uint8Array;
  edgeStart: Uint16Array | Uint32Array;
  edgeLength: Uint8Array;
  edgeChild: Uint16Array | Uint32Array;
  labelText: string;
  rulesRoot: number;
  exceptionsRoot: number;
}

function readTrie(): Trie {
  const trie = createRequire(import.meta.url)('tldts/dist/cjs/src/data/trie.js') as Partial<Trie>;
  const fields = ['nodeFlags', 'edgeStart', 'edgeLength', 'edgeChild', 'labelText', 'rulesRoot', 'exceptionsRoot'] as const;
  for (const field of fields)
    if (trie[field] === undefined) throw new Error(`tldts: its suffix trie has no ${field}; the public-suffix extraction needs updating`);
  return trie as Trie;
}

/** Every suffix that is a rule, an exception or the parent of a wildcard, with its PSL_* flags. */
export function publicSuffixFlags(): Map<string, number> {
  const trie = readTrie();
  // Labels are stored edge after edge, node after node: where each starts is their running sum.
  const labelStart = new Uint32Array(trie.edgeLength.length);
  for (let node = 0, at = 0; node < trie.nodeFlags.length; node++) {
    for (let edge = trie.edgeStart[node]!; edge < trie.edgeStart[node + 1]!; edge++) {
      labelStart[edge] = at;
      at += trie.edgeLength[edge]!;
    }
  }
  const flags = new Map<string, number>();
  const add = (suffix: string, flag: number) => flags.set(suffix, (flags.get(suffix) ?? 0) | flag);
  // Depth-first from the top-level label down; a node with flags ends a rule.
  const walk = (node: number, suffix: string, exceptions: boolean) => {
    for (let edge = trie.edgeStart[node]!; edge < trie.edgeStart[node + 1]!; edge++) {
      const label = trie.labelText.slice(labelStart[edge], labelStart[edge]! + trie.edgeLength[edge]!);
      const child = trie.edgeChild[edge]!;
      const name = suffix === '' ? label : `${label}.${suffix}`;
      if (trie.nodeFlags[child] !== 0) {
        if (exceptions) add(name, PSL_EXCEPTION);
        else if (label === '*') add(suffix, PSL_WILDCARD);
        else add(name, PSL_RULE);
      }
      walk(child, name, exceptions);
    }
  };
  walk(trie.rulesRoot, '', false);
  walk(trie.exceptionsRoot, '', true);
  // Hosts reach the classifier from URLs, in punycode: the list's Unicode spellings would
  // never match (tldts carries both spellings of each such suffix).
  for (const suffix of flags.keys()) if (/\P{ASCII}/u.test(suffix)) flags.delete(suffix);
  if (flags.size < 1000) throw new Error(`tldts: only ${flags.size} public suffixes found; the extraction needs updating`);
  return flags;
}
