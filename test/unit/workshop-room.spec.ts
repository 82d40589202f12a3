import { test, expect } from '@playwright/test';
import { parseSummary } from '../../src/report/workshop/parse-summary.js';
import { mergeSummaries } from '../../src/report/workshop/room-report.js';
import { roomHtml } from '../../src/report/workshop/room-html.js';
import { expectNoSecret, ROOM, SECRETS, summariesFromBrowsing, summary } from './helpers/workshop-summaries.js';

test('summaries the extension makes merge into a room report that names no site or host', () => {
  const summaries = summariesFromBrowsing();
  expect(summaries.map((s) => s.companies.map((c) => `${c.name} ${c.visitShare}`))).toEqual([
    ['Google 0.75', 'Criteo 0.5'],
    ['Google 1'],
    ['Criteo 1'],
  ]);
  const room = mergeSummaries(summaries.map((s) => parseSummary(JSON.stringify(s))));
  expect(room).toMatchObject({
    participants: 3,
    participantsWithVisits: 3,
    pageVisits: 10,
    period: { firstDay: '2026-11-22', lastDay: '2026-11-28' },
  });
  const [google, criteo] = room.companies;
  // Carol met Google on one site only: her summary leaves it out, so she counts as 0 for it.
  expect(google).toMatchObject({ name: 'Google', parent: 'Alphabet', jurisdiction: 'US', prism: true, participants: 2, disagreedOn: [] });
  expect(google!.meanShare).toBeCloseTo((0.75 + 1 + 0) / 3, 12);
  expect(google!.pooledShare).toBeCloseTo((3 + 2 + 0) / 10, 12);
  expect(criteo).toMatchObject({ name: 'Criteo', participants: 2 });
  expect(criteo!.meanShare).toBeCloseTo((0.5 + 0 + 1) / 3, 12);
  expect(criteo!.pooledShare).toBeCloseTo((2 + 0 + 4) / 10, 12);
  expect(room.serverCountries.map((c) => [c.country, c.participants])).toEqual([
    ['DE', 3],
    ['US', 3],
    ['FR', 2],
  ]);
  expect(room.figures.usReach.participants).toBe(3);
  expectNoSecret(JSON.stringify(room), SECRETS);
  expectNoSecret(roomHtml(room), SECRETS);
});

test('the room figures: means count each participant once, pooled shares weigh page visits', () => {
  const room = mergeSummaries(ROOM);
  expect(room).toMatchObject({ format: 'upstream-workshop-room', version: 1, participants: 3, participantsWithVisits: 3, pageVisits: 100 });
  expect(room.period).toEqual({ firstDay: '2026-10-29', lastDay: '2026-12-01' });
  expect(room.contains).toMatch(/no site name/);

  expect(room.figures.usReach).toEqual({ participants: 3, mean: expect.closeTo(0.55, 12), median: 0.5, min: 0.25, max: 0.9 });
  expect(room.figures.trackerReach).toEqual({ participants: 3, mean: expect.closeTo(1.3 / 3, 12), median: 0.5, min: 0.2, max: 0.6 });
  expect(room.figures.clearText).toEqual({
    participants: 2,
    mean: expect.closeTo(0.075, 12),
    median: expect.closeTo(0.075, 12),
    min: 0.05,
    max: 0.1,
  });
  expect(room.figures.observersPerPage).toEqual({ participants: 3, mean: expect.closeTo(10 / 3, 12), median: 3, min: 2, max: 5 });

  expect(room.companies.map((c) => c.name)).toEqual(['Google', 'Criteo']);
  expect(room.companies[0]).toEqual({
    name: 'Google',
    parent: 'Alphabet',
    jurisdiction: 'US',
    prism: true,
    disagreedOn: ['parent'],
    participants: 3,
    meanShare: expect.closeTo(0.5, 12),
    pooledShare: expect.closeTo(0.41, 12),
    meanSiteShare: expect.closeTo(0.7, 12),
  });
  expect(room.companies[1]).toEqual({
    name: 'Criteo',
    parent: null,
    jurisdiction: 'FR',
    prism: false,
    disagreedOn: [],
    participants: 2,
    meanShare: expect.closeTo(0.7 / 3, 12),
    pooledShare: expect.closeTo(0.32, 12),
    meanSiteShare: expect.closeTo(1 / 3, 12),
  });
  // US comes first on the mean (0.367 against 0.3) although France has the larger pooled share (0.34 against 0.30).
  expect(room.serverCountries).toEqual([
    { country: 'US', participants: 3, meanShare: expect.closeTo(1.1 / 3, 12), pooledShare: expect.closeTo(0.3, 12) },
    { country: 'FR', participants: 2, meanShare: expect.closeTo(0.3, 12), pooledShare: expect.closeTo(0.34, 12) },
  ]);
  expect(room.jurisdictions).toEqual([
    { country: 'US', participants: 3, meanShare: expect.closeTo(0.55, 12), pooledShare: expect.closeTo(0.47, 12) },
    { country: 'FR', participants: 2, meanShare: expect.closeTo(0.7 / 3, 12), pooledShare: expect.closeTo(0.32, 12) },
  ]);
});

