import { render } from 'preact';
import { uiLanguage } from '../../shared/browser.js';
import { format } from '../components/format.js';
import { t } from '../components/i18n.js';
import { markWhenComplete } from '../mark-complete.js';
import { openDb } from '../../store/db.js';
import { startPeriodQuery } from './period-query.js';
import { Popup, storedPeriod } from './popup.js';

// Where the popup's own code starts: the part of "opening → complete" spent loading the page is before it.
performance.mark('upstream:popup-script');
// The popup's time with a large history goes to opening the database and reading the
// period's rows (bench/popup-render). Both start now. The first render waits for the open
// (its errors reach the sections, which say so): rendered at once, it held the main thread
// while the open came back, and the read could only be asked for after it. Rendered in the
// task after, it runs while the rows are on their way. An open that hangs (blocked by an
// upgrade elsewhere) must not leave the popup blank: it renders after OPEN_WAIT_MS anyway.
const OPEN_WAIT_MS = 250;
const opened = Promise.race([
  openDb()
    .open()
    .catch(() => undefined),
  new Promise((resolve) => setTimeout(resolve, OPEN_WAIT_MS)),
]);
startPeriodQuery(storedPeriod());
// The Intl formatters (numbers, shares, country names) take a few ms to set up: done now,
// while the database opens, not when the figures arrive and wait for them.
format();
document.documentElement.lang = uiLanguage();
document.title = t('extensionName');
const root = document.getElementById('app');
if (root) {
  markWhenComplete(root, 'upstream:popup-complete');
  void opened.then(() => setTimeout(() => render(<Popup />, root)));
}
