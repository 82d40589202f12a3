import { useState } from 'preact/hooks';
import { t } from '../../components/i18n.js';
import type { Route } from '../use-route.js';
import { Choice } from './compare-choice.js';
import { CompareExport, type ComparedFile } from './compare-export.js';
import { ComparePeriods } from './compare-periods.js';
import { CompareSite } from './compare-site.js';

const MODES = ['periods', 'export', 'site'] as const;
type Mode = (typeof MODES)[number];

/** Two sides side by side: two periods, this record and an export file, or a site before and after a moment. */
export function CompareView({
  route,
  file,
  onFile,
}: {
  route: Route;
  file: ComparedFile | null;
  onFile: (file: ComparedFile | null) => void;
}) {
  const [mode, setMode] = useState<Mode>('periods');
  return (
    <section aria-labelledby="compare-heading" data-testid="compare" data-mode={mode}>
      <h2 id="compare-heading">{t('viewCompare')}</h2>
      <p>{t('compareIntro')}</p>
      <Choice
        name="mode"
        legend={t('compareModeLegend')}
        options={MODES}
        value={mode}
        message={(m) => `compareMode_${m}`}
        onChange={setMode}
      />
      {mode === 'periods' && <ComparePeriods chosen={route.period} />}
      {mode === 'export' && <CompareExport period={route.period} file={file} onFile={onFile} />}
      {mode === 'site' && <CompareSite period={route.period} />}
    </section>
  );
}
