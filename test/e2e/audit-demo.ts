/**
 * What the built-in demo pages are known to load (read off their HTML and the stand-in
 * scripts under src/audit/demo/sites), for the audit tests to hold the reports against.
 */
export interface KnownLoads {
  url: string;
  site: string;
  /** hosts of other organisations the front page loads, its stand-ins' follow-ups included */
  thirdPartyHosts: string[];
  companies: { name: string; jurisdiction: string | null; prism: boolean }[];
}

export const DEMO_KNOWN: KnownLoads[] = [
  {
    url: 'https://www.morning-chronicle.example/',
    site: 'morning-chronicle.example',
    thirdPartyHosts: [
      'c.amazon-adsystem.com',
      'cdn.taboola.com',
      'connect.facebook.net',
      'fonts.googleapis.com',
      'fonts.gstatic.com',
      'i.ytimg.com',
      'platform.twitter.com',
      'sb.scorecardresearch.com',
      'securepubads.g.doubleclick.net',
      'static.chartbeat.com',
      'www.facebook.com',
      'www.google-analytics.com',
      'www.googletagmanager.com',
      'www.youtube.com',
    ],
    companies: [
      { name: 'Amazon', jurisdiction: 'US', prism: false },
      { name: 'Chartbeat', jurisdiction: 'US', prism: false },
      { name: 'Comscore', jurisdiction: 'US', prism: false },
      { name: 'Google', jurisdiction: 'US', prism: true },
      { name: 'Meta', jurisdiction: 'US', prism: true },
      { name: 'Taboola', jurisdiction: 'IL', prism: false },
      { name: 'X Corp.', jurisdiction: 'US', prism: false },
    ],
  },
  {
    url: 'https://www.nordic-outfitters.example/',
    site: 'nordic-outfitters.example',
    thirdPartyHosts: [
      'analytics.tiktok.com',
      'bat.bing.com',
      'cdn.cookielaw.org',
      'cdnjs.cloudflare.com',
      'connect.facebook.net',
      'script.hotjar.com',
      'static.criteo.net',
      'static.hotjar.com',
      'static.klaviyo.com',
      'www.clarity.ms',
      'www.facebook.com',
      'www.google-analytics.com',
      'www.googletagmanager.com',
    ],
    companies: [
      { name: 'Cloudflare', jurisdiction: 'US', prism: false },
      { name: 'Criteo', jurisdiction: 'FR', prism: false },
      { name: 'Google', jurisdiction: 'US', prism: true },
      { name: 'Hotjar', jurisdiction: 'MT', prism: false },
      { name: 'Klaviyo', jurisdiction: 'US', prism: false },
      { name: 'Meta', jurisdiction: 'US', prism: true },
      { name: 'Microsoft', jurisdiction: 'US', prism: true },
      { name: 'OneTrust', jurisdiction: 'US', prism: false },
      // TikTok is run by the ByteDance group from China; its Irish EEA contractor does not decide (docs/knowledge-owners.md).
      { name: 'TikTok', jurisdiction: 'CN', prism: false },
    ],
  },
  {
    url: 'https://www.city-services.example/',
    site: 'city-services.example',
    thirdPartyHosts: ['consent.cookiebot.com', 'i.ytimg.com', 'tile.openstreetmap.org', 'www.youtube-nocookie.com'],
    companies: [
      // Cookiebot is run by Usercentrics A/S in Copenhagen, a company of the German Usercentrics group.
      { name: 'Cookiebot', jurisdiction: 'DK', prism: false },
      { name: 'Google', jurisdiction: 'US', prism: true },
      // OpenStreetMap's tile servers are in no tracker list; the jurisdiction table names their foundation.
      { name: 'OpenStreetMap Foundation', jurisdiction: 'GB', prism: false },
    ],
  },
];
