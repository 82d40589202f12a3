import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { test, expect, distFor, chromiumRules, waitForUrls } from './harness.js';
import { launchChromium } from '../../src/audit/launch-chromium.js';
import { flushWorker, readEveryStore } from '../../src/audit/read-store.js';
import { DURABLE_WITHIN_MS } from '../../src/capture/pipeline.js';
import { RELEASE_EVERY_MS } from '../../src/capture/journal.js';
import type { FixtureServer } from '../../src/audit/fixture-server.js';
import { watchExtensionTraffic } from './helpers/egress-guard.js';
import { killBrowser } from './helpers/kill-browser.js';
import { watchJournal } from './helpers/journal-watch.js';

const KILLS = 5;
const COUNT = 3000;

interface KillFigures {
  answered: number;
  stored: number;
  lost: number;
  /** requests seen in the journal more than DURABLE_WITHIN_MS before the kill: each must be stored */
  checked: number;
  /** lost requests that were seen in the journal, and the oldest of them: kill time minus first sight */
  lostSeen: number;
  oldestLossSeen: number;
  /** kill time minus the server's answer, for the oldest lost request (information: see below) */
  oldestLossAnswered: number;
  /** longest time from the server's answer to the event's own time stamp, over stored requests */
  eventLag: number;
  /** longest time from the event's time stamp to its first sight in the journal, over stored requests */
  sightLag: number;
  /**
   * seen written to the journal → seen released from it, over stored requests: median, 90th
   * centile, longest. An upper bound of the time to store: stored chunks are removed together
   * at most every RELEASE_EVERY_MS (src/capture/journal.ts).
   */
  durable: [number, number, number];
  /** kill time minus the last change of the journal the test heard of */
  lastChange: number;
  /** load average of the machine over the last minute, at the kill */
  load: number;
}

async function killMidBurst(server: FixtureServer, round: number): Promise<KillFigures> {
  const profile = await mkdtemp(path.join(tmpdir(), 'upstream-kill-'));
  const launch = async () => {
    const browser = await launchChromium({
      extensionDir: distFor('chromium'),
      hostResolverRules: chromiumRules(server.port),
      trustedSpki: [server.spkiHash],
      userDataDir: profile,
    });
    watchExtensionTraffic(browser.context, browser.extensionOrigin);
    return browser;
  };
  try {
    const first = await launch();
    const run = `kill${round}x${Date.now()}`;
    const ofRun = () => server.log.filter((l) => l.path.includes(`/${run}/`));
    const watcher = await first.context.newPage();
    await watcher.goto(`${first.extensionOrigin}/manifest.json`);
    const watch = await watchJournal(watcher, run);
    // 16 at a time, each answered 20 ms late: about 4 s of steady traffic, far more than the kill needs.
    await first.visit(`https://burst.example/?n=${COUNT}&run=${run}&parallel=16&delay=20`);
    // Let batches commit for a while, then kill at a random moment of the burst.
    while (ofRun().length < 300) await new Promise((resolve) => setTimeout(resolve, 20));
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 1500));
    const killedAt = await killBrowser(profile);
    watch.stop();
    const load = Math.round(loadavg()[0]! * 10) / 10;
    const sentBeforeKill = ofRun().length;
    expect(sentBeforeKill, 'the burst was still running at the kill').toBeLessThan(COUNT);

    const second = await launch();
    try {
      const popup = await second.openExtensionPage('popup.html');
      // The database opens in the extension (the worker answers and stores) and every table reads.
      await flushWorker(popup);
      const tables = await readEveryStore(popup);
      expect(Object.keys(tables), 'the database still has its tables').toEqual(
        expect.arrayContaining(['requests', 'visits', 'hosts', 'meta']),
      );
      expect(
        Object.entries(tables).filter(([, count]) => typeof count !== 'number'),
        'every table reads',
      ).toEqual([]);
      // Capture goes on in the relaunched browser.
      const after = `https://plain.example/`;
      await (await second.visit(after)).close();
      const { requests } = await waitForUrls(popup, [after]);
      expect(ofRun().length, 'the relaunched browser did not load the burst page again').toBe(sentBeforeKill);

      const indexOf = (url: string) => Number(new RegExp(`/${run}/(\\d+)\\.gif$`).exec(url)?.[1]);
      const rows = requests.filter((r) => r.url.includes(`/${run}/`));
      const storedIndexes = rows.map((r) => indexOf(r.url));
      expect(
        storedIndexes.filter((index, i) => storedIndexes.indexOf(index) !== i),
        'no request stored twice',
      ).toEqual([]);
      const stored = new Set(storedIndexes);
      const answeredAt = new Map(ofRun().map((l) => [indexOf(l.path), l.answered ?? Infinity]));
      const answered = [...answeredAt].filter(([, at]) => at <= killedAt).map(([index]) => index);
      // Everything the worker had been told about (seen in its journal) before the kill, and answered or not.
      const lost = [...new Set([...answered, ...watch.seen.keys()])].filter((index) => !stored.has(index));
      const lostSeen = lost.filter((index) => watch.seen.has(index));
      const lostAnswered = lost.filter((index) => answeredAt.get(index)! <= killedAt);
      const sightOf = (index: number) => watch.seen.get(index)?.written ?? Infinity;
      const seenBefore = (index: number) => killedAt - sightOf(index) > DURABLE_WITHIN_MS;
      const storedSeen = rows.filter((r) => watch.seen.has(indexOf(r.url)));
      const durable = storedSeen
        .flatMap((r) => {
          const { written, released } = watch.seen.get(indexOf(r.url))!;
          return released === undefined ? [] : [released - written];
        })
        .sort((a, b) => a - b);
      const centile = (share: number) => durable[Math.min(durable.length - 1, Math.floor(durable.length * share))] ?? 0;
      const figures: KillFigures = {
        answered: answered.length,
        stored: stored.size,
        lost: lost.length,
        checked: [...watch.seen.keys()].filter(seenBefore).length,
        lostSeen: lostSeen.length,
        oldestLossSeen: lostSeen.length ? killedAt - Math.min(...lostSeen.map(sightOf)) : 0,
        oldestLossAnswered: lostAnswered.length ? killedAt - Math.min(...lostAnswered.map((index) => answeredAt.get(index)!)) : 0,
        eventLag: Math.max(0, ...rows.map((r) => r.time - answeredAt.get(indexOf(r.url))!).filter(Number.isFinite)),
        sightLag: Math.max(0, ...storedSeen.map((r) => Math.round(sightOf(indexOf(r.url)) - r.time))),
        durable: [centile(0.5), centile(0.9), durable.at(-1) ?? 0],
        lastChange: killedAt - watch.lastChange(),
        load,
      };
      console.log(`kill ${round + 1}: ${JSON.stringify(figures)}`);
      // The watch worked: it saw requests early enough for the promise to cover them.
      expect(
        figures.checked,
        `kill ${round + 1}: requests seen in the journal more than ${DURABLE_WITHIN_MS} ms before the kill`,
      ).toBeGreaterThan(0);
      expect(figures.stored, `kill ${round + 1}: batches committed before the kill survive`).toBeGreaterThan(0);
      const overdue = lostSeen.filter(seenBefore).map((index) => `${index} (seen ${killedAt - sightOf(index)} ms before the kill)`);
      expect(
        overdue,
        `kill ${round + 1}: no request the worker had been told about more than ${DURABLE_WITHIN_MS} ms before the kill is lost`,
      ).toEqual([]);
      await popup.close();
      return figures;
    } finally {
      await second.close();
    }
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
}

