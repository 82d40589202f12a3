import { test, expect } from '@playwright/test';
import { classify } from '../../src/classify/classify.js';
import { KNOWLEDGE_FILES, type KnowledgeReader } from '../../src/classify/knowledge.js';
import { createKnowledgeLoader } from '../../src/classify/knowledge-loader.js';
import { ensureKnowledge, folderReader } from '../../src/cli/knowledge-fs.js';

/** The real files, read through a gate the test opens when it wants the load to finish. */
async function gatedReader() {
  const read = folderReader(await ensureKnowledge(() => {}));
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const reads: string[] = [];
  const reader: KnowledgeReader = async (file) => {
    reads.push(file);
    const bytes = await read(file);
    await gate;
    return bytes;
  };
  return { reader, reads, open };
}

test('requests that arrive while the knowledge loads wait for it, and it loads once', async () => {
  const { reader, reads, open } = await gatedReader();
  const loader = createKnowledgeLoader(reader);
  expect(loader.current()).toBeNull();
  const early = [
    'https://www.google-analytics.com/analytics.js',
    'https://i.ytimg.com/vi/x/0.jpg',
    'https://static.criteo.net/js/x.js',
  ].map((url) => loader.whenReady().then((knowledge) => classify(knowledge, { url, page: 'https://www.lemonde.fr/' })));
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect(loader.current()).toBeNull(); // still loading: nothing was classified as unknown meanwhile
  open();
  const results = await Promise.all(early);
  expect(results.map((result) => result.company)).toEqual(['Google', 'Google', 'Criteo']);
  expect(loader.current()).not.toBeNull();
  expect(await loader.whenReady()).toBe(loader.current());
  expect([...reads].sort()).toEqual([...KNOWLEDGE_FILES].sort()); // every file read exactly once
});

test('a failed load is reported to the waiting requests and retried by the next one', async () => {
  const read = folderReader(await ensureKnowledge(() => {}));
  let failures = 1;
  const loader = createKnowledgeLoader(async (file) => {
    if (failures > 0) {
      failures--;
      throw new Error(`cannot read ${file}`);
    }
    return read(file);
  });
  await expect(loader.whenReady()).rejects.toThrow(/cannot read/);
  expect(loader.current()).toBeNull();
  const knowledge = await loader.whenReady();
  expect(classify(knowledge, { url: 'https://www.icloud.com/' }).company).toBe('Apple');
});
