/**
 * `npm run store:screenshots`: the store listings' images (store/screenshots/<lang>/), made
 * from the real extension after browsing the fixture sites, in English and French, at the
 * sizes the stores take: 1280×800 screenshots (Chrome Web Store, Edge Add-ons, AMO) and the
 * Chrome Web Store's 440×280 small promo tile. Not part of `npm test`: it rewrites files.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { test, expect, chromiumRules, distFor } from './harness.js';
import { launchChromium } from '../../src/audit/launch-chromium.js';
import { flushWorker, readStore } from '../../src/audit/read-store.js';
import type { VisitRow } from '../../src/store/schema.js';
import { decodeVisit } from '../../src/store/decode.js';
import { placeServersIn } from './helpers/popup.js';

const root = path.resolve(import.meta.dirname, '../..');
const OUT = path.join(root, 'store', 'screenshots');
const SCREENSHOT = { width: 1280, height: 800 };
const TILE = { width: 440, height: 280 };
type Captions = { popup: [string, string]; overview: string; companies: string; countries: string; tile: string };

const escapeHtml = (text: string) => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
const dataUrl = (png: Buffer) => `data:image/png;base64,${png.toString('base64')}`;

/** Lays out an image of the extension with a caption on a canvas of the stores' size, and photographs it. */
async function compose(canvas: Page, body: string, size: { width: number; height: number }): Promise<Buffer> {
  await canvas.setViewportSize(size);
  await canvas.setContent(`<!doctype html><meta charset="utf-8"><style>
    html,body{margin:0;width:${size.width}px;height:${size.height}px;overflow:hidden;background:#eef2f6;color:#0f2233;font-family:"DejaVu Sans",sans-serif}
    .caption{font-size:24px;font-weight:bold;padding:20px 40px 0;min-height:34px}
    .shot{display:block;margin:0 auto;border:1px solid #c5ced8;box-shadow:0 4px 18px rgba(15,34,51,.18)}
    .side{display:flex;align-items:center;gap:48px;height:100%;padding:0 64px;box-sizing:border-box}
    .side h1{font-size:44px;margin:0 0 18px}.side p{font-size:24px;line-height:1.4;margin:0}
    .tile{display:flex;flex-direction:column;align-items:center;justify-content:center;height:100%;text-align:center;padding:0 24px;box-sizing:border-box}
    .tile b{font-size:40px;margin:8px 0 6px}.tile span{font-size:19px;line-height:1.3}
  </style>${body}`);
  return canvas.screenshot({ type: 'png' });
}

async function writePng(file: string, png: Buffer) {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, png);
  // PNG's IHDR: width and height, big-endian, at bytes 16 and 20.
  const written = await readFile(file);
  return { width: written.readUInt32BE(16), height: written.readUInt32BE(20) };
}

for (const language of ['en', 'fr'] as const) {
  test(`store images in ${language}: popup, overview, companies, countries, promo tile`, async ({ server }) => {
    test.setTimeout(180_000);
    const captions = (JSON.parse(await readFile(path.join(OUT, 'captions.json'), 'utf8')) as Record<string, Captions>)[language]!;
    const browser = await launchChromium({
      extensionDir: distFor('chromium'),
      hostResolverRules: chromiumRules(server.port),
      trustedSpki: [server.spkiHash],
      language,
    });
    try {
      const reader = await browser.openExtensionPage('popup.html');
      const servers = await placeServersIn(browser, reader, 'US');
      for (const site of ['shop', 'widget', 'plain', 'news']) await browser.visit(`https://${site}.example/`);
      await flushWorker(reader);
      await servers.forgetSeed();
      const visits = (await readStore<VisitRow>(reader, 'visits')).map(decodeVisit);
      const news = visits.filter((v) => v.site === 'news.example').sort((a, b) => b.time - a.time)[0]!;
      const page = await browser.context.newPage();
      const canvas = await browser.context.newPage();
      const sizes: Record<string, { width: number; height: number }> = {};

      await page.setViewportSize({ width: 380, height: 600 });
      await page.goto(`${browser.extensionOrigin}/popup.html?tab=${news.tab}`);
      await page.waitForSelector('#app[data-complete="true"]');
      const popup = await page.screenshot({ fullPage: true });
      const [title, line] = captions.popup;
      sizes['1-popup'] = await writePng(
        path.join(OUT, language, '1-popup.png'),
        await compose(
          canvas,
          `<div class="side"><div style="flex:1"><h1>${escapeHtml(title)}</h1><p>${escapeHtml(line)}</p></div>` +
            `<img class="shot" style="max-height:760px;margin:0" src="${dataUrl(popup)}"></div>`,
          SCREENSHOT,
        ),
      );

      await page.setViewportSize({ width: 1180, height: 690 });
      const views = [
        ['2-overview', 'overview', captions.overview],
        ['3-companies', 'companies', captions.companies],
        ['4-countries', 'countries', captions.countries],
      ] as const;
      for (const [name, view, caption] of views) {
        await page.goto(`${browser.extensionOrigin}/report.html#/${view}?period=week`);
        await page.waitForSelector(`[data-testid="report"][data-view="${view}"][data-state="ready"]`);
        const shot = await page.screenshot();
        sizes[name] = await writePng(
          path.join(OUT, language, `${name}.png`),
          await compose(
            canvas,
            `<div class="caption">${escapeHtml(caption)}</div><img class="shot" style="margin-top:18px" src="${dataUrl(shot)}">`,
            SCREENSHOT,
          ),
        );
      }

      const icon = await readFile(path.join(root, 'extension', 'icons', 'icon-128.png'));
      sizes['promo-tile'] = await writePng(
        path.join(OUT, language, 'promo-tile-440x280.png'),
        await compose(
          canvas,
          `<div class="tile"><img src="${dataUrl(icon)}" width="96" height="96"><b>Upstream</b><span>${escapeHtml(captions.tile)}</span></div>`,
          TILE,
        ),
      );

      for (const [name, size] of Object.entries(sizes)) expect(size, name).toEqual(name === 'promo-tile' ? TILE : SCREENSHOT);
      await reader.close();
    } finally {
      await browser.close();
    }
  });
}