/**
 * The browser killed while it writes loses at most the last 250 ms, and its
 * database still opens. What the worker had only journaled in storage.session dies with the
 * browser (storage.session is in memory): only batches already committed to IndexedDB
 * survive, and the pipeline commits each batch within DURABLE_WITHIN_MS of its first event
 * reaching the worker (src/capture/pipeline.ts).
 *
 * "Reaching the worker" is timed from outside it, by watching its journal (helpers/
 * journal-watch.ts): a request first seen written there at time w had reached the worker
 * before w, so one seen more than DURABLE_WITHIN_MS before the kill is owed to the database,
 * with no allowance. The requests this cannot vouch for are those that reached the worker
 * in time but were seen written later (the journal writes at most every 10 ms; `sightLag`
 * bounds that delay together with Chromium's own) or never (a batch took them before their
 * journal write was due; they count in `lost` only). Chromium's delay between the server's
 * answer and the event (`eventLag`) comes before the extension hears of a request and is not
 * promised: the server-side figures are printed as information (docs/capture-reliability.md).
 */
test('Chromium killed mid-burst: the database opens, nothing is stored twice, only requests the worker heard of in the last 250 ms are lost', async ({
  server,
}) => {
  test.setTimeout(300_000);
  const all: KillFigures[] = [];
  for (let round = 0; round < KILLS; round++) all.push(await killMidBurst(server, round));
  const range = (pick: (f: KillFigures) => number) => `${Math.min(...all.map(pick))}–${Math.max(...all.map(pick))}`;
  test.info().annotations.push({
    type: 'figure',
    description:
      `browser SIGKILLed ${KILLS} times mid-burst: database opened every time, 0 duplicated; ` +
      `lost ${range((f) => f.lost)} of ${range((f) => f.answered)} answered, ${range((f) => f.lostSeen)} of them seen in the journal, ` +
      `written there at most ${Math.max(...all.map((f) => f.oldestLossSeen))} ms before the kill (bound ${DURABLE_WITHIN_MS} ms; ${range((f) => f.checked)} requests checked per kill); ` +
      `journal written to released (stored, then removed within ${RELEASE_EVERY_MS} ms): median ${range((f) => f.durable[0])}, 90th centile ${range((f) => f.durable[1])}, longest ${range((f) => f.durable[2])} ms; ` +
      `from the server's side: oldest loss answered ${range((f) => f.oldestLossAnswered)} ms before the kill, answer to event ${range((f) => f.eventLag)} ms ` +
      `(load ${range((f) => f.load)})`,
  });
});
