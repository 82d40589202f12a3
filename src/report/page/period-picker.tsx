import { useState } from 'preact/hooks';
import { dayOf } from '../../store/url-parts.js';
import { t } from '../components/i18n.js';
import { dayStart, type ReportPeriod } from './report-period.js';

const KINDS = ['day', 'week', 'month', 'custom'] as const;

/** Today, the last 7 or 30 days, or a range of days picked with two date fields. */
export function PeriodPicker({ period, onChange }: { period: ReportPeriod; onChange: (period: ReportPeriod) => void }) {
  const today = dayOf(Date.now());
  const [first, setFirst] = useState(period.kind === 'custom' ? period.first : dayOf(Date.now() - 6 * 86_400_000));
  const [last, setLast] = useState(period.kind === 'custom' ? period.last : today);
  const valid = dayStart(first) !== null && dayStart(last) !== null;
  return (
    <form
      class="period-picker"
      onSubmit={(e) => {
        e.preventDefault();
        if (valid) onChange({ kind: 'custom', first, last });
      }}
    >
      <fieldset class="periods">
        <legend>{t('periodLegend')}</legend>
        {KINDS.map((kind) => (
          <label key={kind} class={kind === period.kind ? 'period selected' : 'period'}>
            <input
              type="radio"
              name="report-period"
              value={kind}
              checked={kind === period.kind}
              onChange={() => onChange(kind === 'custom' ? { kind, first, last } : { kind })}
            />
            {t(`reportPeriod_${kind}`)}
          </label>
        ))}
      </fieldset>
      {period.kind === 'custom' && (
        <span class="custom-range">
          <label>
            {t('rangeFrom')} <input type="date" value={first} max={today} onInput={(e) => setFirst((e.target as HTMLInputElement).value)} />
          </label>{' '}
          <label>
            {t('rangeTo')} <input type="date" value={last} max={today} onInput={(e) => setLast((e.target as HTMLInputElement).value)} />
          </label>{' '}
          <button type="submit" disabled={!valid}>
            {t('rangeApply')}
          </button>
        </span>
      )}
    </form>
  );
}
