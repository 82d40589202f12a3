import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Exposure, Reach } from '../aggregate/exposure.js';
import { figureMessage, REACH_FIGURES, type FigureKey, type ReachKey } from '../../store/figures.js';
import { unknownReasonMessage, type UnknownReason } from '../aggregate/unknown-figure.js';
import { OwnerBadges } from '../components/badges.js';
import { format } from '../components/format.js';
import { numbers, t } from '../components/i18n.js';

const TOP = 5;

interface Tile {
  name: string;
  /** the figure as a tile shows it: a number, a share or "unknown" */
  value: string;
  /** a figure of docs/report-figures.md: its raw value (null when unknown) for tests */
  figure?: { raw: number | null; unknown: UnknownReason | null };
  /** what opens under the tile */
  explanation: ComponentChildren;
}

/**
 * A figure's explanation: its label and what it counts (or why it is unknown), then why it
 * matters. The registry's sentences follow the value ("75 % | of your page visits…").
 */
function explained(name: FigureKey, sentence: string) {
  return (
    <>
      <p class="figure-text">
        <strong>{t(figureMessage(name, 'Label'))}</strong> {sentence}
      </p>
      <p class="figure-why">{t(figureMessage(name, 'Why'))}</p>
    </>
  );
}

function reachTile(name: ReachKey, reach: Reach): Tile {
  const n = numbers();
  if (reach.unknown)
    return {
      name,
      value: t('unknownValue'),
      figure: { raw: null, unknown: reach.unknown },
      explanation: explained(name, t(unknownReasonMessage(reach.unknown))),
    };
  return {
    name,
    value: n.share(reach.share ?? 0),
    figure: { raw: reach.share, unknown: null },
    explanation: explained(name, `${n.share(reach.share ?? 0)} ${t(figureMessage(name, 'Sentence'), n.number(reach.visits))}`),
  };
}

function periodTiles(exposure: Exposure): Tile[] {
  const n = numbers();
  const f = format();
  const perPage = exposure.observersPerPage;
  const clear = exposure.clearText;
  return [
    ...REACH_FIGURES.map((figure) => reachTile(figure.key, exposure[figure.key])),
    perPage === null
      ? {
          name: 'observersPerPage',
          value: t('unknownValue'),
          figure: { raw: null, unknown: 'no-page-visits' },
          explanation: explained('observersPerPage', t(unknownReasonMessage('no-page-visits'))),
        }
      : {
          name: 'observersPerPage',
          value: n.number(perPage),
          figure: { raw: perPage, unknown: null },
          explanation: explained(
            'observersPerPage',
            `${n.number(perPage)} ${t(n.messageName(figureMessage('observersPerPage', 'Sentence'), perPage))}`,
          ),
        },
    clear.unknown
      ? {
          name: 'clearText',
          value: t('unknownValue'),
          figure: { raw: null, unknown: clear.unknown },
          explanation: explained('clearText', t(unknownReasonMessage(clear.unknown))),
        }
      : {
          name: 'clearText',
          value: n.share(clear.share ?? 0),
          figure: { raw: clear.share, unknown: null },
          explanation: explained(
            'clearText',
            `${n.share(clear.share ?? 0)} ${t(figureMessage('clearText', 'Sentence'), n.number(clear.clear), n.number(clear.requests))}`,
          ),
        },
    {
      name: 'companies',
      value: n.number(exposure.observers.length),
      explanation: (
        <ol class="companies" data-testid="top-companies" aria-label={t('topCompanies')}>
          {exposure.observers.slice(0, TOP).map((o) => (
            <li key={o.key} data-company={o.name} data-sites={o.sites}>
              <span class="company-name">{o.known ? <bdi>{o.name}</bdi> : t('unknownOwner', o.name)}</span>{' '}
              <OwnerBadges jurisdiction={o.jurisdiction} prism={o.prism} />
              <span class="muted count"> {t('sitesShare', n.share(o.siteShare))}</span>
            </li>
          ))}
        </ol>
      ),
    },
    {
      name: 'countries',
      value: n.number(exposure.countries.length),
      explanation:
        exposure.countries.length === 0 ? (
          <p class="figure-text">{t('noServerCountries')}</p>
        ) : (
          <ol class="countries" data-testid="top-countries" aria-label={t('topCountries')}>
            {exposure.countries.slice(0, TOP).map((c) => (
              <li key={c.country} data-country={c.country} data-count={c.visits}>
                <span class="country-name">{f.country(c.country)}</span> <span class="muted">{t('visitsShare', n.share(c.share))}</span>
              </li>
            ))}
          </ol>
        ),
    },
  ];
}

/**
 * The period's figures as a grid of small tiles; a tile is a button that opens its
 * explanation (one at a time; Escape or the tile again closes it) over the part of the popup
 * above the tiles. The popup stays short and everything it says is one press away.
 */
export function PeriodTiles({ exposure }: { exposure: Exposure }) {
  const [open, setOpen] = useState<string | null>(null);
  const tiles = useRef<HTMLDivElement>(null);
  // The explanation may not reach above the popup's top edge (nothing there can be scrolled
  // to): it gets the room above the tiles, and scrolls inside if it needs more.
  useLayoutEffect(() => {
    const panel = open ? tiles.current?.querySelector<HTMLElement>(`#explain-${open}`) : null;
    if (panel && tiles.current)
      panel.style.maxHeight = `${Math.max(80, tiles.current.getBoundingClientRect().top + window.scrollY - 10)}px`;
  }, [open]);
  const close = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && open) {
      event.stopPropagation();
      setOpen(null);
    }
  };
  return (
    <div class="tiles" ref={tiles} onKeyDown={close}>
      {periodTiles(exposure).map((tile) => {
        const panel = `explain-${tile.name}`;
        const expanded = open === tile.name;
        return (
          <div
            key={tile.name}
            class={tile.figure ? (tile.figure.unknown ? 'figure figure-unknown' : 'figure') : 'figure tile-count'}
            data-tile={tile.name}
            data-figure={tile.figure ? tile.name : undefined}
            data-value={tile.figure ? (tile.figure.raw ?? '') : undefined}
            data-unknown={tile.figure?.unknown ?? undefined}
          >
            <button
              type="button"
              class="tile"
              aria-expanded={expanded}
              aria-controls={panel}
              onClick={() => setOpen(expanded ? null : tile.name)}
            >
              <span class="figure-value">{tile.value}</span>
              <span class="tile-label">{t(`tile_${tile.name}`)}</span>
            </button>
            <div id={panel} class="figure-explainer" hidden={!expanded}>
              {tile.explanation}
            </div>
          </div>
        );
      })}
    </div>
  );
}
