/**
 * The room page's only style sheet, inline because the page's Content-Security-Policy
 * loads nothing from anywhere: light and dark follow the reader's system, and printing
 * gives black on white with table headers repeated on each page.
 */
export const ROOM_CSS = `
:root { color-scheme: light dark; --fg: #1b1b1f; --bg: #ffffff; --muted: #5b5b66; --line: #d6d6de; --head: #f2f2f6; --us: #b3261e; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e8e8ee; --bg: #17171c; --muted: #a4a4b2; --line: #3a3a46; --head: #24242d; --us: #f2b8b5; }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg); font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
main { max-width: 62rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
h1 { font-size: 1.6rem; margin: 0 0 .5rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .5rem; }
p { margin: .4rem 0; }
.lede { font-size: 1.1rem; }
.note, .contains, footer { color: var(--muted); font-size: .9rem; }
table { width: 100%; border-collapse: collapse; margin: .5rem 0; }
caption { text-align: left; color: var(--muted); font-size: .9rem; padding-bottom: .3rem; }
th, td { padding: .35rem .5rem; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
thead th { background: var(--head); font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num { white-space: nowrap; }
.code { color: var(--muted); font-size: .85em; }
.us { color: var(--us); font-weight: 600; }
.why { display: block; color: var(--muted); font-size: .85rem; font-weight: normal; }
footer { margin-top: 2.5rem; border-top: 1px solid var(--line); padding-top: .8rem; }
@media print {
  :root { --fg: #000; --bg: #fff; --muted: #444; --line: #999; --head: #eee; --us: #000; }
  body { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
  h2 { break-after: avoid; }
}
@page { margin: 15mm; }
`;
