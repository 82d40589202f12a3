import { AboutSources } from '../components/about-sources.js';
import { AboutVersion } from '../components/about-version.js';
import { HeadlineFigures } from '../components/headline-figures.js';
import { t } from '../components/i18n.js';
import { PeriodPicker } from './period-picker.js';
import { useReportData } from './use-report-data.js';
import type { ReportPeriod } from './report-period.js';
import { useRoute, VIEWS, routeHash, type View } from './use-route.js';
import { LawView } from './views/law.js';
import { CompaniesView } from './views/companies.js';
import { CountriesView } from './views/countries.js';
import { CompanyPage } from './views/company.js';
import { SitePage } from './views/site.js';
import { ExportView } from './views/export.js';
import { useState } from 'preact/hooks';
import { exportTables, type ExportTables } from '../export/export-report.js';
import type { ExportFile } from '../../store/export-file/export-format.js';
import { LeaksView } from './views/leaks.js';
import { GraphView } from './views/graph.js';
import { AlternativesView } from './views/alternatives.js';
import { SettingsView } from './views/settings.js';
import { SitesView } from './views/sites.js';
import { Timeline } from './views/timeline.js';
import { NameInSentence, SLOT } from '../components/name-in-sentence.js';
import { RoomView } from './views/room.js';
import { GuideView } from './views/guide.js';
import type { RoomFile } from '../workshop/room-files.js';
import { LogView } from './log/log-view.js';
import { CompareView } from './views/compare.js';
import type { ComparedFile } from './views/compare-export.js';

const NO_FIGURES: ReportPeriod = { kind: 'custom', first: '2001-01-01', last: '2001-01-01' };

/** An export opened for reading: shown instead of this browser's record until closed. */
interface OpenedExport {
  name: string;
  file: ExportFile;
  tables: ExportTables;
}

/** The full report: a period, and views of it by time, company, site and country. */
export function ReportApp() {
  const [route, go] = useRoute();
  const [opened, setOpened] = useState<OpenedExport | null>(null);
  // Kept here, not in the room view, so that the files stay while the facilitator reads the guide or another view.
  const [roomFiles, setRoomFiles] = useState<readonly RoomFile[]>([]);
  // Kept here too: a file opened for comparison stays while the reader looks at another view.
  const [compared, setCompared] = useState<ComparedFile | null>(null);
  // The log reads the raw requests itself: the period's figures would only compete with it for the page (a day with nothing in it costs no read).
  // The compare view reads each of its sides itself, from the record whatever export is opened.
  const own = route.view === 'log' || route.view === 'compare';
  const answer = useReportData(own ? NO_FIGURES : route.period, opened?.tables ?? null);
  const data = answer.value;
  const view = (v: View) => {
    // The log reads the raw requests itself, without waiting for the period's roll-ups.
    if (v === 'log') return <LogView route={route} />;
    if (v === 'compare') return <CompareView route={route} onRoute={go} file={compared} onFile={setCompared} />;
    if (!data) return null;
    switch (v) {
      case 'overview':
        return (
          <section aria-labelledby="overview-heading">
            <h2 id="overview-heading">{t('viewOverview')}</h2>
            {data.exposure.visits === 0 ? (
              <p class="empty">{t('periodEmpty')}</p>
            ) : (
              <>
                <HeadlineFigures exposure={data.exposure} />
                <Timeline data={data} />
              </>
            )}
          </section>
        );
      case 'companies':
        return route.item ? (
          <CompanyPage data={data} route={route} item={route.item} opened={opened?.tables ?? null} />
        ) : (
          <CompaniesView data={data} route={route} />
        );
      case 'sites':
        return route.item ? (
          <SitePage data={data} route={route} item={route.item} opened={opened?.tables ?? null} />
        ) : (
          <SitesView data={data} route={route} />
        );
      case 'countries':
        return <CountriesView data={data} />;
      case 'graph':
        return <GraphView data={data} />;
      case 'leaks':
        return <LeaksView data={data} />;
      case 'alternatives':
        return <AlternativesView period={route.period} opened={opened?.tables ?? null} />;
      case 'export':
        return (
          <ExportView
            data={data}
            onOpen={(file, name) => setOpened({ name, file, tables: exportTables(file) })}
            roomHref={routeHash({ view: 'room', period: route.period })}
          />
        );
      case 'room':
        return (
          <RoomView
            data={data}
            files={roomFiles}
            onAdd={(added) => setRoomFiles((before) => [...before, ...added])}
            onClear={() => setRoomFiles([])}
            guideHref={routeHash({ view: 'guide', period: route.period })}
          />
        );
      case 'law':
        return <LawView item={route.item} />;
      case 'guide':
        return <GuideView roomHref={routeHash({ view: 'room', period: route.period })} />;
      case 'settings':
        return <SettingsView />;
      case 'about':
        return (
          <section aria-labelledby="about">
            <h2 id="about">{t('aboutHeading')}</h2>
            <p>{t('aboutWhat')}</p>
            <AboutVersion />
            <AboutSources />
          </section>
        );
    }
  };
  return (
    <>
      <header class="report-header">
        <h1>{t('reportTitle')}</h1>
        {opened && (
          <p class="banner" role="status" data-testid="opened-export">
            <NameInSentence
              sentence={t('openedExport', SLOT, opened.file.exportedAt.slice(0, 10), opened.file.extension.version)}
              name={opened.name}
            />{' '}
            <button type="button" data-testid="close-export" onClick={() => setOpened(null)}>
              {t('closeExport')}
            </button>
          </p>
        )}
        <PeriodPicker period={route.period} onChange={(period) => go({ ...route, period })} />
        <nav aria-label={t('reportViews')}>
          <ul class="tabs">
            {VIEWS.map((v) => (
              <li key={v}>
                <a href={routeHash({ view: v, period: route.period })} aria-current={v === route.view ? 'page' : undefined} data-view={v}>
                  {t(`view${v[0]!.toUpperCase()}${v.slice(1)}`)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      {/* The previous period's data stays shown, dimmed and marked busy, while the new one is read. */}
      <main
        data-testid="report"
        data-view={route.view}
        data-state={answer.current ? 'ready' : 'loading'}
        aria-busy={!answer.current}
        class={data && !answer.current ? 'stale' : undefined}
      >
        {view(route.view)}
      </main>
    </>
  );
}
