import { useLayoutEffect, useState } from 'preact/hooks';
import { activeTab, tabById, type TabInfo } from '../../shared/browser.js';

export type ShownTab =
  | { kind: 'loading' }
  /** a web page Upstream records */
  | { kind: 'web'; tab: TabInfo; host: string }
  /** the browser's own pages, other extensions, files, private windows: never recorded */
  | { kind: 'unseen'; private: boolean };

/** Host of an http(s) address, or null for pages Upstream cannot see. */
function webHost(url: string | null): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.hostname.replace(/^\[|\]$/g, '').replace(/\.$/, '') : null;
  } catch {
    return null;
  }
}

/**
 * The tab the popup speaks about: the active tab of its window, or the one named by
 * `?tab=<id>` (the popup opened as a page, from the report or a test).
 */
export function useShownTab(): ShownTab {
  const [shown, setShown] = useState<ShownTab>({ kind: 'loading' });
  // Asked at once rather than after the first paint (see use-live-query.ts).
  useLayoutEffect(() => {
    const asked = Number(new URLSearchParams(location.search).get('tab'));
    const find = Number.isInteger(asked) && asked >= 0 && location.search.includes('tab=') ? tabById(asked) : activeTab();
    void find
      .catch(() => null)
      .then((tab) => {
        const host = webHost(tab?.url ?? null);
        setShown(tab && host && !tab.incognito ? { kind: 'web', tab, host } : { kind: 'unseen', private: !!tab?.incognito });
      });
  }, []);
  return shown;
}
