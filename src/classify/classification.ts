/**
 * What the classifier says about one request. The exact key set and order are a contract:
 * the CLI prints these objects as they are (docs/classify-output.md), and the store and
 * reports read them. Sub-objects (`tracker`, `network`, `hosting`, `sources`) are shared and frozen: never mutate.
 */
import type { AnsweredFrom } from './answered-from.js';
import type { Edge } from './edge-headers.js';
import type { SourceName } from './owners-format.js';

export interface Tracker {
  readonly name: string;
  /** A Ghostery TrackerDB category id: advertising, site_analytics, social_media, hosting, … */
  readonly category: string;
}

export interface Network {
  readonly asn: number;
  readonly name: string;
}

/**
 * Who operates the server's network: the AS and, when Upstream's network → operator table
 * knows it, the company and that company's jurisdiction (classify/hosting.ts).
 */
export interface Hosting {
  readonly asn: number;
  /** The network's name as the data gives it; showing it obliges a link to db-ip.com. */
  readonly network: string;
  /** The company operating the network; null when the table does not map it. */
  readonly company: string | null;
  /** ISO 3166-1 alpha-2 country of that company, else of its nearest owner; null with no company. */
  readonly jurisdiction: string | null;
}

export interface ClassifyRequest {
  url: string;
  /** Server IP literal (`details.ip`); when absent and the host is an IP literal, the host is used. */
  ip?: string | null;
  /** The CDN point of presence the response's headers named (classify/edge-headers.ts). */
  edge?: Edge | null;
  /** URL of the top-level page the request belongs to. */
  page?: string | null;
}

export interface Classification {
  url: string;
  /** Host as the URL has it (IPv6 in brackets); null for URLs that are not network requests (data:, blob:, about:). */
  host: string | null;
  /** Registrable domain (eTLD+1, private suffixes such as github.io counted); the host itself for IP literals and hosts without one. */
  domain: string | null;
  /** The request left the page's site and company; false when there is no page to compare with. */
  thirdParty: boolean;
  tracker: Tracker | null;
  company: string | null;
  /** Top of the company's ownership chain; null when the company has no owner (or is unknown). */
  parent: string | null;
  /** ISO 3166-1 alpha-2 country of the company, else of its nearest owner; null when unknown. */
  jurisdiction: string | null;
  /** The company or one of its owners is a PRISM provider. */
  prism: boolean;
  serverCountry: string | null;
  network: Network | null;
  /** The operator of the server's network; null where `network` is, and in the worker for networks that map to no company. */
  hosting: Hosting | null;
  /**
   * Where it was answered from, with the evidence: the CDN's own header when it named a
   * point of presence the table knows, else the address's registry country (`registry`:
   * not where the server stands); null when neither is known (classify/answered-from.ts).
   */
  location: AnsweredFrom | null;
  /** Sent without encryption: http: or ws:. */
  cleartext: boolean;
  sources: readonly SourceName[];
}

/** Thrown for a string that is not an absolute URL, or a network URL without a valid host. */
export class InvalidUrlError extends Error {
  constructor(readonly input: string) {
    super(`not a valid absolute URL: ${input.length > 200 ? `${input.slice(0, 200)}…` : input}`);
    this.name = 'InvalidUrlError';
  }
}
