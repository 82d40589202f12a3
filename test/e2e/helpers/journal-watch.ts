import type { ConsoleMessage, Page } from 'playwright-core';

/** Marks the console lines the watching page writes (nothing else there writes any). */
const MARK = 'upstream-journal-watch ';

interface JournalSighting {
  /** when the session area first held the request: the worker had heard of it before then */
  written: number;
  /** when the last key holding it was removed: the worker had committed it before then */
  released?: number;
}

export interface JournalWatch {
  /** burst index → when the request entered and left the journal (Date.now(), the page's clock) */
  readonly seen: Map<number, JournalSighting>;
  /** Date.now() of the last change the page reported, as the page stamped it */
  readonly lastChange: () => number;
  stop(): void;
}

/**
 * Tells, from outside the worker, when the worker had heard of each request of a burst, and
 * when it had stored it: an extension page listens to changes of the session area, where the
 * worker journals each event after its listener ran and removes it once the batch holding it
 * is committed (src/capture/journal.ts). The browser reports a change once it has applied it,
 * so a request first written at time w had reached the worker before w, and one released at r
 * was in the database before r: a late report makes w later, never earlier, so the bound
 * checked with it can be looser, never wrong.
 *
 * The page matches burst URLs (`/<run>/<index>.gif`) in the raw values rather than decoding
 * the journal's chunks the extension's way: what is checked must not depend on the code
 * checked. Each change is stamped with the page's Date.now() as it arrives (the same system
 * clock as the test's) and sent to the test as a console line, so what was seen before a kill
 * is already out of the browser. `page` should be a document that runs nothing of its own
 * (the extension's manifest.json opens as one): the popup would read the database on every
 * write and load the browser it measures.
 */
export async function watchJournal(page: Page, run: string): Promise<JournalWatch> {
  const seen = new Map<number, JournalSighting>();
  let last = 0;
  const onConsole = (message: ConsoleMessage) => {
    const text = message.text();
    if (!text.startsWith(MARK)) return;
    const { at, written, released } = JSON.parse(text.slice(MARK.length)) as { at: number; written: number[]; released: number[] };
    last = Math.max(last, at);
    for (const index of written) if (!seen.has(index)) seen.set(index, { written: at });
    for (const index of released) {
      const sighting = seen.get(index);
      // Released keys may hold events already released with another key: keep the first release.
      if (sighting && sighting.released === undefined) sighting.released = at;
    }
  };
  page.on('console', onConsole);
  await page.evaluate(
    ({ run, mark }) => {
      type Change = { oldValue?: unknown; newValue?: unknown };
      type Storage = { storage: { onChanged: { addListener(listener: (changes: Record<string, Change>, area: string) => void): void } } };
      const pattern = new RegExp(`/${run}/(\\d+)\\.gif`, 'g');
      const indexes = (value: unknown) => {
        const text = typeof value === 'string' ? value : JSON.stringify(value ?? null);
        return [...text.matchAll(pattern)].map((match) => Number(match[1]));
      };
      (globalThis as unknown as { chrome: Storage }).chrome.storage.onChanged.addListener((changes, area) => {
        const at = Date.now();
        if (area !== 'session') return;
        const written: number[] = [];
        const released: number[] = [];
        for (const change of Object.values(changes)) {
          if (change.newValue !== undefined) written.push(...indexes(change.newValue));
          else released.push(...indexes(change.oldValue));
        }
        if (written.length || released.length) console.log(mark + JSON.stringify({ at, written, released }));
      });
    },
    { run, mark: MARK },
  );
  return { seen, lastChange: () => last, stop: () => page.off('console', onConsole) };
}
