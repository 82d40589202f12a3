/**
 * Zip archives whose bytes depend only on the files' paths and contents: entries in sorted
 * order, one fixed date, fixed permissions, no folder entries (JSZip would date those with
 * the current time), the same deflate level. `web-ext build` stores each file's modification
 * time, which differs between two clones of the same commit.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import JSZip from 'jszip';

/** The DOS epoch, the earliest date a zip entry can hold: says plainly that it is not a real date. */
const FIXED_DATE = new Date(Date.UTC(1980, 0, 1, 0, 0, 0));

export interface ZipEntry {
  /** path inside the archive, with forward slashes */
  name: string;
  data: Uint8Array;
}

/** Every file under `dir`, as archive paths relative to it, sorted by code unit. */
export async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (relative: string) => {
    for (const entry of await readdir(path.join(dir, relative), { withFileTypes: true })) {
      const name = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(name);
      else if (entry.isFile()) out.push(name);
    }
  };
  await walk('');
  return out.sort(byCodeUnit);
}

function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export async function readEntries(dir: string, names: readonly string[]): Promise<ZipEntry[]> {
  return Promise.all(names.map(async (name) => ({ name, data: await readFile(path.join(dir, ...name.split('/'))) })));
}

export async function deterministicZip(entries: readonly ZipEntry[]): Promise<Buffer> {
  const zip = new JSZip();
  for (const entry of [...entries].sort((a, b) => byCodeUnit(a.name, b.name))) {
    zip.file(entry.name, entry.data, { date: FIXED_DATE, unixPermissions: 0o100644, createFolders: false, binary: true });
  }
  return zip.generateAsync({
    type: 'nodebuffer',
    compression: 'DEFLATE',
    compressionOptions: { level: 9 },
    platform: 'UNIX',
    streamFiles: false,
  });
}
