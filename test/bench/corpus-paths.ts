/**
 * What requests look like in the benchmark corpus: made-up site words, subdomains, resource
 * types, and the paths and query strings each kind of third party uses.
 */
import type { Random } from './corpus.js';

export const WORDS = [
  'news',
  'shop',
  'meteo',
  'blog',
  'auto',
  'cuisine',
  'sport',
  'tech',
  'voyage',
  'maison',
  'jardin',
  'sante',
  'finance',
  'mode',
  'cinema',
  'musique',
  'jeux',
  'immo',
  'emploi',
  'recette',
  'velo',
  'photo',
  'livre',
  'ecole',
  'bio',
  'local',
  'express',
  'daily',
  'market',
  'city',
  'green',
  'north',
  'atlas',
  'nova',
  'pixel',
  'cloud',
  'smart',
  'home',
  'kids',
  'pet',
];
export const TLDS: [string, number][] = [
  ['com', 40],
  ['fr', 12],
  ['de', 10],
  ['co.uk', 6],
  ['org', 6],
  ['net', 5],
  ['it', 4],
  ['es', 4],
  ['nl', 3],
  ['io', 3],
  ['jp', 2],
  ['com.br', 2],
  ['pl', 2],
  ['be', 2],
  ['ch', 2],
  ['ca', 1],
];
export const FIRST_PARTY_LABELS = ['www', 'www', 'www', 'static', 'cdn', 'img', 'assets', 'api', 'media'];
export const SUBDOMAINS = [
  'www',
  'cdn',
  'static',
  'js',
  'api',
  's',
  'c',
  't',
  'pixel',
  'img',
  'ads',
  'tag',
  'sync',
  'secure',
  'assets',
  'widget',
  'collect',
];
export const TYPES: [string, number][] = [
  ['script', 30],
  ['image', 30],
  ['xmlhttprequest', 14],
  ['stylesheet', 7],
  ['font', 5],
  ['ping', 4],
  ['sub_frame', 4],
  ['media', 2],
  ['websocket', 1],
  ['other', 3],
];
export const CATEGORIES_WEIGHT: Record<string, number> = {
  advertising: 5,
  site_analytics: 4,
  social_media: 2,
  customer_interaction: 2,
  hosting: 3,
  utilities: 2,
  consent: 1,
  audio_video_player: 1,
  misc: 1,
};

export function pathFor(random: Random, category: string | null, type: string, page: string): string {
  const id = random.alnum(8);
  switch (category) {
    case 'advertising':
      return random.pick([
        `/pixel?id=${random.int(1e6)}&cb=${random.int(1e9)}&gdpr=1&gdpr_consent=${random.alnum(40)}`,
        `/sync?uid=${random.hex(16)}&redir=${encodeURIComponent(page)}`,
        `/ad/${random.int(9999)}/${random.int(9999)}?sz=300x250&ord=${random.int(1e9)}`,
        `/tag/js/gpt.js`,
      ]);
    case 'site_analytics':
      return random.pick([
        `/g/collect?v=2&tid=G-${random.alnum(10).toUpperCase()}&gtm=45je&_p=${random.int(1e9)}&cid=${random.int(1e9)}.${random.int(1e9)}&ul=fr-fr&sr=1920x1080&dl=${encodeURIComponent(page)}&en=page_view`,
        `/collect?v=1&t=pageview&tid=UA-${random.int(1e7)}-1&cid=${random.hex(16)}`,
        `/track?event=view&ts=${1_764_000_000_000 + random.int(1e9)}`,
        `/js/tracker.${random.hex(8)}.js`,
      ]);
    case 'hosting':
      return random.pick([
        `/ajax/libs/${random.pick(['jquery', 'lodash.js', 'font-awesome', 'swiper'])}/${random.int(9)}.${random.int(20)}.${random.int(10)}/${random.pick(['jquery.min.js', 'lodash.min.js', 'css/all.min.css', 'swiper-bundle.min.js'])}`,
        `/images/${random.hex(32)}.${random.pick(['jpg', 'png', 'webp', 'avif'])}`,
        `/s/${random.pick(['roboto', 'opensans', 'lato'])}/v${random.int(40)}/${random.alnum(24)}.woff2`,
      ]);
    case 'social_media':
      return random.pick([
        '/widgets.js',
        `/plugins/like.php?href=${encodeURIComponent(page)}&layout=button_count`,
        `/en_US/sdk.js#xfbml=1&version=v18.0`,
      ]);
    default:
      switch (type) {
        case 'image':
          return `/${random.pick(['media', 'uploads', 'img'])}/${2020 + random.int(6)}/${1 + random.int(12)}/${id}.${random.pick(['jpg', 'png', 'webp'])}`;
        case 'stylesheet':
          return `/wp-content/themes/${random.pick(WORDS)}/style.css?ver=6.${random.int(8)}`;
        case 'font':
          return `/fonts/${random.pick(WORDS)}-regular.woff2`;
        case 'xmlhttprequest':
          return `/api/v${1 + random.int(3)}/${random.pick(['items', 'events', 'search', 'session'])}?q=${id}`;
        default:
          return `/${random.pick(['js', 'static/js', '_next/static/chunks'])}/${random.pick(['main', 'app', 'vendor', 'runtime'])}.${random.hex(10)}.js`;
      }
  }
}
