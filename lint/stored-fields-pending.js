// Files that still read or write stored rows' one-letter keys (lint/stored-fields.js) when the
// rule came in: the rule is off for them only. A file leaves this list once it reads the named
// records of src/store/; no file joins it.
export default [
  'test/bench/helpers/synthetic-history.ts',
  'test/unit/store-daily-cache.spec.ts',
  'test/unit/store-import.spec.ts',
  'test/unit/store-ingest.spec.ts',
  'test/unit/store-maintenance-quota.spec.ts',
  'test/unit/store-maintenance-reclassify.spec.ts',
  'test/unit/store-maintenance-retention.spec.ts',
  'test/unit/store-prototype-keys.spec.ts',
  'test/unit/store-queries.spec.ts',
  'test/unit/store-reach.spec.ts',
  'test/unit/store-rollup-repair.spec.ts',
  'test/unit/store-rollups.spec.ts',
  'test/unit/store-upgrade.spec.ts',
];
