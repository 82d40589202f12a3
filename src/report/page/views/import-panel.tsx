import { useEffect, useRef, useState } from 'preact/hooks';
import { openDb } from '../../../store/db.js';
import type { ExportFile } from '../../../store/export-file/export-format.js';
import { previewImport, type ImportPreview } from '../../../store/export-file/import-preview.js';
import { readExportFile } from '../../../store/export-file/parse-export.js';
import { stageImport } from '../../../store/import-staging.js';
import type { Settings } from '../../../store/settings.js';
import { counted, t } from '../../components/i18n.js';
import { errorText } from '../../components/error-text.js';
import { format } from '../../components/format.js';
import { sendCommand } from '../../send-command.js';

interface Pending {
  chosen: File;
  file: ExportFile;
  preview: ImportPreview;
}

interface ImportPanelProps {
  settings: Settings | undefined;
  busy: boolean;
  /** runs the work with the view's buttons disabled; what it returns is the status, a failure is shown through `failed` */
  whileBusy: (work: () => Promise<string>, failed?: (error: unknown) => string) => Promise<void>;
  /** a file that could not be read: the view says why (a workshop summary gets its own message) */
  onRefused: (error: unknown) => void;
  /** a step said in the status line (reading, adding, cancelled), or null to clear it */
  onStatus: (text: string | null) => void;
}

const calendarDay = (time: number) => new Intl.DateTimeFormat(format().locale, { dateStyle: 'long' }).format(time);

/** The lines of a preview: what the file holds, then what of it would not be added and why. */
function previewLines(p: ImportPreview): { id: string; text: string }[] {
  if (p.visits === 0 && p.requests === 0) return [{ id: 'empty', text: t('importPreviewEmpty') }];
  const lines = [
    { id: 'visits', text: t('importPreviewVisits', counted('pageVisitCount', p.visits), counted('siteCount', p.sites)) },
    { id: 'requests', text: counted('requestsCount', p.requests) },
  ];
  if (p.from !== null && p.to !== null)
    lines.push({ id: 'period', text: t('importPreviewPeriod', calendarDay(p.from), calendarDay(p.to)) });
  if (p.visits > 0)
    lines.push({ id: 'present', text: p.present === 0 ? t('importPreviewNoneHere') : counted('importPreviewPresent', p.present) });
  if (p.excluded > 0) lines.push({ id: 'excluded', text: counted('importPreviewExcluded', p.excluded) });
  if (p.refused > 0) lines.push({ id: 'refused', text: counted('importPreviewRefused', p.refused) });
  return lines;
}

/** What the worker said it did, in a sentence or two; "nothing was added" rather than "0 page visits". */
function doneText(counts: Awaited<ReturnType<typeof runImport>>): string {
  const added = counts.visits.added + counts.requests.added;
  const parts = [
    added === 0
      ? t('importNothing')
      : t('importDone', counted('pageVisitCount', counts.visits.added), counted('requestsCount', counts.requests.added)),
  ];
  if (counts.visits.duplicates > 0) parts.push(counted('importDuplicates', counts.visits.duplicates));
  const first = counts.refused.named[0];
  if (first) parts.push(counted('importRefused', counts.refused.count, `${first.row}: ${first.reason}`));
  return parts.join(' ');
}

async function runImport(chosen: File) {
  return sendCommand({ type: 'import', id: await stageImport(chosen) });
}

/**
 * Adding an export to this browser's record: the file is read and checked first, what it
 * would add is shown, and only "Add to my record" hands it to the worker; Cancel, or
 * choosing nothing, leaves the record as it was.
 */
export function ImportPanel({ settings, busy, whileBusy, onRefused, onStatus }: ImportPanelProps) {
  const [pending, setPending] = useState<Pending | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (pending) heading.current?.focus();
  }, [pending]);
  const choose = async (input: HTMLInputElement) => {
    const chosen = input.files?.[0];
    input.value = '';
    setPending(null);
    if (!chosen || !settings) return;
    onStatus(t('importReading'));
    try {
      const file = await readExportFile(chosen);
      setPending({ chosen, file, preview: await previewImport(openDb(), file, settings, Date.now()) });
      onStatus(null);
    } catch (error) {
      onRefused(error);
    }
  };
  const confirm = (chosen: File) => {
    setPending(null);
    onStatus(t('importBusy'));
    // A refused file's reason is shown as it is (in the reader's language), not as a failed command.
    return whileBusy(async () => doneText(await runImport(chosen)), errorText);
  };
  const p = pending?.preview;
  return (
    <>
      <h3>{t('importHeading')}</h3>
      <p>{t('importWhat')}</p>
      <label>
        {t('importLabel')}{' '}
        <input
          type="file"
          accept="application/json,.json"
          data-testid="import-export"
          disabled={busy || !settings}
          onChange={(e) => void choose(e.target as HTMLInputElement)}
        />
      </label>
      {pending && p && (
        <div
          class="import-preview"
          data-testid="import-preview"
          data-visits={p.visits}
          data-requests={p.requests}
          data-sites={p.sites}
          data-present={p.present}
          data-excluded={p.excluded}
          data-refused={p.refused}
        >
          <h4 ref={heading} tabIndex={-1}>
            {t('importPreviewHeading', pending.chosen.name)}
          </h4>
          <p>{t('importPreviewHolds', calendarDay(Date.parse(pending.file.exportedAt)), pending.file.extension.version)}</p>
          <ul>
            {previewLines(p).map((line) => (
              <li key={line.id} data-preview={line.id}>
                {line.text}
              </li>
            ))}
          </ul>
          <p>{t('importPreviewAsk')}</p>
          <button type="button" data-testid="import-confirm" disabled={busy} onClick={() => void confirm(pending.chosen)}>
            {t('importConfirm')}
          </button>{' '}
          <button
            type="button"
            data-testid="import-cancel"
            onClick={() => {
              setPending(null);
              onStatus(t('importCancelled'));
            }}
          >
            {t('cancel')}
          </button>
        </div>
      )}
    </>
  );
}
