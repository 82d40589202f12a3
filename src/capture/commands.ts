import { forgetSite, wipeAll } from '../store/controls.js';
import type { UpstreamDb } from '../store/db.js';
import { normaliseSite, SettingsError, validateSettings, type Settings } from '../store/settings.js';
import { forgetCapturedVisits, reserveVisitIds } from './capture-state.js';
import { noteWipe } from './witness-sweep.js';
import type { Classifier } from '../store/classifier.js';
import { asCommand, type CommandOf, type CommandReplies, type CommandReply, type CommandType } from '../store/worker-commands.js';
import { clearStaging, takeStaged } from '../store/import-staging.js';
import { importIntoStore, type ImportCounts } from '../store/export-file/import-into-store.js';
import { readExportFile } from '../store/export-file/parse-export.js';
import { RefusedFile } from '../store/export-file/file-refusal.js';
import type { Journal } from './journal.js';
import type { Pipeline } from './pipeline.js';
import type { SettingsCache } from './settings-cache.js';

export interface CommandDeps {
  db: UpstreamDb;
  pipeline: Pipeline;
  journal: Journal;
  settings: SettingsCache;
  /**
   * The registrable domain of a host, by the classifier that files pages under it (the
   * worker's own, rather than a second public-suffix library evaluated at every start).
   */
  domainOf: (host: string) => Promise<string>;
  /** the complete knowledge (hosts and server countries), for imported rows */
  classifier: () => Promise<Classifier>;
  /** settles once verdicts stored before the complete knowledge arrived have been brought up to it */
  verdictsCompleted: () => Promise<void>;
  /** Host rows were deleted: what was learnt of them outside the store (their DNS aliases) is to be asked again. */
  hostsForgotten?: () => void;
}

/** What the user typed (a site, a host, a page address) as the registrable domain that pages are filed under. */
function site(input: string, deps: CommandDeps): Promise<string> {
  const normal = normaliseSite(input);
  if (!normal) throw new SettingsError(`not a site: ${input.slice(0, 80)}`);
  return deps.domainOf(normal);
}

/**
 * Settings apply when a batch is stored: what is waiting is stored first, under the
 * settings it was recorded with (events seen during a pause stay unrecorded on resume).
 */
async function changeSettings(deps: CommandDeps, change: (s: Settings) => Settings): Promise<Settings> {
  await deps.pipeline.flush();
  return deps.pipeline.exclusive(() => deps.settings.update(change));
}

type CommandHandlers = { [T in CommandType]: (command: CommandOf<T>, deps: CommandDeps) => Promise<CommandReplies[T]> };

/** One handler a command, each returning its command's reply: a command left out, or a wrong reply, fails to compile. */
const handlers: CommandHandlers = {
  status: async (_command, { settings, pipeline, journal }) => ({
    settings: await settings.get(),
    stats: pipeline.stats,
    waiting: journal.size,
    unjournaled: journal.unjournaled,
  }),
  flush: async (_command, { pipeline, verdictsCompleted }) => {
    // "Stored" means stored as the worker classifies: a batch stored before the server
    // countries loaded is only complete once its addresses were located.
    await pipeline.flush();
    await pipeline.flushAggregates();
    await verdictsCompleted();
    return pipeline.stats;
  },
  pause: (_command, deps) => changeSettings(deps, (s) => ({ ...s, pausedSince: s.pausedSince ?? Date.now() })),
  resume: (_command, deps) => changeSettings(deps, (s) => ({ ...s, pausedSince: null })),
  'exclude-site': async (command, deps) => {
    const added = await site(command.site, deps);
    return changeSettings(deps, (s) => ({ ...s, excludedSites: [...s.excludedSites, added] }));
  },
  'include-site': async (command, deps) => {
    const removed = await site(command.site, deps);
    return changeSettings(deps, (s) => ({ ...s, excludedSites: s.excludedSites.filter((x) => x !== removed) }));
  },
  'set-settings': (command, deps) => changeSettings(deps, () => validateSettings(command.settings)),
  'forget-site': async (command, deps) => {
    const { db, pipeline } = deps;
    const forgotten = await site(command.site, deps);
    // Store what is waiting first, so nothing of the site lands after it was forgotten.
    await pipeline.flush();
    return pipeline.exclusive(async () => {
      const result = await forgetSite(db, forgotten);
      // The capture state remembers the tabs' pages: those of the site go too.
      await forgetCapturedVisits(db, new Set(result.visitIds));
      pipeline.interner.reset();
      deps.hostsForgotten?.();
      return { visits: result.visits, requests: result.requests, daily: result.daily };
    });
  },
  import: (command, deps) => importStaged(command.id, deps),
  // The aggregates' changes that wait are in the capture state, which the wipe clears.
  wipe: (_command, { db, pipeline, journal, settings, hostsForgotten }) =>
    pipeline.exclusive(
      async () => {
        await journal.clear();
        await clearStaging();
        await wipeAll(db);
        await noteWipe(Date.now());
        await settings.clear();
        pipeline.interner.reset();
        hostsForgotten?.();
        return true as const;
      },
      { dropsAggregates: true },
    ),
};

/** Runs a command with its own handler (the map's type pairs each command with its handler). */
function run<T extends CommandType>(command: CommandOf<T>, deps: CommandDeps): Promise<CommandReplies[T]> {
  const handler = handlers[command.type as T] as (command: CommandOf<T>, deps: CommandDeps) => Promise<CommandReplies[T]>;
  return handler(command, deps);
}

/** Reads the staged export (validated again here: the worker trusts no file) and merges it in, between capture batches. */
async function importStaged(id: string, deps: CommandDeps): Promise<ImportCounts> {
  const blob = await takeStaged(id);
  if (!blob) throw new RefusedFile('The file to import is no longer there: choose it again.', { key: 'gone', args: [] });
  const file = await readExportFile(blob);
  const [classifier, settings] = await Promise.all([deps.classifier(), deps.settings.get()]);
  await deps.pipeline.flush();
  return deps.pipeline.exclusive(async () => {
    try {
      return await importIntoStore(deps.db, file, {
        classifier,
        settings,
        interner: deps.pipeline.interner,
        reserveVisitIds: (count) => reserveVisitIds(deps.db, count),
      });
    } finally {
      // A failed import rolled back host rows the interner may remember.
      deps.pipeline.interner.reset();
    }
  });
}

/** Answers one message from an extension page; anything that is not a command is refused. */
export async function handleCommand(message: unknown, deps: CommandDeps): Promise<CommandReply> {
  const command = asCommand(message);
  if (!command) return { ok: false, error: 'unknown command' };
  try {
    return { ok: true, value: await run(command, deps) };
  } catch (error) {
    const reason = error instanceof RefusedFile && error.reason ? { reason: error.reason } : {};
    return { ok: false, error: error instanceof Error ? error.message : String(error), ...reason };
  }
}
