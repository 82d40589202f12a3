/**
 * The hosting operator of a server address: the network (AS) announcing it and, when the
 * network → operator table knows it, the company operating that network with the company's
 * jurisdiction. Whatever company a request is addressed to, its operator holds what reaches
 * the server, and the law of the operator's country can compel it to hand that over (the
 * CLOUD Act reaches a US provider's data wherever its servers stand). Pure, like the rest of
 * classify/: the tables come in with the knowledge.
 *
 * The worker has only hosting.bin (the networks that map to a company), so it knows the
 * operators and nothing of the other networks; the CLI also has ip-asn.bin and gives the
 * other networks by their number and name, with no company.
 */
import type { Hosting } from './classification.js';
import { lookupNetwork, nameOf, networkAsn, networkLabel, type HostingTables } from './ip-lookup.js';
import type { Knowledge } from './knowledge.js';
import type { OwnerTables } from './owner-tables.js';

export type { Hosting } from './classification.js';

const NO_COMPANY = 0xffff;

/** Made once per network and shared, frozen: a worker meets a few dozen operators. */
const operators = new WeakMap<HostingTables, Map<number, Hosting>>();

function operatorOf(hosting: HostingTables, owners: OwnerTables, label: number): Hosting {
  let made = operators.get(hosting);
  if (made === undefined) operators.set(hosting, (made = new Map()));
  let found = made.get(label);
  if (found === undefined) {
    const company = hosting.company0[label]! | (hosting.company1[label]! << 8);
    const known = company !== NO_COMPANY && company < owners.companyParent.length;
    found = Object.freeze({
      asn: networkAsn(hosting, label),
      network: nameOf(hosting, label),
      company: known ? owners.companyName(company) : null,
      jurisdiction: known ? owners.companyJurisdiction(company) : null,
    });
    made.set(label, found);
  }
  return found;
}

/**
 * The hosting operator of `ip`, or null when the knowledge places it in no network (not a
 * public address, no IP tables yet, or, in the worker, a network that maps to no company).
 */
export function hostingOf(knowledge: Knowledge, ip: string): Hosting | null {
  const { hosting, network } = knowledge;
  if (hosting !== null) {
    const label = networkLabel(hosting, ip);
    if (label !== 0) return operatorOf(hosting, knowledge.owners, label);
  }
  if (network === null) return null;
  const found = lookupNetwork(network, ip);
  return found === null ? null : Object.freeze({ asn: found.asn, network: found.name, company: null, jurisdiction: null });
}
