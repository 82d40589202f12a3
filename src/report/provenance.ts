import { readPackagedFile } from '../shared/browser.js';

/** One data source compiled into this build (knowledge/provenance.json). */
export interface ProvenanceSource {
  source: string;
  package: string;
  version: string;
  dataDate: string | null;
  licence: string;
}

/** The data sources of this build, with their versions and licences. */
export async function readProvenance(): Promise<ProvenanceSource[]> {
  const buffer = await readPackagedFile('knowledge/provenance.json');
  return (JSON.parse(new TextDecoder().decode(buffer)) as { sources: ProvenanceSource[] }).sources;
}
