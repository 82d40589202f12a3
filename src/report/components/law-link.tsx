import { frameOf } from '../legal-frames.js';
import { hashInPeriod } from '../page/use-route.js';
import { frameName } from '../page/views/law.js';
import { t } from './i18n.js';

/** A link to the law a figure or a group rests on (the report's law view), for the period shown; nothing for a frame with no text. */
export function LawLink({ frame }: { frame: string }) {
  const key = frameOf(frame);
  if (!key) return null;
  // The space before it is its own: a group without a frame shows its name alone.
  return (
    <>
      {' '}
      <a class="law-link" href={hashInPeriod('law', key)} data-law={key} aria-label={t('lawLinkFor', frameName(key))}>
        {t('lawLink')}
      </a>
    </>
  );
}
