/** The style sheet of an audit's report.html: light and dark, and printable. */
export const AUDIT_STYLE = `
:root { color-scheme: light dark; --muted: #555; --line: #ddd; --us: #b00020; --accent: #0b57d0; }
@media (prefers-color-scheme: dark) { :root { --muted: #aaa; --line: #444; --us: #ff8a80; --accent: #8ab4f8; } }
body { font: 15px/1.5 system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
h1 { margin-bottom: 0.25rem; }
.figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(13rem, 1fr)); gap: 0.75rem; }
.figure { border: 1px solid var(--line); border-radius: 8px; padding: 0.75rem; display: flex; flex-direction: column; }
.figure strong { font-size: 1.8rem; }
.figure small, li small, footer { color: var(--muted); }
.sentence { font-size: 1.2rem; }
article { border-top: 1px solid var(--line); padding: 0.5rem 0; }
article h3 { overflow-wrap: anywhere; margin-bottom: 0.25rem; }
article.failed h3, .warning { color: var(--us); }
ul { padding-left: 1.2rem; }
li { margin: 0.2rem 0; overflow-wrap: anywhere; }
.servers small { display: block; }
.answered { margin: 0; color: var(--muted); font-size: 0.85rem; }
.badge { display: inline-block; font-size: 0.75rem; border: 1px solid var(--line); border-radius: 4px; padding: 0 0.3rem; margin-left: 0.25rem; }
.badge.us, .badge.prism { border-color: var(--us); color: var(--us); }
.badge.tracker { border-color: var(--accent); color: var(--accent); }
@media print { body { margin: 0; max-width: none; font-size: 11px; } article { break-inside: avoid; } }
`;
