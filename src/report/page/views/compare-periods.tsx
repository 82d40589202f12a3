import { compareExposures } from '../../aggregate/compare.js';
import { t } from '../../components/i18n.js';
import type { CompareChoice } from '../compare-query.js';
import { SPANS, spanPeriod } from '../compare-spans.js';
import type { ReportPeriod } from '../report-period.js';
import { useReportData } from '../use-report-data.js';
import { Choice } from './compare-choice.js';
import { CompareResult } from './compare-result.js';

/** Two periods of this record, each read as the overview reads it: by default the last 7 days (B) against the 7 days before (A). */
export function ComparePeriods({
  chosen,
  choice,
  onChoose,
}: {
  chosen: ReportPeriod;
  choice: CompareChoice;
  onChoose: (change: Partial<CompareChoice>) => void;
}) {
  const { a: spanA, b: spanB } = choice;
  const now = Date.now();
  const a = useReportData(spanPeriod(spanA, now, chosen), null);
  const b = useReportData(spanPeriod(spanB, now, chosen), null);
  const ready = a.current && b.current;
  return (
    <div data-testid="compare-periods" data-state={ready ? 'ready' : 'loading'} aria-busy={!ready}>
      <Choice
        name="a"
        legend={t('compareSideA')}
        options={SPANS}
        value={spanA}
        message={(s) => `compareSpan_${s}`}
        onChange={(a) => onChoose({ a })}
      />
      <Choice
        name="b"
        legend={t('compareSideB')}
        options={SPANS}
        value={spanB}
        message={(s) => `compareSpan_${s}`}
        onChange={(b) => onChoose({ b })}
      />
      {a.value && b.value && (
        <CompareResult
          comparison={compareExposures(a.value.exposure, b.value.exposure)}
          sideA={t(`compareSpan_${spanA}`)}
          sideB={t(`compareSpan_${spanB}`)}
        />
      )}
    </div>
  );
}
