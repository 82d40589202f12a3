import type { Comparison, CompanyOnOneSide, FigureChange } from '../../aggregate/compare.js';
import { unknownReasonMessage } from '../../aggregate/unknown-figure.js';
import { OwnerBadges } from '../../components/badges.js';
import { format } from '../../components/format.js';
import { counted, t } from '../../components/i18n.js';
import { figureMessage } from '../../../store/figures.js';

/** A difference in words and signs, never a sign or a colour alone: "+5 points (up)", "−1 organisation (down)", "no change". */
function changeText(change: number, unit: 'comparePoints' | 'compareObservers'): string {
  // Shares change in percentage points; the median of observers in organisations, to one decimal as it is shown.
  const size = Math.round(Math.abs(change) * (unit === 'comparePoints' ? 1000 : 10)) / 10;
  if (size === 0) return t('compareSame');
  return t(change > 0 ? 'compareUp' : 'compareDown', counted(unit, size));
}

function figureValue(figure: FigureChange, value: number | null): string {
  const f = format();
  if (value === null) return t('unknownValue');
  return figure.share ? f.share(value) : f.number(value);
}

/** The change, or which side is unknown (its reason is said once under the table). */
function figureChange(figure: FigureChange): string {
  if (figure.change !== null) return changeText(figure.change, figure.share ? 'comparePoints' : 'compareObservers');
  if (figure.unknownA && figure.unknownB) return t('compareUnknownBoth');
  return t('compareUnknownSide', figure.unknownA ? 'A' : 'B');
}

/** Why figures are unknown, each side and reason once: "Side A: No page visit in this period." */
function unknownNotes(figures: FigureChange[]): { id: string; text: string }[] {
  const notes = new Map<string, string>();
  for (const figure of figures)
    for (const [side, reason] of [['A', figure.unknownA] as const, ['B', figure.unknownB] as const])
      if (reason) notes.set(`${side}:${reason}`, t('compareUnknownNote', t(`compareSide${side}`), t(unknownReasonMessage(reason))));
  return [...notes].map(([id, text]) => ({ id, text }));
}

function CompanyName({ company }: { company: CompanyOnOneSide | Comparison['both'][number] }) {
  return (
    <>
      <bdi>{company.known ? company.name : t('unknownOwner', company.name)}</bdi>{' '}
      <OwnerBadges jurisdiction={company.jurisdiction} prism={company.prism} />
    </>
  );
}

function OneSide({ side, companies }: { side: 'A' | 'B'; companies: CompanyOnOneSide[] }) {
  const f = format();
  return (
    <>
      <h4 id={`compare-only-${side}`}>{t(`compareOnly${side}`)}</h4>
      {companies.length === 0 ? (
        <p class="muted" data-testid={`compare-only-${side}-none`}>
          {t('compareNone')}
        </p>
      ) : (
        <ul class="companies" data-testid={`compare-only-${side}`} aria-labelledby={`compare-only-${side}`}>
          {companies.map((c) => (
            <li key={c.key} data-company={c.key} data-share={c.share}>
              <CompanyName company={c} /> <span class="muted">{t('compareShareOfVisits', f.share(c.share))}</span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** What differs between side A and side B: every headline figure, then the companies. */
export function CompareResult({ comparison, sideA, sideB }: { comparison: Comparison; sideA: string; sideB: string }) {
  const f = format();
  const c = comparison;
  const summary = (side: 'A' | 'B', name: string) =>
    t(
      'compareSideVisits',
      t(`compareSide${side}`),
      name,
      counted('pageVisitCount', c.visits[side === 'A' ? 'a' : 'b']),
      counted('siteCount', c.sites[side === 'A' ? 'a' : 'b']),
    );
  return (
    <section aria-labelledby="compare-result-heading" data-testid="compare-result" class="compare-result">
      <h3 id="compare-result-heading">{t('compareResultHeading')}</h3>
      <ul class="compare-sides">
        <li data-testid="compare-side-a" data-visits={c.visits.a}>
          {summary('A', sideA)}
        </li>
        <li data-testid="compare-side-b" data-visits={c.visits.b}>
          {summary('B', sideB)}
        </li>
      </ul>
      {/* Focusable: on a narrow screen the table scrolls in this box, and the keyboard must reach it. */}
      <div class="compare-scroll" tabIndex={0} role="region" aria-labelledby="compare-figures-caption" data-testid="compare-figures-box">
        <table class="data" data-testid="compare-figures">
          <caption id="compare-figures-caption">{t('compareFiguresCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('compareColFigure')}</th>
              <th scope="col" class="num">
                {t('compareSideA')}
              </th>
              <th scope="col" class="num">
                {t('compareSideB')}
              </th>
              <th scope="col">{t('compareColChange')}</th>
            </tr>
          </thead>
          <tbody>
            {c.figures.map((figure) => (
              <tr
                key={figure.key}
                data-figure={figure.key}
                data-a={figure.a ?? ''}
                data-b={figure.b ?? ''}
                data-change={figure.change ?? ''}
                data-unknown={figure.unknownA ?? figure.unknownB ?? undefined}
              >
                <th scope="row">{t(figureMessage(figure.key, 'tile'))}</th>
                <td class="num">{figureValue(figure, figure.a)}</td>
                <td class="num">{figureValue(figure, figure.b)}</td>
                <td data-column="change">{figureChange(figure)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {unknownNotes(c.figures).map((note) => (
        <p key={note.id} class="muted" data-unknown-note={note.id}>
          {note.text}
        </p>
      ))}
      <h3>{t('compareCompaniesHeading')}</h3>
      <OneSide side="A" companies={c.onlyA} />
      <OneSide side="B" companies={c.onlyB} />
      <h4 id="compare-both">{t('compareBoth')}</h4>
      {c.both.length === 0 ? (
        <p class="muted">{t('compareNone')}</p>
      ) : (
        <div class="compare-scroll" tabIndex={0} role="region" aria-labelledby="compare-both">
          <table class="data" data-testid="compare-both">
            <thead>
              <tr>
                <th scope="col">{t('colCompany')}</th>
                <th scope="col" class="num">
                  {t('compareSideA')}
                </th>
                <th scope="col" class="num">
                  {t('compareSideB')}
                </th>
                <th scope="col">{t('compareColChange')}</th>
              </tr>
            </thead>
            <tbody>
              {c.both.map((company) => (
                <tr key={company.key} data-company={company.key} data-change={company.change}>
                  <th scope="row">
                    <CompanyName company={company} />
                  </th>
                  <td class="num">{f.share(company.a)}</td>
                  <td class="num">{f.share(company.b)}</td>
                  <td>{changeText(company.change, 'comparePoints')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
