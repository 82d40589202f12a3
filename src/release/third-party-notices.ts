/**
 * The third-party notices shipped in every build: one entry per npm package whose code
 * esbuild bundled into the extension, with its licence text read from the package itself.
 * The list comes from esbuild's metafile (the files the bundles were actually made of),
 * never from a hand-kept list, so a new dependency cannot ship without its notice.
 * Build time only (Node); the output must be the same bytes on every machine: no paths,
 * no dates, sorted.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const NOTICES_FILE = 'THIRD-PARTY-NOTICES.txt';

/** The parts of esbuild's metafile this reads: which input files went into which output. */
export interface BundleMetafile {
  outputs: Record<string, { inputs: Record<string, unknown> }>;
}

export interface BundledPackage {
  name: string;
  version: string;
  licence: string;
  homepage: string | null;
  /** the output files (worker.js, report.js…) that contain its code */
  bundles: string[];
  licenceText: string;
}

/**
 * The folder of the package an input file belongs to: up to the package name after the
 * last `node_modules/` (so a package nested inside another is its own package), or null
 * for the project's own sources.
 */
export function packageDirOf(input: string): string | null {
  const parts = input.replaceAll('\\', '/').split('/');
  const last = parts.lastIndexOf('node_modules');
  if (last < 0 || last + 1 >= parts.length) return null;
  const nameLength = parts[last + 1]!.startsWith('@') ? 2 : 1;
  return parts.slice(0, last + 1 + nameLength).join('/');
}

const LICENCE_FILE = /^(licen[cs]e|copying)(\.(md|txt|markdown))?$/i;
/** Apache-2.0 (Dexie) asks that a package's NOTICE file travel with it. */
const NOTICE_FILE = /^notice(\.(md|txt))?$/i;

function readText(dir: string, file: string): string {
  return readFileSync(path.join(dir, file), 'utf8').replaceAll('\r\n', '\n').trim();
}

function licenceTextOf(dir: string, name: string): string {
  const file = readdirSync(dir)
    .filter((entry) => LICENCE_FILE.test(entry))
    .sort()[0];
  if (!file) {
    throw new Error(
      `${name} is bundled into the extension but ships no LICENSE file, so its notice cannot be generated: ask upstream for one or drop the dependency`,
    );
  }
  const notice = readdirSync(dir)
    .filter((entry) => NOTICE_FILE.test(entry))
    .sort()[0];
  return notice ? `${readText(dir, file)}\n\n${notice}:\n${readText(dir, notice)}` : readText(dir, file);
}

function homepageOf(manifest: { homepage?: unknown; repository?: unknown }): string | null {
  if (typeof manifest.homepage === 'string') return manifest.homepage;
  const repository = manifest.repository;
  if (typeof repository === 'string') return repository;
  if (repository && typeof repository === 'object' && typeof (repository as { url?: unknown }).url === 'string') {
    return (repository as { url: string }).url.replace(/^git\+/, '');
  }
  return null;
}

/** Every npm package bundled into the outputs of these metafiles, by name. */
export function bundledPackages(metafiles: readonly BundleMetafile[], workingDir: string): BundledPackage[] {
  const found = new Map<string, { dir: string; bundles: Set<string> }>();
  for (const metafile of metafiles) {
    for (const [output, { inputs }] of Object.entries(metafile.outputs)) {
      if (output.endsWith('.map')) continue;
      for (const input of Object.keys(inputs)) {
        const dir = packageDirOf(input);
        if (!dir) continue;
        const entry = found.get(dir) ?? { dir, bundles: new Set<string>() };
        entry.bundles.add(path.basename(output));
        found.set(dir, entry);
      }
    }
  }
  const byName = new Map<string, BundledPackage>();
  for (const { dir, bundles } of found.values()) {
    const absolute = path.resolve(workingDir, dir);
    const manifestPath = path.join(absolute, 'package.json');
    if (!existsSync(manifestPath)) throw new Error(`bundled file under ${dir} has no package.json there`);
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
      name: string;
      version: string;
      license?: unknown;
      homepage?: unknown;
      repository?: unknown;
    };
    const licence = typeof manifest.license === 'string' ? manifest.license : 'see the licence text below';
    const previous = byName.get(manifest.name);
    if (previous && previous.version !== manifest.version) {
      throw new Error(`two versions of ${manifest.name} are bundled (${previous.version}, ${manifest.version}): deduplicate them`);
    }
    const allBundles = new Set([...(previous?.bundles ?? []), ...bundles]);
    byName.set(manifest.name, {
      name: manifest.name,
      version: manifest.version,
      licence,
      homepage: homepageOf(manifest),
      bundles: [...allBundles].sort(),
      licenceText: previous?.licenceText ?? licenceTextOf(absolute, manifest.name),
    });
  }
  return [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

const RULE = '-'.repeat(78);

/** The notices file: Upstream's own licence, then each bundled package with its full licence text. */
export function noticesText(packages: readonly BundledPackage[], projectLicence: string): string {
  const lines = [
    'Upstream: third-party notices',
    '',
    'The scripts of this extension (worker.js, popup.js, report.js, witness.js) are bundles',
    'made by esbuild. This file is generated at build time from the list of files each',
    'bundle was made of; it names every npm package whose code is inside, with its licence.',
    'The data compiled into the extension (trackers, companies, IP ranges) keeps its own',
    'licences, listed with their credits in knowledge/provenance.json and on the report',
    "page's About view.",
    '',
    RULE,
    'Upstream',
    RULE,
    projectLicence.replaceAll('\r\n', '\n').trim(),
    '',
  ];
  for (const p of packages) {
    lines.push(RULE, `${p.name} ${p.version}`, `Licence: ${p.licence}`);
    if (p.homepage) lines.push(`Source: ${p.homepage}`);
    lines.push(`Bundled into: ${p.bundles.join(', ')}`, RULE, p.licenceText, '');
  }
  return lines.join('\n');
}
