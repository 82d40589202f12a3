import type { WitnessEntry, WitnessReport } from '../shared/types.js';
import { urlText } from './details.js';
import { WITNESS_READ_MAX } from './witness-page.js';

/**
 * Checks what a frame handed back to the worker's read (witness-page.ts). Untrusted: it comes
 * from a renderer that runs web content, so every field is checked and bounded.
 */
function entryOf(value: unknown): WitnessEntry | null {
  if (!Array.isArray(value) || value.length < 6) return null;
  const [rawUrl, kind, start, end, status, facts] = value as unknown[];
  const finite = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n);
  const url = urlText(rawUrl);
  if (url === null || !/^https?:\/\//i.test(url) || !finite(start) || !finite(end) || end < start) return null;
  return {
    url,
    kind: typeof kind === 'string' ? kind.slice(0, 32) : 'other',
    start,
    end,
    status: finite(status) ? Math.trunc(status) : 0,
    facts: finite(facts) ? facts & 0xff : 0,
  };
}

export function toWitnessReport(value: unknown, tabId: number, frameId: number): WitnessReport | null {
  if (!value || typeof value !== 'object' || tabId < 0 || frameId < 0) return null;
  const m = value as Record<string, unknown>;
  const documentUrl = typeof m.documentUrl === 'string' ? urlText(m.documentUrl) : null;
  if (documentUrl === null || !/^https?:\/\//i.test(documentUrl) || !Array.isArray(m.entries)) return null;
  const entries = m.entries
    .slice(0, WITNESS_READ_MAX)
    .map(entryOf)
    .filter((e): e is WitnessEntry => e !== null);
  const navigation = entryOf(m.navigation);
  return { tabId, frameId, documentUrl, navigation: navigation ? { ...navigation, kind: 'navigation' } : null, entries };
}
