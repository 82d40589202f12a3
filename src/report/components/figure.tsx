import type { ComponentChildren } from 'preact';

interface FigureProps {
  /** stable name, for tests and styles */
  name: string;
  label: string;
  /** the figure as shown */
  value: string;
  /** the raw number behind it (a share 0..1, a count), for tests; null when unknown */
  raw: number | null;
  /** why it is unknown (an UnknownReason), shown as its sentence instead of a number */
  unknown?: string | null;
  /** what it counts, in one sentence */
  sentence: string;
  /** why it matters, for someone who has never heard of FISA 702 */
  why: string;
  children?: ComponentChildren;
}

/** One headline figure: the number, what it counts, and why it matters. */
export function Figure({ name, label, value, raw, unknown, sentence, why, children }: FigureProps) {
  const id = `figure-${name}`;
  return (
    <li
      class={unknown ? 'figure figure-unknown' : 'figure'}
      data-figure={name}
      data-value={raw ?? ''}
      data-unknown={unknown ?? undefined}
      aria-labelledby={`${id}-label`}
      aria-describedby={`${id}-why`}
    >
      <span class="figure-value">{value}</span>
      <span class="figure-text">
        <strong id={`${id}-label`}>{label}</strong> {sentence}
      </span>
      <small id={`${id}-why`} class="figure-why">
        {why}
      </small>
      {children}
    </li>
  );
}
