import { useEffect, useState } from 'preact/hooks';
import { message } from '../../shared/browser.js';
import { readProvenance, type ProvenanceSource } from '../provenance.js';

/** The licence texts carry their links as plain https URLs: show them as links, nothing else as markup. */
function Linked({ text }: { text: string }) {
  const parts = text.split(/(https:\/\/[^\s),;]+)/g);
  return (
    <>
      {parts.map((part, i) =>
        part.startsWith('https://') ? (
          <a key={i} href={part} target="_blank" rel="noopener noreferrer">
            {part}
          </a>
        ) : (
          part
        ),
      )}
    </>
  );
}

/**
 * Where the knowledge comes from, with versions, dates and licences, read from the
 * provenance record compiled into this build. The credits the data licences ask for
 * (Ghostery TrackerDB, NRO, DB-IP's link wherever network names are shown) are here.
 */
export function AboutSources() {
  const [sources, setSources] = useState<ProvenanceSource[] | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    readProvenance()
      .then(setSources)
      .catch(() => setFailed(true));
  }, []);
  return (
    <section aria-labelledby="about-sources">
      <h2 id="about-sources">{message('aboutSourcesHeading')}</h2>
      <p>{message('aboutSourcesIntro')}</p>
      {failed && <p role="alert">{message('aboutSourcesMissing')}</p>}
      {sources && (
        <ul data-testid="sources">
          {sources.map((s) => (
            <li key={s.package + s.source}>
              <strong>{s.source}</strong>
              <br />
              <code>
                {s.package} {s.version}
              </code>
              {s.dataDate && ` · ${message('aboutDataDate', s.dataDate)}`}
              <br />
              <Linked text={s.licence} />
            </li>
          ))}
        </ul>
      )}
      <p>
        {message('aboutNetworkNames')}{' '}
        <a href="https://db-ip.com" target="_blank" rel="noopener noreferrer">
          IP Geolocation by DB-IP
        </a>
      </p>
    </section>
  );
}
