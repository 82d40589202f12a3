import { extensionVersion } from '../../shared/browser.js';
import { t } from './i18n.js';

/**
 * The version this build carries (from its manifest: the one package.json, manifest.json and
 * the exports agree on), and the licences of the code bundled into it: THIRD-PARTY-NOTICES.txt
 * is written by the build beside the scripts (src/release/third-party-notices.ts).
 */
export function AboutVersion() {
  return (
    <p data-testid="about-version">
      {t('aboutVersion', extensionVersion())}
      {' · '}
      <a href="THIRD-PARTY-NOTICES.txt" target="_blank" rel="noopener noreferrer" data-testid="notices-link">
        {t('aboutNotices')}
      </a>
    </p>
  );
}
