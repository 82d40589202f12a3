import type { ComponentChildren } from 'preact';
import { OwnerBadges } from '../../components/badges.js';
import { format } from '../../components/format.js';
import { counted, t } from '../../components/i18n.js';
import { unknownReasonMessage } from '../../aggregate/unknown-figure.js';
import type { OwnRecord } from '../../workshop/room-compare.js';
import { figureMessage, isShareFigure } from '../../../store/figures.js';
import {
  roomFigureUnknown,
  ROOM_FIGURES,
  type RoomCompany,
  type RoomCountry,
  type RoomFigure,
  type RoomReport,
} from '../../workshop/room-report.js';

/** The raw number behind a cell, for tests and tools: "" when there is none. */
const raw = (value: number | null | undefined): string => (value === null || value === undefined ? '' : String(value));

/** The figure's name, as the popup's tile gives it. */
export const figureLabel = (figure: RoomFigure): string => t(figureMessage(figure, 'tile'));

function shown(figure: RoomFigure, value: number | null): string {
  if (value === null) return t('unknownValue');
  const f = format();
  return isShareFigure(figure) ? f.share(value) : f.number(Math.round(value * 10) / 10);
}

/** A table that scrolls sideways on a narrow screen, reachable by keyboard, named by its caption. */
function Table({
  id,
  caption,
  heads,
  children,
  testId,
}: {
  id: string;
  caption: string;
  heads: [string, boolean][];
  children: ComponentChildren;
  testId: string;
}) {
  return (
    <div class="room-scroll" tabIndex={0} role="region" aria-labelledby={`${id}-caption`}>
      <table class="data" data-testid={testId}>
        <caption id={`${id}-caption`}>{caption}</caption>
        <thead>
          <tr>
            {heads.map(([text, numeric]) => (
              <th key={text} scope="col" class={numeric ? 'num' : undefined}>
                {text}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

const none = (columns: number) => (
  <tr>
    <td colSpan={columns}>{t('roomNone')}</td>
  </tr>
);

export function RoomFiguresTable({ report, own }: { report: RoomReport; own: OwnRecord | null }) {
  const withVisits = report.participantsWithVisits;
  const rows = ROOM_FIGURES.map((key) => {
    const figure = report.figures[key];
    // With page visits in the room but nobody's value, the figure is unknown, not empty.
    const cell = (value: number | null) => (value === null && withVisits === 0 ? '–' : shown(key, value));
    const without = withVisits - figure.participants;
    const ownValue = own ? own.figures[key] : undefined;
    return (
      <tr
        key={key}
        data-room-figure={key}
        data-participants={figure.participants}
        data-mean={raw(figure.mean)}
        data-median={raw(figure.median)}
        data-min={raw(figure.min)}
        data-max={raw(figure.max)}
        data-own={raw(ownValue)}
      >
        <th scope="row">
          {figureLabel(key)}
          {without > 0 && (
            <small class="figure-why">
              {counted('roomUnknownFor', without)} {t(unknownReasonMessage(roomFigureUnknown(key)))}
            </small>
          )}
        </th>
        <td class="num">{cell(figure.mean)}</td>
        <td class="num">{cell(figure.median)}</td>
        <td class="num">{figure.min === null ? cell(null) : `${shown(key, figure.min)} – ${shown(key, figure.max)}`}</td>
        <td class="num">{t('roomWithValue', format().number(figure.participants), format().number(report.participants))}</td>
        <td class="num">{ownValue === undefined ? '–' : shown(key, ownValue)}</td>
      </tr>
    );
  });
  const heads: [string, boolean][] = [
    [t('roomColFigure'), false],
    [t('roomColMean'), true],
    [t('roomColMedian'), true],
    [t('roomColRange'), true],
    [t('roomColWithValue'), true],
    [t('roomColYou'), true],
  ];
  return (
    <Table id="room-figures" testId="room-figures" caption={t('roomFiguresCaption')} heads={heads}>
      {rows}
    </Table>
  );
}

function country(code: string | null) {
  if (code === null) return <span class="muted">–</span>;
  return (
    <>
      {format().country(code)} <span class="muted">{code}</span>
    </>
  );
}

const shareHeads = (): [string, boolean][] => [
  [t('roomColParticipants'), true],
  [t('roomColMeanShare'), true],
  [t('roomColPooledShare'), true],
  [t('roomColYou'), true],
];

function shareCells(
  row: { participants: number; meanShare: number; pooledShare: number | null },
  participants: number,
  own: number | undefined,
) {
  const f = format();
  return (
    <>
      <td class="num">{t('roomWithValue', f.number(row.participants), f.number(participants))}</td>
      <td class="num">{f.share(row.meanShare)}</td>
      <td class="num">{f.share(row.pooledShare)}</td>
      <td class="num">{own === undefined ? '–' : f.share(own)}</td>
    </>
  );
}

export function RoomCompaniesTable({ report, own }: { report: RoomReport; own: OwnRecord | null }) {
  const rows = report.companies.map((c: RoomCompany) => (
    <tr
      key={c.name}
      data-room-company={c.name}
      data-participants={c.participants}
      data-mean={raw(c.meanShare)}
      data-pooled={raw(c.pooledShare)}
      data-site-share={raw(c.meanSiteShare)}
    >
      <th scope="row">
        <bdi class="company-name">{c.name}</bdi> <OwnerBadges jurisdiction={c.jurisdiction} prism={c.prism} />
      </th>
      <td>{country(c.jurisdiction)}</td>
      {shareCells(c, report.participantsWithVisits, own ? (own.companies.get(c.name) ?? 0) : undefined)}
    </tr>
  ));
  return (
    <Table
      id="room-companies"
      testId="room-companies"
      caption={t('roomCompaniesCaption')}
      heads={[[t('roomColCompany'), false], [t('roomColLaw'), false], ...shareHeads()]}
    >
      {rows.length ? rows : none(6)}
    </Table>
  );
}

export function RoomCountriesTable({
  list,
  report,
  own,
}: {
  list: 'jurisdictions' | 'serverCountries';
  report: RoomReport;
  own: OwnRecord | null;
}) {
  const rows = report[list].map((c: RoomCountry) => (
    <tr
      key={c.country}
      data-room-country={c.country}
      data-participants={c.participants}
      data-mean={raw(c.meanShare)}
      data-pooled={raw(c.pooledShare)}
    >
      <th scope="row">{country(c.country)}</th>
      {shareCells(c, report.participantsWithVisits, own ? (own[list].get(c.country) ?? 0) : undefined)}
    </tr>
  ));
  const id = list === 'jurisdictions' ? 'room-jurisdictions' : 'room-server-countries';
  return (
    <Table
      id={id}
      testId={id}
      caption={t(list === 'jurisdictions' ? 'roomJurisdictionsCaption' : 'roomServerCountriesCaption')}
      heads={[[t('roomColCountry'), false], ...shareHeads()]}
    >
      {rows.length ? rows : none(5)}
    </Table>
  );
}
