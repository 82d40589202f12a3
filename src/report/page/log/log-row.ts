/**
 * The request log's columns, and each row's cells from the store's entries. A row is built
 * once per state of the log and kept: scrolling asks again for the rows it still shows, and
 * a frame must only build the rows it brings into view.
 */
import { blocOf } from '../../../classify/country-groups.js';
import { tracks } from '../../../classify/tracking.js';
import type { LogEntry, LogHost, LogVisit } from '../../../store/request-log.js';
import { isThirdPartyRequest } from '../../../store/observers.js';
import { t } from '../../components/i18n.js';
import { frameOrigin, outcomeOf, pageSiteOf, urlOf, type FrameSource } from './log-model.js';
import type { GridCell, GridColumn, GridRow } from './virtual-grid.js';

const COLUMNS = ['time', 'page', 'url', 'type', 'party', 'company', 'law', 'tracker', 'outcome', 'frame'] as const;

const labels = new Map<string, string>();
/** A message without placeholders, looked up once: every visible row names its party, outcome and frame. */
function label(name: string): string {
  let text = labels.get(name);
  if (text === undefined) labels.set(name, (text = t(name)));
  return text;
}

export function logColumns(): GridColumn[] {
  return COLUMNS.map((key) => ({ key, label: label(`logCol${key[0]!.toUpperCase()}${key.slice(1)}`) }));
}

interface RowSources {
  entries: readonly LogEntry[];
  /** positions in `entries` of the rows shown, in order */
  kept: Int32Array;
  hosts: ReadonlyMap<number, LogHost>;
  visits: ReadonlyMap<number, LogVisit>;
  frames: ReadonlyMap<string, FrameSource>;
  times: Intl.DateTimeFormat;
}

/**
 * The party cell: a tracker behind the page's own name is a third party, named as such with
 * what its name is an alias of; a page's own host a tracker's network served says so.
 */
function partyCell(thirdParty: boolean, host: LogHost | undefined): GridCell {
  if (host?.cloaked) return { text: label('logThirdPartyCloaked'), title: t('hostAliasOf', host.canonicalName ?? '') };
  if (thirdParty) return { text: label('logThirdParty') };
  if (host?.trackerNetwork) return { text: label('logFirstPartyTrackerNetwork'), title: t('hostServedBy', host.trackerNetwork) };
  return { text: label('logFirstParty') };
}

function buildRow({ entries, kept, hosts, visits, frames, times }: RowSources, index: number): GridRow {
  const entry = entries[kept[index]!]!;
  const host = hosts.get(entry.host);
  const outcome = outcomeOf(entry);
  const tracker = tracks(host?.tracker) ? host!.tracker! : null;
  const origin = frameOrigin(entry, frames, hosts);
  const site = pageSiteOf(entry, visits);
  const url = urlOf(entry, hosts);
  const bloc = blocOf(host?.jurisdiction ?? null);
  const company = host?.company ?? null;
  const thirdParty = isThirdPartyRequest(entry.thirdParty, host);
  const outcomeText =
    outcome === 'redirected' && entry.detail
      ? `${label('logOutcome_redirected')} → ${entry.detail}`
      : `${label(`logOutcome_${outcome}`)}${entry.status ? ` ${entry.status}` : ''}`;
  return {
    key: entry.id,
    data: {
      id: String(entry.id),
      party: thirdParty ? 'third' : 'first',
      cloaked: host?.cloaked ? 'yes' : 'no',
      servedby: host?.trackerNetwork ?? '',
      outcome,
      tracker: tracker ? 'yes' : 'no',
      company: company ?? '',
      bloc,
      frame: origin ?? 'top',
    },
    cells: [
      { text: times.format(entry.time) },
      { text: site ?? '–', title: entry.visit ? visits.get(entry.visit)?.url : undefined },
      { text: url, title: url },
      { text: entry.type },
      partyCell(thirdParty, host),
      company ? { text: company, title: company } : { text: label('logUnknownCompany'), title: host?.domain, muted: true },
      { text: host?.jurisdiction ?? '–', title: label(`bloc_${bloc}`) },
      tracker ? { text: tracker.name, title: label(`category_${tracker.category}`) } : { text: '' },
      { text: outcomeText, title: entry.detail ?? undefined },
      origin === null
        ? { text: label('logTopFrame') }
        : origin
          ? { text: origin, title: origin }
          : { text: label('logFrameUnknown'), muted: true },
    ],
  };
}

/** The row at each position of `kept`, built when first asked for. */
export function rowsOf(sources: RowSources): (index: number) => GridRow {
  const built = new Map<number, GridRow>();
  return (index) => {
    let row = built.get(index);
    if (!row) {
      // Enough for a few screens either way; more would only hold rows scrolled far away.
      if (built.size > 2_000) built.clear();
      built.set(index, (row = buildRow(sources, index)));
    }
    return row;
  };
}