test('a participant with no page visit is counted but left out of every share', () => {
  const empty = summary({ visits: 0, days: 7, lastDay: '2026-11-28', figures: {} });
  const room = mergeSummaries([...ROOM, empty]);
  expect(room).toMatchObject({ participants: 4, participantsWithVisits: 3, pageVisits: 100 });
  expect(room.figures.usReach.participants).toBe(3);
  expect(room.companies[0]!.meanShare).toBeCloseTo(0.5, 12);
  expect(mergeSummaries([])).toMatchObject({
    participants: 0,
    pageVisits: 0,
    period: null,
    companies: [],
    figures: { usReach: { participants: 0, mean: null } },
  });
});

test('the HTML page shows the figures with country names, loads nothing and runs nothing', () => {
  const html = roomHtml(mergeSummaries(ROOM));
  expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`);
  expect(html).toContain('prefers-color-scheme: dark');
  expect(html).toContain('@media print');
  expect(html).toMatch(/3 participants, 100 page visits in all, from October 29, 2026 to December 1, 2026\./);
  expect(html).toContain('<bdi>United States</bdi> <span class="code">US</span>');
  expect(html).toContain('<bdi>France</bdi> <span class="code">FR</span>');
  expect(html).toContain('US law (FISA section 702, the CLOUD Act) lets US agencies demand');
  expect(html).toContain('<td class="num">55%</td>'); // mean US reach
  expect(html).toContain('<td class="num">41%</td>'); // Google's pooled share
  expect(html).toContain('summaries disagreed on parent');
  expect(html).not.toMatch(/<(script|link|img|iframe|object|embed|base|form)\b/i);
  expect(html).not.toMatch(/\b(src|href|action)\s*=/i);
});

test('hostile names are escaped and isolated in the HTML', () => {
  const hostile = summary({
    visits: 5,
    days: 1,
    lastDay: '2026-11-28',
    figures: { usReach: 1 },
    companies: [
      {
        name: '<script>alert(1)</script>',
        parent: '</td><img src=x onerror=alert(1)>',
        jurisdiction: 'US',
        prism: false,
        siteShare: 1,
        visitShare: 1,
      },
      { name: 'Say "hi" & \'bye\'', parent: null, jurisdiction: null, prism: false, siteShare: 1, visitShare: 0.5 },
      { name: 'moc.elgoog\u202eGoogle\u2066', parent: null, jurisdiction: null, prism: false, siteShare: 1, visitShare: 0.4 },
    ],
  });
  const html = roomHtml(mergeSummaries([parseSummary(JSON.stringify(hostile))]));
  expect(html).toContain('<bdi>&lt;script&gt;alert(1)&lt;/script&gt;</bdi>');
  expect(html).toContain('owned by <bdi>&lt;/td&gt;&lt;img src=x onerror=alert(1)&gt;</bdi>');
  expect(html).toContain('<bdi>Say &quot;hi&quot; &amp; &#39;bye&#39;</bdi>');
  expect(html).toContain('<bdi>moc.elgoog\ufffdGoogle\ufffd</bdi>');
  expect(html).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
  expect(html).not.toMatch(/<(script|img)\b/i);
});

// ---- files refused ----

const VALID = JSON.stringify(ROOM[0]);

test('a truncated file, another version, another format and bad values are refused with a clear message', () => {
  const refusal = (text: string): string => {
    try {
      parseSummary(text);
    } catch (error) {
      return (error as Error).message;
    }
    throw new Error('accepted');
  };
  const edit = (change: (s: Record<string, any>) => void): string => {
    const s = JSON.parse(VALID) as Record<string, any>;
    change(s);
    return JSON.stringify(s);
  };
  expect(refusal(VALID.slice(0, VALID.length / 2))).toBe('not a complete JSON document (it may have been cut short)');
  expect(refusal('')).toBe('empty file');
  expect(refusal(edit((s) => (s.version = 2)))).toBe('a workshop summary of format version 2; this Upstream reads version 1');
  expect(refusal('{"name": "my shopping list", "items": []}')).toBe(
    'not a workshop summary (format missing, expected "upstream-workshop-summary")',
  );
  expect(refusal('[1, 2]')).toBe('not a workshop summary (a JSON array, expected an object with format "upstream-workshop-summary")');
  expect(refusal('{"format": "upstream-export", "version": 1}')).toMatch(
    /^a full Upstream export \(it names every site visited\), not a workshop summary/,
  );
  expect(refusal(JSON.stringify(mergeSummaries(ROOM)))).toMatch(/^a room report/);
  expect(refusal(edit((s) => (s.format = 'evil\u001b[2J\u202e')))).toBe(
    'not a workshop summary (format "evil\\u001b[2J?", expected "upstream-workshop-summary")',
  );
  expect(refusal(edit((s) => (s.figures.usReach = 1.5)))).toBe(
    'a workshop summary that does not hold what it should at figures.usReach: must be a share of at most 1 (found 1.5)',
  );
  expect(refusal(VALID.replace('"usReach":0.5', '"usReach":1e999'))).toBe(
    'a workshop summary that does not hold what it should at figures.usReach: must be a finite number (found Infinity)',
  );
  expect(refusal(edit((s) => (s.companies[1].visitShare = -0.1)))).toMatch(/at companies\[1\]\.visitShare: must be a share of at least 0/);
  expect(refusal(edit((s) => (s.companies[0].name = 'x'.repeat(201))))).toMatch(
    /at companies\[0\]\.name: must be a name of at most 200 characters \(found length 201\)/,
  );
  expect(refusal(edit((s) => s.companies.push(s.companies[0])))).toMatch(/at companies: must be a list naming each company once$/);
  expect(refusal(edit((s) => (s.serverCountries = Array.from({ length: 301 }, () => ({ country: 'US', visitShare: 0 })))))).toMatch(
    /at serverCountries: must be at most 300 countries/,
  );
  expect(refusal(edit((s) => (s.period.lastDay = '2026-02-30')))).toMatch(/at period\.lastDay: must be a calendar day/);
  expect(refusal(edit((s) => (s.figures.pageVisits = 2.5)))).toMatch(/at figures\.pageVisits: must be a whole number/);
  expect(refusal(edit((s) => delete s.figures))).toMatch(/at figures: missing$/);
  expect(refusal(edit((s) => (s.jurisdictions[0].country = 'usa')))).toMatch(
    /at jurisdictions\[0\]\.country: must be a two-letter country code/,
  );
});

test('fields the format does not have are dropped, so nothing rides along into the room', () => {
  const smuggled = JSON.parse(VALID) as Record<string, any>;
  smuggled.sites = ['alice-diary.example'];
  smuggled.figures.topSite = 'bobs-clinic.example';
  smuggled.period.pages = ['https://carol-church.example/'];
  smuggled.companies[0].seenOn = ['alice-bank.example'];
  smuggled.serverCountries[0].host = 'www.carol-party.example';
  const parsed = parseSummary(JSON.stringify(smuggled));
  expect(parsed).toEqual(ROOM[0]);
  const room = mergeSummaries([parsed]);
  expectNoSecret(JSON.stringify(room) + roomHtml(room), SECRETS);
});

// ---- the command, end to end ----
