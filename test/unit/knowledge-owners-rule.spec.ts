import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { classify } from '../../src/classify/classify.js';
import { parseJurisdictionTable, JURISDICTIONS_FILE, type JurisdictionTable } from '../../src/knowledge/jurisdictions.js';
import { builtKnowledge } from './classify-knowledge.js';

/**
 * The owner rule of docs/knowledge-owners.md: a host's jurisdiction is its operating
 * company's country of incorporation; owners and holdings are shown as the parent and never
 * change it. Each case below is one the rule was written for, so a row that breaks the rule
 * changes an answer here.
 */
const root = path.resolve(import.meta.dirname, '../..');
const raw = () => JSON.parse(readFileSync(path.join(root, JURISDICTIONS_FILE), 'utf8')) as { companies: Record<string, unknown>[] };

// Countries whose companies in the table are holdings only: offshore incorporation of a group's top.
const HOLDING_ONLY = new Set(['KY', 'VG', 'BM']);

function holdingsThatOperate(table: JurisdictionTable): string[] {
  return table.companies
    .filter((row) => HOLDING_ONLY.has(row.country) && (row.domains.length > 0 || row.trackerdb.length > 0))
    .map((row) => row.id);
}

const CASES: { label: string; url: string; company: string; parent: string | null; jurisdiction: string }[] = [
  // Chinese groups: Cayman holding at the top, Chinese operating company.
  { label: 'Baidu', url: 'https://hm.baidu.com/hm.js?abc', company: 'Beijing Baidu Netcom', parent: 'Baidu', jurisdiction: 'CN' },
  { label: 'Tencent', url: 'https://www.qq.com/', company: 'Tencent', parent: 'Tencent Holdings', jurisdiction: 'CN' },
  {
    label: 'Tencent Cloud',
    url: 'https://www.tencentcloud.com/',
    company: 'Tencent Cloud',
    parent: 'Tencent Holdings',
    jurisdiction: 'CN',
  },
  { label: 'Alibaba', url: 'https://g.alicdn.com/x.js', company: 'Alibaba', parent: 'Alibaba Group', jurisdiction: 'CN' },
  { label: 'Alibaba Cloud', url: 'https://www.alibabacloud.com/', company: 'Alibaba Cloud', parent: 'Alibaba Group', jurisdiction: 'CN' },
  // ByteDance: Cayman holding, group run from China; TikTok's Irish EEA contractor does not decide.
  { label: 'TikTok', url: 'https://www.tiktok.com/@lemonde', company: 'TikTok', parent: 'ByteDance', jurisdiction: 'CN' },
  { label: 'TikTok CDN', url: 'https://cdn.tiktokcdn.com/x.js', company: 'TikTok', parent: 'ByteDance', jurisdiction: 'CN' },
  {
    label: 'TikTok pixel',
    url: 'https://analytics.tiktok.com/i18n/pixel/events.js',
    company: 'TikTok',
    parent: 'ByteDance',
    jurisdiction: 'CN',
  },
  // Holdings in the Netherlands and Luxembourg above operators elsewhere, and the reverse.
  { label: 'Stack Overflow', url: 'https://stackoverflow.com/', company: 'Stack Overflow', parent: 'Prosus', jurisdiction: 'US' },
  { label: 'Spotify', url: 'https://open.spotify.com/', company: 'Spotify', parent: 'Spotify Technology', jurisdiction: 'SE' },
  { label: 'Booking.com', url: 'https://www.booking.com/', company: 'Booking.com', parent: 'Booking Holdings', jurisdiction: 'NL' },
  { label: 'Improve Digital', url: 'https://ad.360yield.com/pb', company: 'Improve Digital', parent: 'Azerion', jurisdiction: 'NL' },
  // A company that contracts with European users for its group does not decide: the one that runs the service does.
  { label: 'Google', url: 'https://www.google.fr/search', company: 'Google', parent: 'Alphabet', jurisdiction: 'US' },
  { label: 'Facebook', url: 'https://www.facebook.com/tr/', company: 'Meta', parent: null, jurisdiction: 'US' },
  // An operator in the US keeps the US, whoever owns it.
  { label: 'AOL', url: 'https://www.aol.com/', company: 'AOL', parent: 'Bending Spoons', jurisdiction: 'US' },
  { label: 'Hotjar', url: 'https://static.hotjar.com/c/x.js', company: 'Hotjar', parent: 'Contentsquare', jurisdiction: 'MT' },
];

for (const rule of CASES) {
  test(`the operating company decides: ${rule.label}`, async () => {
    const { company, parent, jurisdiction } = classify(await builtKnowledge(), { url: rule.url, page: 'https://www.lemonde.fr/' });
    expect({ company, parent, jurisdiction }).toEqual({ company: rule.company, parent: rule.parent, jurisdiction: rule.jurisdiction });
  });
}

test('a Cayman holding is never the jurisdiction of a host', async () => {
  const knowledge = await builtKnowledge();
  for (const url of ['https://www.tiktok.com/', 'https://www.baidu.com/', 'https://www.qq.com/', 'https://www.taobao.com/']) {
    expect(classify(knowledge, { url }).jurisdiction, url).not.toBe('KY');
  }
});

test('no holding row of the table operates a host, and a row that does is caught', () => {
  expect(holdingsThatOperate(parseJurisdictionTable(raw()))).toEqual([]);
  const broken = raw();
  const bytedance = broken.companies.find((row) => row.id === 'bytedance')!;
  bytedance.domains = ['bytedance.com'];
  expect(holdingsThatOperate(parseJurisdictionTable(broken))).toEqual(['bytedance']);
});

test('every holding of a Chinese group is in the table, in the Cayman Islands, with its operators under it', () => {
  const table = parseJurisdictionTable(raw());
  const byId = new Map(table.companies.map((row) => [row.id, row]));
  for (const [holding, operators] of [
    ['bytedance', ['tiktok']],
    ['baidu', ['baidu-netcom']],
    ['tencent-holdings', ['tencent', 'tencent-cloud']],
    ['alibaba-group', ['alibaba', 'alibaba-cloud']],
  ] as const) {
    expect(byId.get(holding)?.country, holding).toBe('KY');
    for (const operator of operators) {
      expect(byId.get(operator)?.parent, operator).toBe(holding);
      expect(byId.get(operator)?.country, operator).not.toBe('KY');
    }
  }
});
