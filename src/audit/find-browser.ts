import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

export type BrowserName = 'chromium' | 'firefox';

/** Raised when no usable browser is found; its message is one line saying what to install. */
export class BrowserNotFoundError extends Error {
  override name = 'BrowserNotFoundError';
}

const ENV = { chromium: 'UPSTREAM_CHROMIUM', firefox: 'UPSTREAM_FIREFOX' } as const;

// Debian's /usr/bin/chromium is a wrapper script that adds flags from /etc/chromium.d and
// prints a shell error under automation, so the real binary comes first.
const SYSTEM_PATHS: Record<BrowserName, string[]> = {
  chromium: [
    '/usr/lib/chromium/chromium',
    '/usr/lib/chromium-browser/chromium-browser',
    '/snap/bin/chromium',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
  ],
  firefox: [
    '/usr/bin/firefox-esr',
    '/usr/lib/firefox-esr/firefox-esr',
    '/usr/bin/firefox',
    '/usr/lib/firefox/firefox',
    '/Applications/Firefox.app/Contents/MacOS/firefox',
  ],
};

const HOW_TO_INSTALL: Record<BrowserName, string> = {
  chromium:
    'No Chromium found: install it (Debian/Ubuntu: `sudo apt-get install chromium`; elsewhere `npx playwright install chromium`) or set UPSTREAM_CHROMIUM=/path/to/chromium. Branded Google Chrome cannot load unpacked extensions from the command line.',
  firefox:
    'No Firefox found: install it (Debian: `sudo apt-get install firefox-esr`; elsewhere your system package of firefox) or set UPSTREAM_FIREFOX=/path/to/firefox.',
};

/** The browser Playwright itself downloaded on this machine, if any (never downloads). */
function playwrightChromium(): string | null {
  try {
    const require = createRequire(import.meta.url);
    const { chromium } = require('playwright-core') as typeof import('playwright-core');
    const candidate = chromium.executablePath();
    return candidate && existsSync(candidate) ? candidate : null;
  } catch {
    return null;
  }
}

function looksLikeBrandedChrome(file: string): boolean {
  return /google[- ]chrome/i.test(file) && !/chrome-for-testing|ms-playwright/i.test(file);
}

/**
 * Finds a browser that can load the extension: an explicit path, then the environment
 * variable, then (for Chromium) one that Playwright installed, then the system's.
 */
export function findBrowser(name: BrowserName, explicitPath?: string, env: NodeJS.ProcessEnv = process.env): string {
  const requested = explicitPath ?? env[ENV[name]];
  if (requested) {
    const origin = explicitPath ? 'The browser path given' : ENV[name];
    if (!existsSync(requested)) throw new BrowserNotFoundError(`${origin} (${requested}) does not exist. ${HOW_TO_INSTALL[name]}`);
    if (name === 'chromium' && looksLikeBrandedChrome(requested)) {
      throw new BrowserNotFoundError(
        `${requested} looks like branded Google Chrome, which ignores --load-extension since version 137. ${HOW_TO_INSTALL.chromium}`,
      );
    }
    return requested;
  }
  const candidates = name === 'chromium' ? [playwrightChromium(), ...SYSTEM_PATHS.chromium] : SYSTEM_PATHS.firefox;
  const found = candidates.find((file): file is string => !!file && existsSync(file));
  if (!found) throw new BrowserNotFoundError(HOW_TO_INSTALL[name]);
  return found;
}
