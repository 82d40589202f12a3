/** The request log's filters: each a labelled control, changing the log as soon as it changes. */
import { t } from '../../components/i18n.js';
import type { LocaleNumbers } from '../../components/locale-numbers.js';
import { BLOCS, OUTCOME_KEYS, UNKNOWN_COMPANY, type LogFilters } from './log-model.js';

interface Props {
  filters: LogFilters;
  companies: readonly { name: string; requests: number }[];
  numbers: LocaleNumbers;
  onChange: (filters: LogFilters) => void;
}

interface Choice {
  value: string;
  label: string;
}

function Select({
  name,
  label,
  value,
  choices,
  onChange,
}: {
  name: string;
  label: string;
  value: string;
  choices: Choice[];
  onChange: (value: string) => void;
}) {
  const id = `log-filter-${name}`;
  return (
    <div class="log-filter">
      <label for={id}>{label}</label>
      <select id={id} name={name} value={value} onChange={(event) => onChange((event.currentTarget as HTMLSelectElement).value)}>
        {choices.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function LogFilterControls({ filters, companies, numbers, onChange }: Props) {
  const set =
    <K extends keyof LogFilters>(key: K) =>
    (value: string) =>
      onChange({ ...filters, [key]: value as LogFilters[K] });
  const all = { value: 'all', label: t('logAll') };
  return (
    <form class="log-filters" role="search" aria-label={t('logFilters')} onSubmit={(event) => event.preventDefault()}>
      <div class="log-filter">
        <label for="log-filter-text">{t('logFilterHost')}</label>
        <input
          id="log-filter-text"
          name="text"
          type="search"
          value={filters.text}
          autocomplete="off"
          spellcheck={false}
          onInput={(event) => set('text')((event.currentTarget as HTMLInputElement).value)}
        />
      </div>
      <Select
        name="party"
        label={t('logColParty')}
        value={filters.party}
        choices={[all, { value: 'first', label: t('logFirstParty') }, { value: 'third', label: t('logThirdParty') }]}
        onChange={set('party')}
      />
      <Select
        name="company"
        label={t('logColCompany')}
        value={filters.company}
        choices={[
          { value: '', label: t('logAll') },
          ...companies.map((c) => ({
            value: c.name,
            label: `${c.name === UNKNOWN_COMPANY ? t('logUnknownCompany') : c.name} (${numbers.number(c.requests)})`,
          })),
        ]}
        onChange={set('company')}
      />
      <Select
        name="bloc"
        label={t('logColLaw')}
        value={filters.bloc}
        choices={[all, ...BLOCS.map((bloc) => ({ value: bloc, label: t(`bloc_${bloc}`) }))]}
        onChange={set('bloc')}
      />
      <Select
        name="tracker"
        label={t('logColTracker')}
        value={filters.tracker}
        choices={[all, { value: 'yes', label: t('logTrackers') }, { value: 'no', label: t('logNotTrackers') }]}
        onChange={set('tracker')}
      />
      <Select
        name="outcome"
        label={t('logColOutcome')}
        value={filters.outcome}
        choices={[all, ...OUTCOME_KEYS.map((key) => ({ value: key, label: t(`logOutcome_${key}`) }))]}
        onChange={set('outcome')}
      />
    </form>
  );
}
