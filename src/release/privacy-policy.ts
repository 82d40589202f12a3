/**
 * The stores' privacy policy (store/privacy-policy.en.md) is SECURITY.md's account of what
 * Upstream stores, who can read it and what it never does, word for word: written from it by
 * `npm run store:policy`, so that the two cannot say different things
 * (test/unit/store-listing.spec.ts fails when the written file is out of date).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const POLICY_SECTIONS = ['What it stores, and where', 'Who can read it', 'What it never does'];

/** A level-2 section of a Markdown file, heading included, without trailing blank lines. */
export function markdownSection(markdown: string, heading: string): string {
  const lines = markdown.replaceAll('\r\n', '\n').split('\n');
  const start = lines.indexOf(`## ${heading}`);
  if (start < 0) throw new Error(`SECURITY.md has no section "## ${heading}"`);
  let end = lines.findIndex((line, i) => i > start && /^#{1,2} /.test(line));
  if (end < 0) end = lines.length;
  return lines.slice(start, end).join('\n').trimEnd();
}

export function privacyPolicyFrom(security: string): string {
  return [
    '# Upstream: privacy policy',
    '',
    '<!-- Written by `npm run store:policy` from SECURITY.md; edit SECURITY.md, not this file. -->',
    '',
    'Upstream is a browser extension that records, on your own computer, the requests your',
    'browser sends and who receives them. It collects no data for its authors or anyone else:',
    'nothing it records leaves your browser unless you export it yourself. What follows is the',
    "project's own account (SECURITY.md), unchanged.",
    '',
    ...POLICY_SECTIONS.map((heading) => `${markdownSection(security, heading)}\n`),
    '## Questions',
    '',
    "Open an issue on the project's repository, or, for a security problem, a private",
    'security advisory there (see "Reporting a vulnerability" in SECURITY.md).',
    '',
  ].join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  writeFileSync(path.join(root, 'store', 'privacy-policy.en.md'), privacyPolicyFrom(readFileSync(path.join(root, 'SECURITY.md'), 'utf8')));
  console.log('store/privacy-policy.en.md written from SECURITY.md; update store/privacy-policy.fr.md to match.');
}
