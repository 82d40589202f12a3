import { useState } from 'preact/hooks';
import { extensionVersion } from '../../../shared/browser.js';
import { openDb } from '../../../store/db.js';
import { t } from '../../components/i18n.js';
import { exportHeader, exportJson } from '../../export/export-json.js';
import { readExportFile } from '../../export/parse-export.js';
import type { ExportFile } from '../../export/export-format.js';
import { readProvenance } from '../../provenance.js';
import { useSettings } from '../../use-settings.js';

function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  // Give the browser the time to start the download before the address goes.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Download everything as JSON; open an export (from this or another browser) to look at it read-only. */
export function ExportView({ onOpen }: { onOpen: (file: ExportFile, name: string) => void }) {
  const settings = useSettings();
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const exportAll = async () => {
    setBusy(true);
    try {
      const sources = await readProvenance();
      const header = exportHeader(extensionVersion(), sources.map((s) => ({ package: s.package, version: s.version, licence: s.licence })), settings?.storeQueryStrings ?? false);
      const { blob, counts } = await exportJson(openDb(), header);
      download(blob, `upstream-export-${header.exportedAt.slice(0, 10)}.json`);
      setStatus({ ok: true, text: t('exportDone', String(counts.visits ?? 0), String(counts.requests ?? 0)) });
    } catch (error) {
      setStatus({ ok: false, text: t('commandFailed', error instanceof Error ? error.message : String(error)) });
    } finally {
      setBusy(false);
    }
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
  return (
    <section aria-labelledby="export-heading" data-testid="export">
      <h2 id="export-heading">{t('viewExport')}</h2>
      <p role={status?.ok === false ? 'alert' : 'status'} class={status?.ok === false ? 'warning' : 'muted'} data-testid="export-status">{status?.text ?? ''}</p>
      <h3>{t('exportJsonHeading')}</h3>
      <p>{t('exportJsonWhat')}</p>
      <button type="button" data-testid="export-json" disabled={busy} onClick={() => void exportAll()}>{t('exportJsonButton')}</button>
      <h3>{t('openExportHeading')}</h3>
      <p>{t('openExportWhat')}</p>
      <label>{t('openExportLabel')} <input type="file" accept="application/json,.json" data-testid="open-export" onChange={(e) => void open(e.target as HTMLInputElement)} /></label>
    </section>
  );
}
