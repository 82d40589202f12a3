import type { HostFacts } from '../../../src/store/visit-facts.js';

/** A host's verdict for aggregation specs: its domain is its last two labels, nothing is known beyond what `extra` says. */
export const ownedHost = (name: string, company: string | null, extra: Partial<HostFacts> = {}): HostFacts => ({
  name,
  domain: name.split('.').slice(-2).join('.'),
  company,
  parent: null,
  jurisdiction: null,
  prism: false,
  tracker: null,
  ...extra,
});
