import Dexie, { type EntityTable } from 'dexie';
import type { Observation } from '../shared/types.js';

export interface RequestRow extends Observation {
  id?: number;
}

export const DB_NAME = 'upstream';

/**
 * The schema. Every `version()` stays here for good: Dexie upgrades an old profile by
 * walking them in order, so removing one would strand users on that version.
 */
export class UpstreamDb extends Dexie {
  requests!: EntityTable<RequestRow, 'id'>;

  constructor(name = DB_NAME) {
    super(name);
    this.version(1).stores({
      requests: '++id, time, tabId',
    });
  }
}

let shared: UpstreamDb | null = null;

export function openDb(): UpstreamDb {
  shared ??= new UpstreamDb();
  return shared;
}
