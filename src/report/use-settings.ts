import { useLayoutEffect, useState } from 'preact/hooks';
import { localArea, onLocalChanged } from '../shared/browser.js';
import { readSettings, SETTINGS_KEY, type Settings } from '../store/settings.js';

/** The user's settings, kept current when the worker changes them. */
export function useSettings(): Settings | undefined {
  const [settings, setSettings] = useState<Settings | undefined>(undefined);
  // Asked at once rather than after the first paint (see use-live-query.ts).
  useLayoutEffect(() => {
    let live = true;
    void localArea.get(SETTINGS_KEY).then((stored) => live && setSettings(readSettings(stored[SETTINGS_KEY])));
    onLocalChanged((changes) => {
      if (live && SETTINGS_KEY in changes) setSettings(readSettings(changes[SETTINGS_KEY]!.newValue));
    });
    return () => {
      live = false;
    };
  }, []);
  return settings;
}
