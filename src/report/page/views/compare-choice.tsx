import { t } from '../../components/i18n.js';

interface ChoiceProps<T extends string> {
  /** the group's name, for the radios and tests */
  name: string;
  legend: string;
  options: readonly T[];
  value: T;
  /** the message naming an option */
  message: (option: T) => string;
  onChange: (option: T) => void;
}

/** One choice among a few, as radios: Tab reaches the group, the arrow keys choose (the compare view's mode and each side). */
export function Choice<T extends string>({ name, legend, options, value, message, onChange }: ChoiceProps<T>) {
  return (
    <fieldset class="periods compare-choice" data-testid={`compare-${name}`} data-value={value}>
      <legend>{legend}</legend>
      {options.map((option) => (
        <label key={option} class={option === value ? 'period selected' : 'period'}>
          <input type="radio" name={`compare-${name}`} value={option} checked={option === value} onChange={() => onChange(option)} />
          {t(message(option))}
        </label>
      ))}
    </fieldset>
  );
}
