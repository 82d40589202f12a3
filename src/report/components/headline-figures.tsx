import type { Exposure, Reach } from '../aggregate/exposure.js';
import { figureMessage, REACH_FIGURES, type FigureKey, type ReachKey } from '../../store/figures.js';
import { unknownReasonMessage, type UnknownReason } from '../aggregate/unknown-figure.js';
import { Figure } from './figure.js';
import { LawLink } from './law-link.js';
import { format } from './format.js';
import { counted, numbers, t } from './i18n.js';
import { Trend } from './trend.js';
import { NameInSentence, SLOT } from './name-in-sentence.js';

/** What a figure without data shows: "unknown", and its reason where the sentence would be. */
function unknownParts(reason: UnknownReason) {
  return { value: t('unknownValue'), raw: null, unknown: reason, sentence: t(unknownReasonMessage(reason)) };
}

/** A figure's name and why it matters. */
const named = (name: FigureKey) => ({ name, label: t(figureMessage(name, 'Label')), why: t(figureMessage(name, 'Why')) });

function reachFigure(name: ReachKey, reach: Reach) {
  const f = format();
  const shown = reach.unknown
    ? unknownParts(reach.unknown)
    : { value: f.share(reach.share), raw: reach.share, sentence: t(figureMessage(name, 'Sentence'), f.number(reach.visits)) };
  return { ...named(name), ...shown };
}

/** The headline figures of a period (docs/report-figures.md), each with what it counts and why it matters, and the trend. */
export function HeadlineFigures({ exposure }: { exposure: Exposure }) {
  const f = format();
  const top = exposure.topObserver;
  const reaches = REACH_FIGURES.map((figure) => ({
    ...reachFigure(figure.key, exposure[figure.key]),
    law: figure.law,
    undetermined: exposure[figure.key].undetermined ?? 0,
  }));
  const first = exposure.trend.points[0];
  const unit = exposure.trend.slices.unit;
  return (
    <>
      <p class="muted" data-testid="period-visits" data-count={exposure.visits} data-sites={exposure.sites}>
        {exposure.visits === 0
          ? t('periodEmpty')
          : t('periodVisitsOn', counted('pageVisitCount', exposure.visits), counted('siteCount', exposure.sites))}
      </p>
      {top && (
        <p class="headline" data-testid="top-observer" data-company={top.name} data-value={top.siteShare}>
          <NameInSentence sentence={t('topObserverSentence', SLOT, f.share(top.siteShare))} name={top.name} />
        </p>
      )}
      <ul class="figures">
        {reaches.map(({ law, undetermined, ...figure }) => (
          <Figure key={figure.name} {...figure}>
            {law && <LawLink frame={law} />}
            {/* A reach known from where servers answered says how many visits it may miss: answers whose place nothing but a registry tells. */}
            {undetermined > 0 && (
              <small class="muted" data-testid="figure-undetermined" data-count={undetermined}>
                {counted(`${figure.name}Undetermined`, undetermined)}
              </small>
            )}
          </Figure>
        ))}
        <Figure
          {...named('observersPerPage')}
          {...(exposure.observersPerPage === null
            ? unknownParts('no-page-visits')
            : {
                raw: exposure.observersPerPage,
                value: f.number(exposure.observersPerPage),
                sentence: t(numbers().messageName(figureMessage('observersPerPage', 'Sentence'), exposure.observersPerPage)),
              })}
        />
        <Figure
          {...named('clearText')}
          {...(exposure.clearText.unknown
            ? unknownParts(exposure.clearText.unknown)
            : {
                raw: exposure.clearText.share,
                value: f.share(exposure.clearText.share),
                sentence: t(
                  figureMessage('clearText', 'Sentence'),
                  f.number(exposure.clearText.clear),
                  f.number(exposure.clearText.requests),
                ),
              })}
        />
      </ul>
      <h3>{t('trendHeading')}</h3>
      <Trend
        points={exposure.trend.points}
        unit={unit}
        label={t(
          unit === 'hour' ? 'trendLabelHours' : unit === 'week' ? 'trendLabelWeeks' : 'trendLabelDays',
          first ? f.date(first.start) : '',
        )}
      />
    </>
  );
}
