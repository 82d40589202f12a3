// The data flow (README.md, "Project layout") as rules that fail `npm run lint:deps`, which `npm test` runs first:
//   browser events -> capture -> classify, store -> report;  everything -> shared;  knowledge/ at build time only.
const RUN_TIME = '^src/(capture|classify|store|report|shared)/';

module.exports = {
  forbidden: [
    {
      name: 'capture-feeds-downstream-only',
      comment: 'capture/ hands observations to classify/ and store/; it never reaches up into the report or the tools.',
      severity: 'error',
      from: { path: '^src/capture/' },
      to: { path: '^src/(report|audit|cli)/' },
    },
    {
      name: 'classify-is-pure',
      comment: 'classify/ runs in the worker and in Node alike: it imports only classify/, shared/ and the data tables of knowledge/.',
      severity: 'error',
      from: { path: '^src/classify/' },
      to: { path: '^src/', pathNot: '^src/(classify|shared|knowledge/data)/' },
    },
    {
      name: 'classify-uses-no-platform',
      comment: 'No browser API, no database, no DOM, no Node built-in in classify/.',
      severity: 'error',
      from: { path: '^src/classify/' },
      to: { path: '(^|/)node_modules/(dexie|preact|webextension-polyfill)/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'classify-uses-no-node-builtins',
      comment: 'classify/ is bundled into the worker: a Node built-in would not load there.',
      severity: 'error',
      from: { path: '^src/classify/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'store-stays-below-capture-and-report',
      comment: 'store/ is written by capture/ and read by report/; it imports neither (nor the tools).',
      severity: 'error',
      from: { path: '^src/store/' },
      to: { path: '^src/(capture|report|audit|cli)/' },
    },
    {
      name: 'store-owns-its-encoding',
      comment:
        'schema.ts declares how rows are stored (one-letter keys, codes, flag bits): only store/ encodes and decodes them; ' +
        'everything above reads the named records store/ gives (issue 17; lint/stored-fields.js checks the keys themselves).',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/store/' },
      to: { path: '^src/store/schema\\.ts$' },
    },
    {
      name: 'report-reads-the-store-not-the-capture',
      comment: 'report/ reads what the store holds and asks the worker through shared/ commands; it never imports capture/.',
      severity: 'error',
      from: { path: '^src/report/' },
      to: { path: '^src/(capture|audit|cli)/' },
    },
    {
      name: 'shared-imports-only-shared',
      comment: 'Everything imports shared/, so shared/ imports nothing of the project but itself.',
      severity: 'error',
      from: { path: '^src/shared/' },
      to: { path: '^src/', pathNot: '^src/shared/' },
    },
    {
      name: 'knowledge-is-build-time',
      comment: 'The extension reads only what knowledge/ compiled (build/knowledge/) and its data tables, never its compiler.',
      severity: 'error',
      from: { path: RUN_TIME },
      to: { path: '^src/knowledge/', pathNot: '^src/knowledge/data/' },
    },
    {
      name: 'one-polyfill-import',
      comment: 'Browser APIs go through src/shared/browser.ts, where browser differences are handled.',
      severity: 'error',
      from: { pathNot: '^src/shared/browser\\.ts$' },
      to: { path: '(^|/)node_modules/webextension-polyfill/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'no-unresolvable-import',
      comment: 'An import that resolves to nothing fails at run time or build time.',
      severity: 'error',
      from: {},
      // build/knowledge/ is what build.mjs compiles from src/knowledge/ before it bundles the worker.
      to: { couldNotResolve: true, pathNot: '^(\\.\\./)+build/knowledge/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|build|node_modules)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
