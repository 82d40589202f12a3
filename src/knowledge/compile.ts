/**
 * Build-time entry: compiles the npm data packages into the compact files the classifier
 * loads (owners.bin, the IP tables, provenance.json), and owners.json, the same owners table
 * in readable form. Called by build.mjs and by `npm run knowledge`; cached on its inputs so
 * an unchanged build costs a hash, not a compile.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { coreKnowledge } from '../classify/knowledge.js';
import { OWNERS_BINARY_FILE, OWNERS_FILE, PROVENANCE_FILE, type OwnersFile, type ProvenanceFile } from '../classify/owners-format.js';
import { readAlternativesTable, writeAlternativeHosts } from './alternatives.js';
import { inputsKey, isFresh, markFresh, markStale } from './cache.js';
import { withLock } from './dir-lock.js';
import { compileIpTables, COUNTRY_PACKAGE, GEO_PACKAGE, NETWORK_PACKAGE } from './ip-tables.js';
import { readJurisdictionTable, type JurisdictionTable } from './jurisdictions.js';
import { operatorIndices, readNetworkOperators } from './network-operators.js';
import { encodeOwners } from './owners-binary.js';
import { buildOwners } from './owners.js';
import { projectRoot } from './paths.js';
import { publicSuffixFlags } from './public-suffixes.js';
import edgeTable from './data/edge-locations.json' with { type: 'json' };
import { edgeLocationProvenance, networkOperatorProvenance, ownerProvenance, TLDTS_PACKAGE } from './provenance.js';
import { readThirdPartyWeb, THIRD_PARTY_WEB_PACKAGE } from './third-party-web.js';
import { readTrackerDb, TRACKERDB_PACKAGE } from './trackerdb.js';

const DATA_PACKAGES = [TRACKERDB_PACKAGE, THIRD_PARTY_WEB_PACKAGE, COUNTRY_PACKAGE, NETWORK_PACKAGE, GEO_PACKAGE, TLDTS_PACKAGE];
const CATEGORY_MAP = path.join('src', 'knowledge', 'data', 'categories.json');

export interface CompileKnowledgeOptions {
  /** Recompile even when the inputs are unchanged. */
  force?: boolean;
  log?: (line: string) => void;
}

/** Every file provenance.json lists, plus itself: what a fresh output folder must hold. */
function expectedFiles(outDir: string): string[] {
  const provenance = path.join(outDir, PROVENANCE_FILE);
  if (!existsSync(provenance)) return [PROVENANCE_FILE];
  const { sources } = JSON.parse(readFileSync(provenance, 'utf8')) as ProvenanceFile;
  return [PROVENANCE_FILE, ...sources.flatMap((source) => source.files)];
}

async function compileOwners(outDir: string, table: JurisdictionTable, log: (line: string) => void) {
  const root = projectRoot();
  const categoryMap = (JSON.parse(readFileSync(path.join(root, CATEGORY_MAP), 'utf8')) as { thirdPartyWeb: Record<string, string> })
    .thirdPartyWeb;
  const [trackerdb, thirdPartyWeb] = await Promise.all([readTrackerDb(), readThirdPartyWeb(categoryMap)]);
  const { file, report } = buildOwners(trackerdb, thirdPartyWeb, table);
  const json = JSON.stringify(file);
  await writeFile(path.join(outDir, OWNERS_FILE), json);
  for (const missing of report.unknownOrganizations)
    log(`Upstream knowledge: warning: the jurisdiction table names TrackerDB organisation ${missing}, which TrackerDB does not have`);
  log(
    `Upstream knowledge: ${OWNERS_FILE} ${(json.length / 1024).toFixed(0)} KB: ${report.keys} host suffixes ` +
      `(${report.fromThirdPartyWeb} from third-party-web), ${report.trackers} trackers, ${report.companies} companies`,
  );
  return { file, provenance: ownerProvenance(table) };
}

function checkOperatorIndices(file: OwnersFile, table: JurisdictionTable, operators: ReadonlyMap<number, number>): void {
  for (const [asn, index] of operators) {
    if (file.companies.name[index] !== table.companies[index]?.name) {
      throw new Error(`hosting.bin: AS${asn}'s company ${table.companies[index]?.id} is not company ${index} of ${OWNERS_FILE}`);
    }
  }
}

/** owners.bin carries the whole provenance, so it is written once that is known. */
async function writeOwnersBinary(
  outDir: string,
  file: OwnersFile,
  provenance: ProvenanceFile,
  log: (line: string) => void,
): Promise<ArrayBuffer> {
  const bytes = encodeOwners(file, provenance, publicSuffixFlags());
  await writeFile(path.join(outDir, OWNERS_BINARY_FILE), bytes);
  log(`Upstream knowledge: ${OWNERS_BINARY_FILE} ${(bytes.byteLength / 1024).toFixed(0)} KB (what the classifier loads)`);
  return bytes.slice().buffer;
}

export async function compileKnowledge(outDir: string, options: CompileKnowledgeOptions = {}): Promise<void> {
  const log = options.log ?? ((line: string) => console.log(line));
  const out = path.resolve(outDir);
  await mkdir(out, { recursive: true });
  await withLock(out, async () => {
    const key = await inputsKey(DATA_PACKAGES);
    if (!options.force && (await isFresh(out, key, expectedFiles(out)))) return;
    const started = performance.now();
    await markStale(out);
    // Everything is written to a staging folder first and then renamed into place file by
    // file, so a test or a build reading the folder meanwhile never sees half a file.
    const staging = `${out}.${process.pid}.staging`;
    await rm(staging, { recursive: true, force: true });
    await mkdir(staging, { recursive: true });
    try {
      const table = await readJurisdictionTable(projectRoot());
      const alternatives = await readAlternativesTable(projectRoot());
      const networks = await readNetworkOperators(projectRoot(), table);
      const operators = operatorIndices(table, networks);
      const [owners, ip] = await Promise.all([compileOwners(staging, table, log), compileIpTables(staging, { log, operators })]);
      checkOperatorIndices(owners.file, table, operators);
      const provenance: ProvenanceFile = {
        format: 1,
        sources: [...owners.provenance, networkOperatorProvenance(networks), edgeLocationProvenance(edgeTable), ...ip],
      };
      const ownersBinary = await writeOwnersBinary(staging, owners.file, provenance, log);
      // What the alternatives recommend, placed by the very classifier the extension ships.
      await writeAlternativeHosts(staging, alternatives, coreKnowledge(ownersBinary));
      await writeFile(path.join(staging, PROVENANCE_FILE), `${JSON.stringify(provenance, null, 2)}\n`);
      for (const file of await readdir(staging)) await rename(path.join(staging, file), path.join(out, file));
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
    await markFresh(out, key);
    log(`Upstream knowledge: compiled into ${path.relative(process.cwd(), out) || '.'} in ${Math.round(performance.now() - started)} ms`);
  });
}
