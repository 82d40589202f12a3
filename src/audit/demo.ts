/**
 * The built-in offline demo: three stand-in sites (a news site, a shop, a public-service
 * site) with realistic third parties, served over HTTPS on loopback. See demo/README.md.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startFixtureServer, type FixtureServer } from './fixture-server.js';

export const DEMO_SITES_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'demo', 'sites');

export const DEMO_URLS = [
  'https://www.morning-chronicle.example/',
  'https://www.nordic-outfitters.example/',
  'https://www.city-services.example/',
] as const;

/** Time on each demo page after it loaded: the stand-ins send everything within a few ms. */
export const DEMO_DWELL_MS = 1000;

export function startDemoServer(): Promise<FixtureServer> {
  return startFixtureServer(DEMO_SITES_DIR, { hosts: DEMO_URLS.map((url) => new URL(url).hostname) });
}
