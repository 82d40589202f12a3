import { render } from 'preact';
import { message, uiLanguage } from '../../shared/browser.js';
import { openDb } from '../../store/db.js';
import { useLiveQuery } from '../use-live-query.js';
import { AboutSources } from '../components/about-sources.js';

function ReportPage() {
  const db = openDb();
  const count = useLiveQuery(() => db.requests.count(), []);
  const formatted = count === undefined ? '…' : new Intl.NumberFormat(uiLanguage()).format(count);
  return (
    <main>
      <h1>{message('reportTitle')}</h1>
      <p data-testid="request-count" data-count={count ?? ''}>
        {message('requestsRecorded', formatted)}
      </p>
      <section aria-labelledby="about">
        <h2 id="about">{message('aboutHeading')}</h2>
        <p>{message('aboutWhat')}</p>
      </section>
      <AboutSources />
    </main>
  );
}

document.title = message('reportTitle');
const root = document.getElementById('app');
if (root) render(<ReportPage />, root);
