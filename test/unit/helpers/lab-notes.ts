/**
 * What a code comment must not carry (docs/testing.md, "Comments"): a measured figure, a
 * date, a bare issue number or a line number. A comment says why in a line or two; what
 * was measured, with the machine and the run, belongs in docs/measurements.md or the
 * benchmarks' output, where it can be measured again.
 *
 * A comment may name the value a constant has and why (`250 ms, the window a stopped worker
 * leaves`): a figure is a finding only in a sentence that says it was measured (measured,
 * seen in, took, cost, saved, median…), compares two figures (`65 → 212 µs`, `1.79 MB instead
 * of 2.37 MB`), tallies runs (`4 of 6 runs`), names the machine (`two cores`, `load 7`) or
 * hedges a time (`~25 ms`). Text in backticks or quotes is an example and never read.
 */
import type { SourceComment } from './comments.js';

export interface LabNote {
  line: number;
  kind: 'measurement' | 'date' | 'issue number' | 'line number';
  /** the sentence, shortened */
  sentence: string;
}

const NUMBER = String.raw`(?<![\w.])[~≈]?\d[\d,.]*(?:\s?[–-]\s?\d[\d,.]*)?`;
const UNIT = String.raw`(?:ms|µs|us|ns|s|seconds?|milliseconds?|minutes?|min|B|bytes?|kB|KB|MB|GB|KiB|MiB|GiB|%|×|x)(?![\w/])`;
// A confidence interval's 95 % is a choice of the statistics, not a result.
const FIGURE = new RegExp(
  `${NUMBER}\\s?${UNIT}(?! (?:confidence )?intervals?)|${NUMBER} (?:a|per) (?:batch|load|row|request|start)\\b|\\b\\d+ (?:of|out of) \\d+\\b`,
  'g',
);
const PROPORTION = /\b(?:half|a third|a quarter|a sixth|twice as|three times|\w+-fold)\b/;
const MEASURED = new RegExp(
  String.raw`\b(?:measured|measuring|seen (?:up to|in|at|as|over|for)|took|cost|costs|costing|saved|saves|median|p\d\d|percentile|varied|went from|observed|timed|sampled|profiled|in the [\w-]+ bench|at \d[\d,.]*[kM]? (?:requests|rows|visits))\b`,
  'i',
);
const COMPARED = new RegExp(`${NUMBER}\\s?(?:${UNIT})?\\s*(?:→|->|instead of(?: the)?|against(?: the)?)\\s*${NUMBER}\\s?${UNIT}`);
const TALLY = /\b\d+ (?:of|out of) \d+ (?:runs|repeats|tries|attempts|loads)\b|\(\d+ (?:runs|repeats)\)/;
const MACHINE = /\b(?:\d+|two|four) (?:shared )?cores\b|\btwo-core\b|\bload (?:of )?\d/;
const DURATION_IN_WORDS = /\b(?:per|a) (?:second|minute)\b|\b(?:seconds?|minutes?)\b/;
const HEDGED = new RegExp(`(?<![\\w.])[~≈]\\d[\\d,.]*(?:\\s?${UNIT}|[^.;]{0,40}\\bper (?:millisecond|second|ms|s)\\b)`);

const MONTH = '(?:January|February|March|April|May|June|July|August|September|October|November|December)';
const DATE = new RegExp(String.raw`\b(?:19|20)\d\d-[01]\d-[0-3]\d\b|\b${MONTH},? (?:19|20)\d\d\b|\b${MONTH} \d{1,2}, (?:19|20)\d\d\b`);
// `issue 8`, `issues 3 and 4`, `#12`, `PR 7`; a URL's `/issues/554` or `#L12` is a link, not a bare number.
const ISSUE = /\b(?:issues?|PR|pull request|ticket)\s+#?\d+|(?<![\w/&?=#-])#\d+\b/i;
const LINE_NUMBER = /\.(?:tsx?|mjs|js)(?::\d+|,? lines? \d+)/;

/** Comment text without its markers, each line's text kept with its line number. */
function linesOf(comment: SourceComment): { text: string; line: number }[] {
  return comment.text
    .replace(/^\/\*+|\*+\/$/g, '')
    .split('\n')
    .map((text, index) => ({ text: text.replace(/^\s*(?:\/\/|\*(?!\/))/, '').trim(), line: comment.line + index }));
}

/** Sentences of a comment: split at a full stop or semicolon before a space, a blank line or a list item. */
function sentencesOf(comment: SourceComment): { text: string; line: number }[] {
  const sentences: { text: string; line: number }[] = [];
  let current: { text: string; line: number } | null = null;
  for (const { text, line } of linesOf(comment)) {
    if (text === '' || /^[-•]\s|^\d+\.\s/.test(text)) current = null;
    for (const piece of text.split(/(?<=[.;!?])\s+/)) {
      if (piece === '') continue;
      if (current === null) sentences.push((current = { text: piece, line }));
      else current.text += ` ${piece}`;
      if (/[.;!?]$/.test(piece)) current = null;
    }
  }
  return sentences;
}

function measured(sentence: string): boolean {
  // Nothing is measured to be zero: "never 0 %" states a rule.
  const figures = (sentence.match(FIGURE) ?? []).filter((figure) => /[1-9]/.test(figure));
  const figured = figures.length > 0 || PROPORTION.test(sentence);
  if (TALLY.test(sentence) || HEDGED.test(sentence) || COMPARED.test(sentence)) return true;
  if (MACHINE.test(sentence) && (figured || DURATION_IN_WORDS.test(sentence))) return true;
  return figured && MEASURED.test(sentence);
}

/** Line comments on consecutive lines read as one comment: a sentence may run across them. */
function blocksOf(comments: readonly SourceComment[]): SourceComment[] {
  const blocks: SourceComment[] = [];
  let lastLine = -1;
  for (const comment of comments) {
    const previous = blocks.at(-1);
    if (previous && comment.text.startsWith('//') && previous.text.startsWith('//') && comment.line === lastLine + 1) {
      previous.text += `\n${comment.text}`;
    } else blocks.push({ ...comment });
    lastLine = comment.line + comment.text.split('\n').length - 1;
  }
  return blocks;
}

/** The lab notes in a file's comments (commentsOf), each with the line its sentence starts on. */
export function labNotes(comments: readonly SourceComment[]): LabNote[] {
  const notes: LabNote[] = [];
  for (const { text, line } of blocksOf(comments).flatMap(sentencesOf)) {
    // Code in backticks and text in quotes are examples ("0.834 → "83 %"", `2026-11-01`), not what happened.
    const prose = text.replace(/`[^`]*`/g, '`…`').replace(/"[^"]*"/g, '"…"');
    const note = (kind: LabNote['kind']) => notes.push({ line, kind, sentence: text.length > 160 ? `${text.slice(0, 157)}…` : text });
    if (measured(prose)) note('measurement');
    if (DATE.test(prose)) note('date');
    if (ISSUE.test(prose)) note('issue number');
    if (LINE_NUMBER.test(text)) note('line number');
  }
  return notes;
}
