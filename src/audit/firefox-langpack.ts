import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * An empty language pack that makes `language` one of Firefox's available locales, so that
 * `intl.locale.requested` can select it: a Firefox build that ships only English (Debian's
 * ESR without its l10n package) otherwise keeps speaking English to the extension
 * (`i18n.getUILanguage`, `_locales`) and to `Intl`, whatever is requested. The pack holds no
 * translation of Firefox's own interface, which a headless run never shows.
 *
 * A language pack is bound to one Firefox major version, so it is made for the running one.
 */
export async function makeLanguagePack(language: string, firefoxVersion: string): Promise<{ dir: string; remove(): Promise<void> }> {
  const major = /(\d+)\./.exec(firefoxVersion)?.[1];
  if (!major) throw new Error(`cannot read a Firefox version in "${firefoxVersion}"`);
  if (!/^[a-z]{2,3}(-[A-Z]{2})?$/.test(language)) throw new Error(`"${language}" is not a language code such as "fr" or "pt-BR"`);
  const dir = await mkdtemp(path.join(tmpdir(), `upstream-langpack-${language}-`));
  const manifest = {
    manifest_version: 2,
    name: `Language pack: ${language}`,
    version: `${major}.0`,
    langpack_id: language,
    browser_specific_settings: {
      gecko: { id: `langpack-${language}@upstream.test`, strict_min_version: `${major}.0`, strict_max_version: `${major}.*` },
    },
    languages: { [language]: { chrome_resources: {}, version: `${major}.0` } },
    sources: { browser: { base_path: 'browser/' } },
  };
  await writeFile(path.join(dir, 'manifest.json'), JSON.stringify(manifest));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** The preferences that let Firefox load such a pack (unsigned, installed as a temporary add-on) and ask for its language. */
export function languagePrefs(language: string): Record<string, string | boolean> {
  return { 'intl.locale.requested': language, 'extensions.langpacks.signatures.required': false };
}
