/** The clock of the store upkeep tests: a fixed "now" and the length of a day. */

export const DAY = 24 * 60 * 60_000;
// Noon in mid-June: month arithmetic and day boundaries stay clear of edge cases.
export const NOW = new Date(2026, 5, 15, 12, 0, 0).getTime();
