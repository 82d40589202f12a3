/**
 * Hands a chosen export file from the report page to the worker, the only writer of the
 * record. Messages between them are copied whole and capped in size, so the file itself
 * goes through a small database of its own (IndexedDB keeps a Blob as it is), and the
 * message only names it. The worker takes it out as it reads it: a staged file never
 * stays behind, and wiping everything clears this database too.
 */
import Dexie, { type Table } from 'dexie';

interface StagedFile {
  id: string;
  file: Blob;
  at: number;
}

class StagingDb extends Dexie {
  files!: Table<StagedFile, string>;
  constructor() {
    super('upstream-import');
    this.version(1).stores({ files: 'id' });
  }
}

/** Older staged files were left by a page that closed mid-import: dropped on the next take. */
const ABANDONED_MS = 60 * 60_000;

export async function stageImport(file: Blob): Promise<string> {
  const db = new StagingDb();
  try {
    const id = crypto.randomUUID();
    await db.files.put({ id, file, at: Date.now() });
    return id;
  } finally {
    db.close();
  }
}

/** The staged file, removed from staging; null when there is none by that id. */
export async function takeStaged(id: string): Promise<Blob | null> {
  const db = new StagingDb();
  try {
    return await db.transaction('rw', db.files, async () => {
      const staged = await db.files.get(id);
      await db.files.delete(id);
      await db.files
        .where('id')
        .noneOf([id])
        .filter((f) => Date.now() - f.at > ABANDONED_MS)
        .delete();
      return staged?.file ?? null;
    });
  } finally {
    db.close();
  }
}

export async function clearStaging(): Promise<void> {
  await Dexie.delete('upstream-import');
}
