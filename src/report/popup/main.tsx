import { render } from 'preact';
import { uiLanguage } from '../../shared/browser.js';
import { t } from '../components/i18n.js';
import { markWhenComplete } from '../mark-complete.js';
import { openDb } from '../../store/db.js';
import { startPeriodQuery } from './period-query.js';
import { Popup, storedPeriod } from './popup.js';

// Where the popup's own code starts: the part of "opening → complete" spent loading the page is before it.
performance.mark('upstream:popup-script');
// Opening the database takes a good part of the popup's time (bench/popup-render): started
// now, it runs while the first frame renders, instead of after it when the sections' effects
// ask for their data. Its errors reach those sections, which say so; none is lost here.
openDb().open().catch(() => undefined);
startPeriodQuery(storedPeriod());
document.documentElement.lang = uiLanguage();
document.title = t('extensionName');
const root = document.getElementById('app');
if (root) {
  markWhenComplete(root, 'upstream:popup-complete');
  render(<Popup />, root);
}
