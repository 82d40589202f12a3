import type { MessageSender } from '../shared/browser.js';
import type { WitnessEntry, WitnessReport } from '../shared/types.js';
import { MAX_URL_LENGTH } from './details.js';

const MAX_ENTRIES = 500;

function entryOf(value: unknown): WitnessEntry | null {
  if (!value || typeof value !== 'object') return null;
  const e = value as Record<string, unknown>;
  const finite = (n: unknown) => typeof n === 'number' && Number.isFinite(n);
  if (typeof e.url !== 'string' || !/^https?:\/\//i.test(e.url) || !finite(e.start) || !finite(e.end)) return null;
  return {
    url: e.url.slice(0, MAX_URL_LENGTH),
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
  if (m.type !== 'witness' || !Array.isArray(m.entries) || typeof m.documentUrl !== 'string') return null;
  const entries = m.entries.slice(0, MAX_ENTRIES).map(entryOf).filter((e): e is WitnessEntry => e !== null);
  const id = typeof m.id === 'string' && m.id.length > 0 ? m.id.slice(0, 40) : undefined;
  return { tabId: sender.tabId, frameId: sender.frameId, ...(id ? { id } : {}), documentUrl: m.documentUrl.slice(0, MAX_URL_LENGTH), entries };
}
