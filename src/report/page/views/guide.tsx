import { t } from '../../components/i18n.js';
import { figureMessage } from '../../../store/figures.js';
import { ROOM_FIGURES } from '../../workshop/room-report.js';
import { figureLabel } from './room-tables.js';

/**
 * The facilitator's guide, shipped in the extension in every language it speaks: how
 * participants take part, what each figure means (the very explanations the popup and the
 * report give, read from the same messages), and what a summary holds.
 */
export function GuideView({ roomHref }: { roomHref: string }) {
  return (
    <article aria-labelledby="guide-heading" data-testid="guide" class="guide">
      <h2 id="guide-heading">{t('guideTitle')}</h2>
      <p>{t('guideIntro')}</p>
      <h3>{t('guideBeforeHeading')}</h3>
      <p>{t('guideBefore')}</p>
      <h3>{t('guideParticipantsHeading')}</h3>
      <ol class="guide-steps">
        <li>{t('guideStep1')}</li>
        <li>{t('guideStep2')}</li>
        <li>{t('guideStep3')}</li>
      </ol>
      <h3>{t('guideContainsHeading')}</h3>
      <p>{t('exportSummaryWhat')}</p>
      <p>{t('guideNotContains')}</p>
      <h3>{t('guideRoomHeading')}</h3>
      <ol class="guide-steps">
        <li>{t('guideRoom1')}</li>
        <li>
          {t('guideRoom2')} {t('roomDuplicatesHow')}
        </li>
        <li>{t('guideRoom3')}</li>
      </ol>
      <h3>{t('guideFiguresHeading')}</h3>
      <p>{t('guideFiguresWhat')}</p>
      <dl class="guide-figures">
        {ROOM_FIGURES.map((figure) => (
          <div key={figure} data-guide-figure={figure}>
            <dt>{figureLabel(figure)}</dt>
            <dd>{t(figureMessage(figure, 'Why'))}</dd>
          </div>
        ))}
      </dl>
      <h3>{t('guideAveragesHeading')}</h3>
      <p>{t('guideAverages')}</p>
      <h3>{t('guideCareHeading')}</h3>
      <p>{t('guideCare')}</p>
      <p>
        <a href={roomHref} data-testid="guide-back">
          {t('guideBack')}
        </a>
      </p>
    </article>
  );
}
