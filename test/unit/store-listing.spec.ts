/** store/: what the stores are told matches what the code and SECURITY.md say (store/README.md). */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { privacyPolicyFrom } from '../../src/release/privacy-policy.js';

const root = path.resolve(import.meta.dirname, '../..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');
const manifest = JSON.parse(read('manifest.json')) as {
  permissions: string[];
  host_permissions: string[];
  content_scripts: { js: string[] }[];
};

/** What translation must not change: every number and every name in backticks. */
function facts(markdown: string) {
  const text = markdown.replace(/<!--[\s\S]*?-->/g, '');
  return {
    numbers: (text.match(/\d+/g) ?? []).sort(),
    code: (text.match(/`[^`]+`/g) ?? []).sort(),
    sections: (text.match(/^## /gm) ?? []).length,
  };
}

test('the English privacy policy is what SECURITY.md says (npm run store:policy writes it)', () => {
  expect(read('store/privacy-policy.en.md')).toBe(privacyPolicyFrom(read('SECURITY.md')));
});

test('the French privacy policy keeps every figure, name and section of the English one', () => {
  expect(facts(read('store/privacy-policy.fr.md'))).toEqual(facts(read('store/privacy-policy.en.md')));
});

for (const language of ['en', 'fr']) {
  test(`permissions.${language}.md justifies exactly what the manifest asks for`, () => {
    const asked = [
      ...manifest.permissions.map((p) => `\`${p}\``),
      ...manifest.host_permissions.map((p) => `\`${p}\``),
      ...manifest.content_scripts.flatMap((c) => c.js.map((file) => `\`${file}\``)),
    ].sort();
    const justified = [...read(`store/permissions.${language}.md`).matchAll(/^### .*?(`[^`]+`)/gm)].map((m) => m[1]!).sort();
    expect(justified).toEqual(asked);
  });

  test(`listing.${language}.md: a summary the Chrome Web Store accepts, and every screenshot it names at the stores' sizes`, () => {
    const listing = read(`store/listing.${language}.md`);
    const summary = /^## (?:Summary|Résumé)\n\n(.+)\n\n/m.exec(listing)?.[1] ?? '';
    expect(summary.length).toBeGreaterThan(40);
    expect(summary.length).toBeLessThanOrEqual(132);
    const images = [...listing.matchAll(/`(screenshots\/[^`]+\.png)`/g)].map((m) => m[1]!);
    expect(images).toHaveLength(5);
    for (const image of images) {
      const file = path.join(root, 'store', image);
      expect(existsSync(file), image).toBe(true);
      const png = readFileSync(file);
      const size = { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
      expect(size, image).toEqual(image.includes('promo-tile') ? { width: 440, height: 280 } : { width: 1280, height: 800 });
    }
  });
}
