import { useState } from 'preact/hooks';
import { compareExposures } from '../../aggregate/compare.js';
import { counted, t } from '../../components/i18n.js';
import { reportFromExport } from '../../export/export-report.js';
import { exportToCompare, type ExportToCompare } from '../../export/export-to-compare.js';
import { readExportFile } from '../../../store/export-file/parse-export.js';
import type { ReportPeriod } from '../report-period.js';
import { useReportData } from '../use-report-data.js';
import { CompareResult } from './compare-result.js';

export interface ComparedFile extends ExportToCompare {
  name: string;
}

interface CompareExportProps {
  period: ReportPeriod;
  file: ComparedFile | null;
  onFile: (file: ComparedFile | null) => void;
}

/**
 * This record (A) against an export file (B), over the period chosen above. The file is read
 * and checked as the export view opens one, then through the import's own row checks; it is
 * only ever held in the page: nothing of it is written to the record.
 */
export function CompareExport({ period, file, onFile }: CompareExportProps) {
  const [error, setError] = useState<string | null>(null);
  const record = useReportData(period, null);
  const choose = async (input: HTMLInputElement) => {
    const chosen = input.files?.[0];
    input.value = '';
    if (!chosen) return;
    try {
      onFile({ name: chosen.name, ...exportToCompare(await readExportFile(chosen), Date.now()) });
      setError(null);
    } catch (failure) {
      onFile(null);
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  };
  const other = file && record.value ? reportFromExport(file.tables, record.value.range) : null;
  return (
    <div data-testid="compare-export" data-state={record.current ? 'ready' : 'loading'} aria-busy={!record.current}>
      <p>{t('compareExportWhat')}</p>
      <label>
        {t('compareExportLabel')}{' '}
        <input
          type="file"
          accept="application/json,.json"
          data-testid="compare-file"
          onChange={(e) => void choose(e.target as HTMLInputElement)}
        />
      </label>
      <p role={error ? 'alert' : 'status'} class={error ? 'warning' : 'muted'} data-testid="compare-file-status">
        {error ?? (file ? (file.refused > 0 ? counted('compareExportRefused', file.refused) : '') : t('compareExportChoose'))}
      </p>
      {record.value && other && file && (
        <CompareResult
          comparison={compareExposures(record.value.exposure, other.exposure)}
          sideA={t('compareThisRecord')}
          sideB={file.name}
        />
      )}
    </div>
  );
}
