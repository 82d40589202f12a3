import { cp, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { OWNERS_FILE, PROVENANCE_FILE, type ProvenanceFile } from '../../src/classify/owners-format.js';
import { KNOWLEDGE_FILES } from '../../src/classify/knowledge.js';
import { HOSTING_FILE } from '../../src/classify/ip-format.js';
import { ensureKnowledge } from '../../src/cli/knowledge-fs.js';
import { compileKnowledge } from '../../src/knowledge/compile.js';

const root = path.resolve(import.meta.dirname, '../..');
const installed = (name: string) =>
  (JSON.parse(readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;

test('provenance names every source with its package, installed version, date and licence', async () => {
  const dir = await ensureKnowledge(() => {});
  const provenance = JSON.parse(await readFile(path.join(dir, PROVENANCE_FILE), 'utf8')) as ProvenanceFile;
  const byPackage = new Map(provenance.sources.map((source) => [source.package, source]));
  for (const name of ['@ghostery/trackerdb', 'third-party-web', 'tldts', '@ip-location-db/geo-whois-asn-country', '@ip-location-db/asn']) {
    expect(byPackage.get(name)?.version, name).toBe(installed(name));
  }
  expect(byPackage.get('@ghostery/trackerdb')!.licence).toMatch(/^CC BY-NC-SA 4\.0/);
  expect(byPackage.get('third-party-web')!.licence).toMatch(/^MIT/);
  expect(byPackage.get('@ip-location-db/asn')!.licence).toContain('https://db-ip.com');
  const table = JSON.parse(readFileSync(path.join(root, 'src/knowledge/data/jurisdictions.json'), 'utf8')) as { updated: string };
  // Upstream's own tables are two entries of the same package: the jurisdiction table and the network → operator table.
  const own = (file: string) => provenance.sources.find((source) => source.package === 'upstream' && source.files.includes(file));
  expect(own(OWNERS_FILE)!.dataDate).toBe(table.updated);
  const networks = JSON.parse(readFileSync(path.join(root, 'src/knowledge/data/networks.json'), 'utf8')) as { updated: string };
  expect(own(HOSTING_FILE)!.dataDate).toBe(networks.updated);
  expect(byPackage.get('@ip-location-db/asn')!.files).toContain(HOSTING_FILE);
  for (const source of provenance.sources) {
    expect(source.dataDate === null || /^\d{4}-\d{2}-\d{2}$/.test(source.dataDate), source.package).toBe(true);
  }
  // Every file the classifier loads is accounted for by some source.
  const listed = new Set(provenance.sources.flatMap((source) => source.files));
  for (const file of KNOWLEDGE_FILES) if (file !== PROVENANCE_FILE) expect(listed, file).toContain(file);
});

test('the derived tracker file carries its licence and credit', async () => {
  const dir = await ensureKnowledge(() => {});
  const owners = JSON.parse(await readFile(path.join(dir, OWNERS_FILE), 'utf8')) as { licence: string; attribution: string };
  expect(owners.licence).toBe('CC BY-NC-SA 4.0');
  expect(owners.attribution).toMatch(/Ghostery TrackerDB.*CC BY-NC-SA 4\.0/);
  expect(owners.attribution).toContain('third-party-web');
});

test('compiling is skipped while the inputs are unchanged, and redone when an output is missing', async () => {
  test.setTimeout(120_000);
  const built = await ensureKnowledge(() => {});
  const base = await mkdtemp(path.join(os.tmpdir(), 'upstream-knowledge-'));
  try {
    // A copy of a fresh build, stamp included, is itself fresh.
    const out = path.join(base, 'knowledge');
    await cp(built, out, { recursive: true });
    await cp(path.join(path.dirname(built), '.knowledge.inputs'), path.join(base, '.knowledge.inputs'));
    const before = (await stat(path.join(out, OWNERS_FILE))).mtimeMs;
    const started = performance.now();
    const lines: string[] = [];
    await compileKnowledge(out, { log: (line) => lines.push(line) });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(lines).toEqual([]);
    expect((await stat(path.join(out, OWNERS_FILE))).mtimeMs).toBe(before);

    // A missing output makes it stale; the recompiled files are byte for byte the same.
    const original = await readFile(path.join(out, OWNERS_FILE));
    await rm(path.join(out, OWNERS_FILE));
    await compileKnowledge(out, { log: (line) => lines.push(line) });
    expect(lines.some((line) => line.includes('compiled'))).toBe(true);
    expect((await readFile(path.join(out, OWNERS_FILE))).equals(original)).toBe(true);
    for (const file of KNOWLEDGE_FILES) {
      expect((await readFile(path.join(out, file))).equals(await readFile(path.join(built, file))), file).toBe(true);
    }
  } finally {
    await rm(base, { recursive: true, force: true });
  }
});
