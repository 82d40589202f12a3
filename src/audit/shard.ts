/**
 * Splitting an audit's list across machines (`--shard i/n`, pure). Shard i of n takes every
 * n-th address starting at the i-th, so that shards stay even in size and in mix however the
 * list is ordered; each address keeps its position in the whole list, so that merged shards
 * list their pages in the same order as the audit of the whole list.
 */

export interface Shard {
  /** 1-based */
  index: number;
  count: number;
}

export function parseShard(text: string): Shard {
  const match = /^(\d{1,4})\/(\d{1,4})$/.exec(text.trim());
  if (!match) throw new Error(`--shard takes i/n, such as 1/4 (got "${text.slice(0, 40)}")`);
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (count < 1 || index < 1 || index > count) throw new Error(`--shard ${index}/${count}: i must be between 1 and n`);
  return { index, count };
}

export interface ListedUrl {
  /** position in the whole list (0-based) */
  index: number;
  url: string;
}

export function pickShard(urls: readonly string[], shard: Shard | null): ListedUrl[] {
  const listed = urls.map((url, index) => ({ index, url }));
  return shard ? listed.filter(({ index }) => index % shard.count === shard.index - 1) : listed;
}
