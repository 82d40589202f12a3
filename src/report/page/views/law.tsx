import { useEffect } from 'preact/hooks';
import { citationsOf, frameGroupMessage, FRAMES, lawMessage, type FrameKey } from '../../legal-frames.js';
import { format } from '../../components/format.js';
import { t } from '../../components/i18n.js';

/** A frame's name: its group's, or its country's in the reader's language. */
export function frameName(key: FrameKey): string {
  const message = frameGroupMessage(key);
  return message ? t(message) : format().country(key);
}

/** The law behind the figures: each frame's text and the laws and judgments it cites; `item` is the frame the reader came for. */
export function LawView({ item }: { item?: string }) {
  useEffect(() => {
    if (item) document.getElementById(`law-${item}`)?.scrollIntoView();
  }, [item]);
  return (
    <section aria-labelledby="law-heading" data-testid="law">
      <h2 id="law-heading">{t('viewLaw')}</h2>
      <p class="muted">{t('lawIntro')}</p>
      {FRAMES.map((key) => (
        <section key={key} id={`law-${key}`} data-frame={key} aria-labelledby={`law-${key}-heading`} tabIndex={-1}>
          <h3 id={`law-${key}-heading`} aria-current={key === item ? 'true' : undefined}>
            {frameName(key)}
          </h3>
          <p>{t(lawMessage(key))}</p>
          <h4>{t('lawSources')}</h4>
          <ul>
            {citationsOf(key).map((citation) => (
              <li key={citation.url}>
                <a href={citation.url} target="_blank" rel="noreferrer noopener">
                  {citation.title}
                </a>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </section>
  );
}
