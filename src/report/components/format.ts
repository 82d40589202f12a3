/** The report's and the popup's formatter (locale-format.ts) in the browser's interface language. */
import { uiLanguage } from '../../shared/browser.js';
import { localeFormat, type Format } from './locale-format.js';

let shared: Format | null = null;

/** The formatter for the browser's interface language. */
export function format(): Format {
  shared ??= localeFormat(uiLanguage());
  return shared;
}
