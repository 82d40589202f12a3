import type { MessageSender } from '../shared/browser.js';
import type { WitnessEntry, WitnessReport } from '../shared/types.js';
import { urlText } from './details.js';

const MAX_ENTRIES = 500;

function entryOf(value: unknown): WitnessEntry | null {
  if (!value || typeof value !== 'object') return null;
  const e = value as Record<string, unknown>;
  const finite = (n: unknown) => typeof n === 'number' && Number.isFinite(n);
  const url = urlText(e.url);
  if (url === null || !/^https?:\/\//i.test(url) || !finite(e.start) || !finite(e.end)) return null;
  return {
    url,
    kind: typeof e.kind === 'string' ? e.kind.slice(0, 32) : 'other',
    start: e.start as number,
    end: e.end as number,
    status: finite(e.status) ? Math.trunc(e.status as number) : 0,
  };
}

/** Checks a witness message from a content script (untrusted: it runs inside web pages). */
export function toWitnessReport(message: unknown, sender: MessageSender): WitnessReport | null {
  if (!message || typeof message !== 'object' || sender.tabId < 0) return null;
  const m = message as Record<string, unknown>;
  const documentUrl = typeof m.documentUrl === 'string' ? (urlText(m.documentUrl) ?? '') : null;
  if (m.type !== 'witness' || !Array.isArray(m.entries) || documentUrl === null) return null;
  const entries = m.entries.slice(0, MAX_ENTRIES).map(entryOf).filter((e): e is WitnessEntry => e !== null);
  const id = typeof m.id === 'string' && m.id.length > 0 ? m.id.slice(0, 40) : undefined;
  return { tabId: sender.tabId, frameId: sender.frameId, ...(id ? { id } : {}), documentUrl, entries };
}
