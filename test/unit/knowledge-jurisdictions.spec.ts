import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { classify } from '../../src/classify/classify.js';
import { parseJurisdictionTable, JURISDICTIONS_FILE } from '../../src/knowledge/jurisdictions.js';
import { nameKey } from '../../src/knowledge/names.js';
import { buildOwners } from '../../src/knowledge/owners.js';
import { readThirdPartyWeb } from '../../src/knowledge/third-party-web.js';
import { readTrackerDb } from '../../src/knowledge/trackerdb.js';
import { builtKnowledge } from './classify-knowledge.js';

const root = path.resolve(import.meta.dirname, '../..');
const raw = () => JSON.parse(readFileSync(path.join(root, JURISDICTIONS_FILE), 'utf8')) as { companies: Record<string, unknown>[] };

test('every row of the jurisdiction table is complete and cites an https source', () => {
  const table = parseJurisdictionTable(raw());
  expect(table.companies.length).toBeGreaterThan(40);
  for (const row of table.companies) {
    expect(row.source, row.id).toMatch(/^https:\/\//);
    expect(row.country, row.id).toMatch(/^[A-Z]{2}$/);
  }
  expect(table.prismSource).toBe('https://www.theguardian.com/world/2013/jun/06/us-tech-giants-nsa-data');
  // Every PRISM row names its month on the slide and cites the reporting of the slides.
  const prism = table.companies.filter((row) => row.prism);
  expect(prism.map((row) => [row.id, row.prismSince])).toEqual([
    ['google', '2009-01'],
    ['meta', '2009-06'],
    ['microsoft', '2007-09'],
    ['apple', '2012-10'],
    ['yahoo', '2008-03'],
    ['aol', '2011-03'],
    ['paltalk', '2009-12'],
  ]);
  for (const row of prism) expect(row.prismSources.some((url) => url.startsWith('https://www.washingtonpost.com/'))).toBe(true);
});

// The slide names nine providers; YouTube and Skype are Google's and Microsoft's.
const PRISM_DOMAINS: [string, string][] = [
  ['google.com', 'Google'],
  ['youtube.com', 'Google'],
  ['ytimg.com', 'Google'],
  ['googleapis.com', 'Google'],
  ['gstatic.com', 'Google'],
  ['doubleclick.net', 'Google'],
  ['googletagmanager.com', 'Google'],
  ['googlevideo.com', 'Google'],
  ['facebook.com', 'Meta'],
  ['fbcdn.net', 'Meta'],
  ['instagram.com', 'Meta'],
  ['whatsapp.com', 'Meta'],
  ['microsoft.com', 'Microsoft'],
  ['skype.com', 'Microsoft'],
  ['bing.com', 'Microsoft'],
  ['clarity.ms', 'Microsoft'],
  ['azureedge.net', 'Microsoft'],
  ['linkedin.com', 'LinkedIn'],
  ['yahoo.com', 'Yahoo'],
  ['yimg.com', 'Yahoo'],
  ['aol.com', 'AOL'],
  ['apple.com', 'Apple'],
  ['icloud.com', 'Apple'],
  ['mzstatic.com', 'Apple'],
  ['paltalk.com', 'Paltalk'],
];

test('every PRISM provider and the domains it uses classify as PRISM, US', async () => {
  const knowledge = await builtKnowledge();
  for (const [domain, company] of PRISM_DOMAINS) {
    const result = classify(knowledge, { url: `https://www.${domain}/` });
    expect({ domain, company: result.company, jurisdiction: result.jurisdiction, prism: result.prism }).toEqual({
      domain,
      company,
      jurisdiction: 'US',
      prism: true,
    });
  }
});

test('the table corrects upstream owners and countries', async () => {
  const knowledge = await builtKnowledge();
  const about = (url: string) => {
    const { company, parent, jurisdiction, prism } = classify(knowledge, { url });
    return { company, parent, jurisdiction, prism };
  };
  // TrackerDB: herokuapp.com without owner; aol.com under Yahoo; Taboola US; Spotify without its parent; GitHub without owner;
  // Hotjar without its owner; Outbrain and Teads apart; techcrunch.com and cdn.ampproject.org under their former or nominal owners.
  expect(about('https://myapp.herokuapp.com/')).toEqual({ company: 'Salesforce', parent: null, jurisdiction: 'US', prism: false });
  expect(about('https://www.aol.com/')).toEqual({ company: 'AOL', parent: 'Bending Spoons', jurisdiction: 'US', prism: true });
  expect(about('https://cdn.taboola.com/x.js')).toMatchObject({ company: 'Taboola', jurisdiction: 'IL' });
  expect(about('https://open.spotify.com/')).toEqual({
    company: 'Spotify',
    parent: 'Spotify Technology',
    jurisdiction: 'SE',
    prism: false,
  });
  expect(about('https://static.hotjar.com/c/x.js')).toEqual({
    company: 'Hotjar',
    parent: 'Contentsquare',
    jurisdiction: 'MT',
    prism: false,
  });
  expect(about('https://a.teads.tv/page/1/tag')).toEqual(about('https://widgets.outbrain.com/outbrain.js'));
  expect(about('https://techcrunch.com/')).toEqual({ company: 'TechCrunch', parent: 'Regent', jurisdiction: 'US', prism: false });
  expect(about('https://x.com/')).toEqual({ company: 'X Corp.', parent: 'xAI', jurisdiction: 'US', prism: false });
  expect(about('https://cdn.ampproject.org/v0.js')).toEqual({ company: 'Google', parent: 'Alphabet', jurisdiction: 'US', prism: true });
  expect(about('https://github.com/')).toEqual({ company: 'GitHub', parent: 'Microsoft', jurisdiction: 'US', prism: true });
  // A more specific upstream host under a table domain keeps its own company…
  expect(about('https://admarvel.s3.amazonaws.com/x.js').company).toBe('AdColony');
  // …unless upstream only named the table company's owner: LinkedIn hosts filed under Microsoft.
  expect(about('https://px.ads.linkedin.com/collect').company).toBe('LinkedIn');
});

test('every TrackerDB organisation the table names exists, and the merge keeps every source', async () => {
  const categories = (
    JSON.parse(readFileSync(path.join(root, 'src/knowledge/data/categories.json'), 'utf8')) as { thirdPartyWeb: Record<string, string> }
  ).thirdPartyWeb;
  const [trackerdb, thirdPartyWeb] = await Promise.all([readTrackerDb(), readThirdPartyWeb(categories)]);
  const { file, report } = buildOwners(trackerdb, thirdPartyWeb, parseJurisdictionTable(raw()));
  expect(report.unknownOrganizations).toEqual([]);
  expect(report.fromThirdPartyWeb).toBeGreaterThan(1000);
  expect(report.keys).toBeGreaterThan(trackerdb.hosts.size);
  expect(file.licence).toBe('CC BY-NC-SA 4.0');
  expect(file.attribution).toContain('Ghostery');
  // Every third-party-web category maps onto a TrackerDB category.
  for (const category of Object.values(categories)) expect(trackerdb.categories).toContain(category);
});

test('a broken table fails the build with the row and the rule', () => {
  const broken = (change: (companies: Record<string, unknown>[]) => void) => {
    const table = raw();
    change(table.companies);
    return () => parseJurisdictionTable(table);
  };
  const google = (companies: Record<string, unknown>[]) => companies.find((row) => row.id === 'google')!;
  expect(broken((c) => (google(c).country = 'USA'))).toThrow(/\(google\): country/);
  expect(broken((c) => (google(c).source = 'http://example.com/'))).toThrow(/\(google\): source/);
  expect(broken((c) => (google(c).parent = 'nobody'))).toThrow(/google: parent "nobody" has no row/);
  expect(broken((c) => (c.find((row) => row.id === 'alphabet')!.parent = 'google'))).toThrow(/ownership loops/);
  expect(broken((c) => (google(c).domains as string[]).push('fbcdn.net'))).toThrow(/\(meta\): "fbcdn.net" is already listed under google/);
  expect(broken((c) => (google(c).domains as string[]).push('Google.COM'))).toThrow(/not a lower-case host name/);
  expect(broken((c) => c.push({ ...google(c), domains: [] }))).toThrow(/duplicate id/);
  expect(broken((c) => (google(c).checked = '2026-13-01'))).toThrow(/\(google\): checked must be YYYY-MM-DD/);
  expect(broken((c) => (google(c).checked = 20261207))).toThrow(/\(google\): checked/);
  expect(broken((c) => (google(c).prismSince = '2009'))).toThrow(/\(google\): prismSince/);
  expect(broken((c) => delete google(c).prismSince)).toThrow(/\(google\): prismSince/);
  expect(broken((c) => (google(c).prismSources = []))).toThrow(/\(google\): prismSources/);
  expect(broken((c) => (google(c).prismSources = ['http://example.com/']))).toThrow(/\(google\): prismSources/);
  expect(broken((c) => (c.find((row) => row.id === 'alphabet')!.prismSources = ['https://example.com/']))).toThrow(
    /\(alphabet\): prismSources/,
  );
  expect(broken((c) => (c.find((row) => row.id === 'alphabet')!.prismSince = '2009-01'))).toThrow(/\(alphabet\): prismSince/);
});

test('company names match across spellings, and only across spellings', () => {
  expect(nameKey('GitHub, Inc.')).toBe(nameKey('GitHub'));
  expect(nameKey('Yahoo!')).toBe(nameKey('Yahoo Inc.'));
  expect(nameKey('Bending Spoons S.p.A.')).toBe(nameKey('Bending Spoons'));
  expect(nameKey('Meta Platforms, Inc.')).toBe(nameKey('meta platforms'));
  expect(nameKey('Ströer SSP GmbH')).toBe(nameKey('Stroer SSP'));
  expect(nameKey('Yahoo! JAPAN')).not.toBe(nameKey('Yahoo'));
  expect(nameKey('Amazon.com')).not.toBe(nameKey('Amazon'));
});
