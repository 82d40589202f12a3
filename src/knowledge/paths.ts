/**
 * Where the project and its data packages are. The compiler runs from src/knowledge
 * (tsx) and bundled from build/tools (build.mjs), so both are found by walking up from
 * this module rather than from the working directory.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | null = null;

/** The checkout: the nearest ancestor holding package.json and src/knowledge. */
export function projectRoot(): string {
  if (root) return root;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'src', 'knowledge'))) return (root = dir);
    const up = path.dirname(dir);
    if (up === dir) throw new Error('Upstream knowledge: cannot find the project root (package.json with src/knowledge)');
    dir = up;
  }
}

export interface PackageInfo {
  name: string;
  version: string;
  licence: string;
  dir: string;
}

/**
 * An installed package's folder and version. Read from node_modules directly: some data
 * packages (@ghostery/trackerdb) do not export their package.json, so require.resolve fails.
 */
export function packageInfo(name: string): PackageInfo {
  let dir = projectRoot();
  for (;;) {
    const manifest = path.join(dir, 'node_modules', name, 'package.json');
    if (existsSync(manifest)) {
      const json = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string; license?: string };
      return { name, version: json.version, licence: json.license ?? 'unknown', dir: path.dirname(manifest) };
    }
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`Upstream knowledge: package ${name} is not installed`);
    dir = up;
  }
}
