import { useState } from 'preact/hooks';
import { extensionVersion } from '../../../shared/browser.js';
import { openDb } from '../../../store/db.js';
import { counted, t } from '../../components/i18n.js';
import { exportHeader, exportJson } from '../../export/export-json.js';
import { ExportFileError, readExportFile } from '../../../store/export-file/parse-export.js';
import type { ExportFile } from '../../../store/export-file/export-format.js';
import { readProvenance } from '../../provenance.js';
import { useSettings } from '../../use-settings.js';
import type { ReportData } from '../../aggregate/report-data.js';
import { companiesCsv } from '../../export/companies-csv.js';
import { requestsCsv } from '../../export/requests-csv.js';
import { SUMMARY_FORMAT, workshopSummary } from '../../export/workshop-summary.js';
import { dayOf } from '../../../store/url-parts.js';
import { newSummaryLabel } from '../../export/summary-label.js';
import { download } from '../download.js';
import { ImportPanel } from './import-panel.js';
import { errorText } from '../../components/error-text.js';

interface Status {
  ok: boolean;
  text: string;
  /** the chosen file is a workshop summary: the status says so and points to the room */
  summary?: boolean;
}

/** Why a chosen file was not read, as the status: a workshop summary is named as one, not as "not an export". */
function refusal(error: unknown): Status {
  if (error instanceof ExportFileError && error.declaredFormat === SUMMARY_FORMAT)
    return { ok: false, text: t('fileIsSummary'), summary: true };
  return { ok: false, text: errorText(error) };
}

/** Download everything as JSON; open an export (from this or another browser) to look at it read-only. */
export function ExportView({
  data,
  onOpen,
  roomHref,
}: {
  data: ReportData;
  onOpen: (file: ExportFile, name: string) => void;
  roomHref: string;
}) {
  const settings = useSettings();
  const [status, setStatus] = useState<Status | null>(null);
  const [busy, setBusy] = useState(false);
  /** Runs `work` with the buttons disabled: what it returns is the status, or else what went wrong (through `failed`). */
  const whileBusy = async (work: () => Promise<string>, failed = (error: unknown) => t('commandFailed', errorText(error))) => {
    setBusy(true);
    try {
      setStatus({ ok: true, text: await work() });
    } catch (error) {
      setStatus({ ok: false, text: failed(error) });
    } finally {
      setBusy(false);
    }
  };
  const exportAll = () =>
    whileBusy(async () => {
      const sources = await readProvenance();
      const header = exportHeader(
        extensionVersion(),
        sources.map((s) => ({ package: s.package, version: s.version, licence: s.licence })),
        settings?.storeQueryStrings ?? false,
      );
      const { blob, counts } = await exportJson(openDb(), header);
      download(blob, `upstream-export-${header.exportedAt.slice(0, 10)}.json`);
      return t('exportDone', counted('pageVisitCount', counts.visits ?? 0), counted('requestsCount', counts.requests ?? 0));
    });
  const exportRequestsCsv = () =>
    whileBusy(async () => {
      const { blob, rows } = await requestsCsv(openDb());
      download(blob, `upstream-requests-${dayOf(Date.now())}.csv`);
      return t('exportCsvDone', counted('requestsCount', rows));
    });
  const lastDay = dayOf(data.range.to - 1);
  const exportSummary = () => {
    // A new label for each export: it tells the room's files apart without naming anyone.
    const label = newSummaryLabel();
    download(
      new Blob([JSON.stringify(workshopSummary(data, extensionVersion(), lastDay, label), null, 2)], { type: 'application/json' }),
      `upstream-summary-${lastDay}-${label}.json`,
    );
    setStatus({ ok: true, text: t('exportSummaryLabelled', label) });
  };
  const open = async (input: HTMLInputElement) => {
    const chosen = input.files?.[0];
    input.value = '';
    if (!chosen) return;
    try {
      onOpen(await readExportFile(chosen), chosen.name);
      setStatus(null);
    } catch (error) {
      setStatus(refusal(error));
    }
  };
  return (
    <section aria-labelledby="export-heading" data-testid="export">
      <h2 id="export-heading">{t('viewExport')}</h2>
      <p role={status?.ok === false ? 'alert' : 'status'} class={status?.ok === false ? 'warning' : 'muted'} data-testid="export-status">
        {status?.text ?? ''}
        {status?.summary && (
          <>
            {' '}
            <a href={roomHref} data-testid="file-is-summary">
              {t('fileIsSummaryLink')}
            </a>
          </>
        )}
      </p>
      <h3>{t('exportJsonHeading')}</h3>
      <p>{t('exportJsonWhat')}</p>
      <details>
        <summary>{t('exportFormatHeading')}</summary>
        <p>{t('exportFormatHelp')}</p>
      </details>
      <button type="button" data-testid="export-json" disabled={busy} onClick={() => void exportAll()}>
        {t('exportJsonButton')}
      </button>
      <h3>{t('exportCsvHeading')}</h3>
      <p>{t('exportCsvWhat')}</p>
      <button type="button" data-testid="export-requests-csv" disabled={busy} onClick={() => void exportRequestsCsv()}>
        {t('exportRequestsCsv')}
      </button>{' '}
      <button
        type="button"
        data-testid="export-companies-csv"
        onClick={() => download(new Blob([companiesCsv(data)], { type: 'text/csv' }), `upstream-companies-${lastDay}.csv`)}
      >
        {t('exportCompaniesCsv')}
      </button>
      <h3>{t('exportSummaryHeading')}</h3>
      <p>{t('exportSummaryTakePart')}</p>
      <p>{t('exportSummaryWhat')}</p>
      <button type="button" data-testid="export-summary" onClick={exportSummary}>
        {t('exportSummaryButton')}
      </button>
      <h3>{t('printHeading')}</h3>
      <p>{t('printWhat')}</p>
      <button
        type="button"
        data-testid="print"
        onClick={() => {
          location.hash = location.hash.replace(/^#\/[a-z]+/, '#/overview');
          setTimeout(() => print(), 300);
        }}
      >
        {t('printButton')}
      </button>
      <h3>{t('openExportHeading')}</h3>
      <p>{t('openExportWhat')}</p>
      <label>
        {t('openExportLabel')}{' '}
        <input
          type="file"
          accept="application/json,.json"
          data-testid="open-export"
          onChange={(e) => void open(e.target as HTMLInputElement)}
        />
      </label>
      <ImportPanel
        settings={settings}
        busy={busy}
        whileBusy={whileBusy}
        onRefused={(error) => setStatus(refusal(error))}
        onStatus={(text) => setStatus(text === null ? null : { ok: true, text })}
      />
    </section>
  );
}
