import { render } from 'preact';
import { uiLanguage } from '../../shared/browser.js';
import { t } from '../components/i18n.js';
import { markWhenComplete } from '../mark-complete.js';
import { ReportApp } from './report-app.js';

// Where the report's own code starts: the part of "opening → complete" spent loading the page is before it.
performance.mark('upstream:report-script');
document.documentElement.lang = uiLanguage();
document.title = t('reportTitle');
const root = document.getElementById('app');
if (root) {
  markWhenComplete(root, 'upstream:report-complete');
  render(<ReportApp />, root);
}
