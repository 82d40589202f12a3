import { useMemo } from 'preact/hooks';
import { extensionVersion } from '../../../shared/browser.js';
import { dayOf } from '../../../store/url-parts.js';
import type { ReportData } from '../../aggregate/report-data.js';
import { format } from '../../components/format.js';
import { counted, t } from '../../components/i18n.js';
import { workshopSummary } from '../../export/workshop-summary.js';
import { ownRecord, type OwnRecord } from '../../workshop/room-compare.js';
import { mergeRoomFiles, type RoomFile } from '../../workshop/room-files.js';
import { roomHtml } from '../../workshop/room-html.js';
import { roomJsonText, type RoomReport } from '../../workshop/room-report.js';
import { download } from '../download.js';
import { RoomFileList } from './room-file-list.js';
import { RoomIntake } from './room-intake.js';
import { RoomCompaniesTable, RoomCountriesTable, RoomFiguresTable } from './room-tables.js';

interface RoomViewProps {
  data: ReportData;
  files: readonly RoomFile[];
  onAdd: (files: RoomFile[]) => void;
  onClear: () => void;
  guideHref: string;
}

function lede(report: RoomReport): string {
  const f = format();
  // The long form: the short one ends in an abbreviation's dot ("1 déc."), doubled by the sentence's own.
  const days = new Intl.DateTimeFormat(f.locale, { dateStyle: 'long', timeZone: 'UTC' });
  const day = (text: string) => days.format(Date.parse(`${text}T00:00:00Z`));
  return counted(
    'roomLede',
    report.participants,
    counted('pageVisitCount', report.pageVisits),
    day(report.period!.firstDay),
    day(report.period!.lastDay),
  );
}

function RoomResults({ report, own }: { report: RoomReport; own: OwnRecord | null }) {
  const without = report.participants - report.participantsWithVisits;
  return (
    <div class="room-results">
      <p
        class="headline"
        data-testid="room-participants"
        data-count={report.participants}
        data-with-visits={report.participantsWithVisits}
        data-page-visits={report.pageVisits}
      >
        {lede(report)}
      </p>
      {without > 0 && <p class="muted">{counted('roomNoVisits', without)}</p>}
      <p class="muted" data-testid="room-own" data-empty={own ? undefined : 'true'}>
        {own ? t('roomOwnWhat') : t('roomOwnEmpty')}
      </p>
      <h3>{t('roomFiguresHeading')}</h3>
      <RoomFiguresTable report={report} own={own} />
      <h3>{t('roomCompaniesHeading')}</h3>
      <RoomCompaniesTable report={report} own={own} />
      <p class="muted">{t('roomCompaniesNote')}</p>
      <h3>{t('roomJurisdictionsHeading')}</h3>
      <RoomCountriesTable list="jurisdictions" report={report} own={own} />
      <h3>{t('roomServerCountriesHeading')}</h3>
      <RoomCountriesTable list="serverCountries" report={report} own={own} />
      <p class="muted" data-testid="room-hosting">
        {t('roomHostingNote')}
      </p>
      <div class="room-export">
        <h3>{t('roomExportHeading')}</h3>
        <p>{t('roomExportWhat')}</p>
        <button
          type="button"
          data-testid="room-json"
          onClick={() => download(new Blob([roomJsonText(report)], { type: 'application/json' }), 'room.json')}
        >
          {t('roomExportJson')}
        </button>{' '}
        <button
          type="button"
          data-testid="room-html"
          onClick={() => download(new Blob([roomHtml(report)], { type: 'text/html' }), 'room.html')}
        >
          {t('roomExportHtml')}
        </button>{' '}
        <button type="button" data-testid="room-print" onClick={() => print()}>
          {t('roomPrint')}
        </button>
      </div>
    </div>
  );
}

/**
 * The workshop room: the summaries a room's participants handed in, merged in this page by
 * the same code as `npm run workshop` (room-files.ts), beside the facilitator's own record
 * for the period chosen. Nothing is stored: the files live as long as the page.
 */
export function RoomView({ data, files, onAdd, onClear, guideHref }: RoomViewProps) {
  const merge = useMemo(() => mergeRoomFiles(files), [files]);
  const own = useMemo(() => ownRecord(workshopSummary(data, extensionVersion(), dayOf(data.range.to - 1))), [data]);
  return (
    <section aria-labelledby="room-heading" data-testid="room" data-files={files.length}>
      <h2 id="room-heading">{t('viewRoom')}</h2>
      <p>{t('roomIntro')}</p>
      <p>
        <a href={guideHref} data-testid="room-guide-link">
          {t('roomGuideLink')}
        </a>
      </p>
      <RoomIntake onAdd={onAdd} onClear={onClear} count={files.length} />
      <RoomFileList merge={merge} />
      {merge.report.participants === 0 ? <p class="empty">{t('roomEmpty')}</p> : <RoomResults report={merge.report} own={own} />}
    </section>
  );
}
