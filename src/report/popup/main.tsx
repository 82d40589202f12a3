import { render } from 'preact';
import { uiLanguage } from '../../shared/browser.js';
import { t } from '../components/i18n.js';
import { markWhenComplete } from '../mark-complete.js';
import { Popup } from './popup.js';

// Where the popup's own code starts: the part of "opening → complete" spent loading the page is before it.
performance.mark('upstream:popup-script');
document.documentElement.lang = uiLanguage();
document.title = t('extensionName');
const root = document.getElementById('app');
if (root) {
  markWhenComplete(root, 'upstream:popup-complete');
  render(<Popup />, root);
}
