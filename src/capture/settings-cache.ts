import { localArea, onLocalChanged } from '../shared/browser.js';
import { readSettings, SETTINGS_KEY as KEY, validateSettings, type Settings } from '../store/settings.js';

/** The settings, read once from storage.local and kept current through its change events. */
export class SettingsCache {
  private current: Promise<Settings> | null = null;

  constructor() {
    onLocalChanged((changes) => {
      if (KEY in changes) this.current = Promise.resolve(readSettings(changes[KEY]!.newValue));
    });
  }

  get(): Promise<Settings> {
    this.current ??= localArea.get(KEY).then((stored) => readSettings(stored[KEY]));
    return this.current;
  }

  /** Validates and stores new settings; throws SettingsError and stores nothing when invalid. */
  async set(next: unknown): Promise<Settings> {
    const settings = validateSettings(next);
    await localArea.set({ [KEY]: settings });
    this.current = Promise.resolve(settings);
    return settings;
  }

  async update(change: (settings: Settings) => Settings): Promise<Settings> {
    return this.set(change(structuredClone(await this.get())));
  }

  async clear(): Promise<void> {
    await localArea.clear();
    this.current = null;
  }
}
