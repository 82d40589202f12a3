import { format } from './format.js';
import { t } from './i18n.js';

/** A hosting operator (classify/hosting.ts): the company operating the network of a server, and its jurisdiction. */
interface Operator {
  operator: string;
  jurisdiction: string | null;
}

/** "Amazon (law: United States), OVHcloud (law: France)": every operator with its law written out. */
function operatorsInWords(hosting: readonly Operator[]): string {
  const f = format();
  return hosting.map((h) => `${h.operator} ${h.jurisdiction ? t('underLawOf', f.country(h.jurisdiction)) : t('lawUnknown')}`).join(', ');
}

/** The operators as data attributes, "Amazon:US OVHcloud:": what tests read, whatever the language. */
const operatorsData = (hosting: readonly Operator[]): string => hosting.map((h) => `${h.operator}:${h.jurisdiction ?? ''}`).join(' ');

/**
 * Who hosted an organisation, after its name: the operators of the servers that answered its
 * requests, most requests first, with the law each answers to. An owner's law and its host's
 * can differ (a European service on a US cloud), and a host's law reaches what its servers
 * hold. Nothing is shown when no operator is known: an unknown host is not a claim.
 */
export function HostedBy({ hosting }: { hosting: readonly Operator[] }) {
  if (hosting.length === 0) return null;
  return (
    <span class="hosted-by muted" data-testid="hosted-by" data-operators={operatorsData(hosting)}>
      {t('hostedBy', operatorsInWords(hosting))}
    </span>
  );
}

/**
 * The same in a popup chip, for screen readers only: the popup names the operators once,
 * under the organisations (popup/page-hosts.tsx), where a crowded page has the room.
 */
export function HostedBySpoken({ hosting }: { hosting: readonly Operator[] }) {
  if (hosting.length === 0) return null;
  return (
    <span class="visually-hidden" data-operators={operatorsData(hosting)}>
      {' '}
      {t('hostedBy', operatorsInWords(hosting))}
    </span>
  );
}
