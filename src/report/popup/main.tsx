import { render } from 'preact';
import { message, extensionUrl, uiLanguage } from '../../shared/browser.js';
import { openDb } from '../../store/db.js';
import { useLiveQuery } from '../use-live-query.js';

function Popup() {
  const db = openDb();
  const count = useLiveQuery(() => db.requests.count(), []);
  const formatted = count === undefined ? '…' : new Intl.NumberFormat(uiLanguage()).format(count);
  return (
    <main>
      <h1>{message('popupHeading')}</h1>
      <p data-testid="request-count" data-count={count ?? ''}>
        {message('requestsRecorded', formatted)}
      </p>
      <a href={extensionUrl('report.html')} target="_blank" rel="noopener">
        {message('openReport')}
      </a>
    </main>
  );
}

const root = document.getElementById('app');
if (root) render(<Popup />, root);
