/**
 * What "tracker reach" counts as tracking (docs/report-figures.md): the one definition
 * every surface reads, the popup, the report, the audit and the workshop alike. The
 * knowledge gives each catalogued host a Ghostery TrackerDB category (third-party-web's
 * are mapped onto them by knowledge/data/categories.json); a host tracks when its category
 * says that collecting data about the visitor is what it is there for. Badges still name
 * every host's category; only the figure is limited to these.
 */
import type { Tracker } from './classification.js';

/**
 * Every category the knowledge uses, decided. true: the category exists to follow people
 * (ads, analytics including session recording, social widgets, software that routes the
 * browser's requests through itself to analyse them). false: a service a page embeds for
 * what it does, whose entries TrackerDB itself describes as players, consent managers,
 * hosting, customer-support widgets or utilities; "misc" is TrackerDB's unclassified
 * bucket, which also takes third-party-web's "content" and "other", so it says nothing
 * about tracking. TrackerDB has no fingerprinting or session-replay category: session
 * recorders (Hotjar, Clarity, FullStory) are site_analytics; fingerprinting libraries
 * sold for fraud prevention (FingerprintJS, BotD) are utilities and so do not count.
 */
export const TRACKING_BY_CATEGORY: Readonly<Record<string, boolean>> = Object.freeze({
  advertising: true,
  pornvertising: true,
  site_analytics: true,
  social_media: true,
  extensions: true,
  audio_video_player: false,
  consent: false,
  customer_interaction: false,
  hosting: false,
  utilities: false,
  misc: false,
});

/** True when a host of this category counts as a tracker; a category nobody decided (a newer knowledge) does not. */
export function isTrackingCategory(category: string): boolean {
  return Object.hasOwn(TRACKING_BY_CATEGORY, category) && TRACKING_BY_CATEGORY[category] === true;
}

/** True when the knowledge says this host tracks: listed, in a tracking category. */
export function tracks(tracker: Pick<Tracker, 'category'> | null | undefined): boolean {
  return tracker != null && isTrackingCategory(tracker.category);
}
