import { useState } from 'preact/hooks';
import { extensionVersion } from '../../../shared/browser.js';
import { openDb } from '../../../store/db.js';
import { t } from '../../components/i18n.js';
import { exportHeader, exportJson } from '../../export/export-json.js';
import { readExportFile } from '../../../store/export-file/parse-export.js';
import type { ExportFile } from '../../../store/export-file/export-format.js';
import { readProvenance } from '../../provenance.js';
import { useSettings } from '../../use-settings.js';
import type { ReportData } from '../../aggregate/report-data.js';
import { companiesCsv } from '../../export/companies-csv.js';
import { requestsCsv } from '../../export/requests-csv.js';
import { workshopSummary } from '../../export/workshop-summary.js';
import { dayOf } from '../../../store/url-parts.js';
import { stageImport } from '../../../store/import-staging.js';
import { sendCommand } from '../../send-command.js';
import { newSummaryLabel } from '../../export/summary-label.js';
import { download } from '../download.js';

/** Download everything as JSON; open an export (from this or another browser) to look at it read-only. */
export function ExportView({ data, onOpen }: { data: ReportData; onOpen: (file: ExportFile, name: string) => void }) {
  const settings = useSettings();
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  /** Runs `work` with the buttons disabled: what it returns is the status, or else what went wrong (through `failed`). */
  const whileBusy = async (work: () => Promise<string>, failed = (message: string) => t('commandFailed', message)) => {
    setBusy(true);
    try {
      setStatus({ ok: true, text: await work() });
    } catch (error) {
      setStatus({ ok: false, text: failed(error instanceof Error ? error.message : String(error)) });
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
      return t('exportDone', String(counts.visits ?? 0), String(counts.requests ?? 0));
    });
  const exportRequestsCsv = () =>
    whileBusy(async () => {
      const { blob, rows } = await requestsCsv(openDb());
      download(blob, `upstream-requests-${dayOf(Date.now())}.csv`);
      return t('exportCsvDone', String(rows));
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
      setStatus({ ok: false, text: error instanceof Error ? error.message : String(error) });
    }
  };
  const merge = async (input: HTMLInputElement) => {
    const chosen = input.files?.[0];
    input.value = '';
    if (!chosen) return;
    setStatus({ ok: true, text: t('importBusy') });
    // The worker's and the file check's messages are shown as they are.
    await whileBusy(async () => {
      // Checked here first, for a quick and clear refusal; the worker checks it again.
      await readExportFile(chosen);
      const counts = await sendCommand({ type: 'import', id: await stageImport(chosen) });
      const done = t('importDone', String(counts.visits.added), String(counts.requests.added), String(counts.visits.duplicates));
      const first = counts.refused.named[0];
      const refused = first ? ` ${t('importRefused', String(counts.refused.count), `${first.row}: ${first.reason}`)}` : '';
      return done + refused;
    }, String);
  };
  return (
    <section aria-labelledby="export-heading" data-testid="export">
      <h2 id="export-heading">{t('viewExport')}</h2>
      <p role={status?.ok === false ? 'alert' : 'status'} class={status?.ok === false ? 'warning' : 'muted'} data-testid="export-status">
        {status?.text ?? ''}
      </p>
      <h3>{t('exportJsonHeading')}</h3>
      <p>{t('exportJsonWhat')}</p>
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
      <h3>{t('importHeading')}</h3>
      <p>{t('importWhat')}</p>
      <label>
        {t('importLabel')}{' '}
        <input
          type="file"
          accept="application/json,.json"
          data-testid="import-export"
          disabled={busy}
          onChange={(e) => void merge(e.target as HTMLInputElement)}
        />
      </label>
    </section>
  );
}
