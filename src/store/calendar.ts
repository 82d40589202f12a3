/**
 * The reader's calendar: local midnights, which are 23 or 25 hours apart when the clocks
 * change. Day roll-ups and the report's periods both count days this way.
 */
export function startOfDay(time: number): number {
  const date = new Date(time);
  date.setHours(0, 0, 0, 0);
  return date.getTime();
}

/** Local midnight `days` days after the local midnight `midnight` (right across clock changes). */
export function addDays(midnight: number, days: number): number {
  const date = new Date(midnight);
  date.setDate(date.getDate() + days);
  return date.getTime();
}
