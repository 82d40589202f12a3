/**
 * The small statistics a room report is made of: a figure summed up across participants,
 * and the calendar span of their periods. Pure.
 */

export interface FigureAcross {
  /** participants whose summary has a value for it (a summary with no page visit has none) */
  participants: number;
  /** each participant counts once, however much they browsed; null when nobody has a value */
  mean: number | null;
  median: number | null;
  min: number | null;
  max: number | null;
}

export function figureAcross(values: readonly (number | null)[]): FigureAcross {
  const present = values.filter((value): value is number => value !== null).sort((a, b) => a - b);
  const n = present.length;
  if (n === 0) return { participants: 0, mean: null, median: null, min: null, max: null };
  const middle = n >> 1;
  return {
    participants: n,
    mean: present.reduce((sum, value) => sum + value, 0) / n,
    median: n % 2 ? present[middle]! : (present[middle - 1]! + present[middle]!) / 2,
    min: present[0]!,
    max: present[n - 1]!,
  };
}

const DAY_MS = 86_400_000;

const dayNumber = (day: string): number =>
  Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) / DAY_MS;
const dayText = (dayNo: number): string => new Date(dayNo * DAY_MS).toISOString().slice(0, 10);

export interface DaySpan {
  firstDay: string;
  lastDay: string;
}

/**
 * From the earliest first day to the latest last day of the participants' periods; a
 * summary gives its length in days and its last day (no visit time), so its first day is
 * `days - 1` days before the last. Null when there is no period at all.
 */
export function daySpan(periods: readonly { days: number; lastDay: string }[]): DaySpan | null {
  if (periods.length === 0) return null;
  let first = Infinity;
  let last = -Infinity;
  for (const period of periods) {
    const end = dayNumber(period.lastDay);
    first = Math.min(first, end - (period.days - 1));
    last = Math.max(last, end);
  }
  return { firstDay: dayText(first), lastDay: dayText(last) };
}
