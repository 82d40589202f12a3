import { t } from '../../components/i18n.js';
import { COMPARE_MODES, compareParams, parseCompareParams, type CompareChoice } from '../compare-query.js';
import type { Route } from '../use-route.js';
import { Choice } from './compare-choice.js';
import { CompareExport, type ComparedFile } from './compare-export.js';
import { ComparePeriods } from './compare-periods.js';
import { CompareSite } from './compare-site.js';

/**
 * Two sides side by side: two periods, this record and an export file, or a site before and
 * after a moment. The choices live in the address (compare-query.ts): each one made is a new
 * address, so back, forward, a reload and a link all show the comparison they name.
 */
export function CompareView({
  route,
  onRoute,
  file,
  onFile,
}: {
  route: Route;
  onRoute: (route: Route) => void;
  file: ComparedFile | null;
  onFile: (file: ComparedFile | null) => void;
}) {
  const { choice, refused } = parseCompareParams(route.compare ?? {});
  const choose = (change: Partial<CompareChoice>) => onRoute({ ...route, compare: compareParams({ ...choice, ...change }) });
  return (
    <section aria-labelledby="compare-heading" data-testid="compare" data-mode={choice.mode}>
      <h2 id="compare-heading">{t('viewCompare')}</h2>
      <p>{t('compareIntro')}</p>
      {refused.length > 0 && (
        <p role="alert" class="warning" data-testid="compare-refused" data-refused={refused.join(' ')}>
          {t('compareAddressRefused', refused.join(', '))}
        </p>
      )}
      <Choice
        name="mode"
        legend={t('compareModeLegend')}
        options={COMPARE_MODES}
        value={choice.mode}
        message={(m) => `compareMode_${m}`}
        onChange={(mode) => choose({ mode })}
      />
      {choice.mode === 'periods' && <ComparePeriods chosen={route.period} choice={choice} onChoose={choose} />}
      {choice.mode === 'export' && <CompareExport period={route.period} file={file} onFile={onFile} />}
      {choice.mode === 'site' && <CompareSite period={route.period} choice={choice} onChoose={choose} />}
    </section>
  );
}
