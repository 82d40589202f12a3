import { format } from './format.js';
import { counted, t } from './i18n.js';

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
 * The same in a popup chip: the main operator's name and its law's country code, the others
 * counted ("+1"); in full for screen readers and in its title.
 */
export function HostedByShort({ hosting }: { hosting: readonly Operator[] }) {
  const main = hosting[0];
  if (!main) return null;
  const full = t('hostedBy', operatorsInWords(hosting));
  return (
    <>
      <span class="hosting" aria-hidden="true" title={full} data-operators={operatorsData(hosting)}>
        {t('hostedOnShort', main.operator)} <span class="law">{main.jurisdiction ?? '?'}</span>
        {hosting.length > 1 && <span class="count"> {counted('hostedMore', hosting.length - 1)}</span>}
      </span>
      <span class="visually-hidden"> {full}</span>
    </>
  );
}
