/**
 * What the manifest asks the user to grant, what README.md's "Permissions and why" table
 * says about each grant, and where the code uses it: the parts of the least-privilege test
 * (test/unit/least-privilege.spec.ts), kept pure so the test can also feed them a manifest
 * that asks for too much and check that they notice.
 */

/** One thing the user grants by installing the extension. */
export interface Grant {
  kind: 'permission' | 'optional permission' | 'host access' | 'optional host access' | 'content script';
  /** the permission name or URL pattern */
  name: string;
  /** content scripts: the files the browser injects */
  files?: string[];
}

interface ManifestGrants {
  permissions?: string[];
  optional_permissions?: string[];
  host_permissions?: string[];
  optional_host_permissions?: string[];
  content_scripts?: { matches?: string[]; js?: string[]; css?: string[] }[];
}

export function grantsOf(manifest: ManifestGrants): Grant[] {
  const grants: Grant[] = [
    ...(manifest.permissions ?? []).map((name): Grant => ({ kind: 'permission', name })),
    ...(manifest.optional_permissions ?? []).map((name): Grant => ({ kind: 'optional permission', name })),
    ...(manifest.host_permissions ?? []).map((name): Grant => ({ kind: 'host access', name })),
    ...(manifest.optional_host_permissions ?? []).map((name): Grant => ({ kind: 'optional host access', name })),
  ];
  for (const script of manifest.content_scripts ?? []) {
    const files = [...(script.js ?? []), ...(script.css ?? [])];
    for (const name of script.matches ?? []) grants.push({ kind: 'content script', name, files });
  }
  return grants;
}

/** A row of the README table: what its first cell names, and the reason given. */
export interface ExplainedGrant {
  label: string;
  /** the back-quoted words of the first cell */
  codes: string[];
  reason: string;
}

/** Reads the table under the "## Permissions and why" heading of a Markdown document. */
export function permissionTable(markdown: string): ExplainedGrant[] {
  const section = /^## Permissions and why\s*$([\s\S]*?)(?=^## )/m.exec(markdown)?.[1];
  if (!section) throw new Error('README.md has no "## Permissions and why" section');
  const rows = section
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .slice(2); // header and rule
  return rows.map((row) => {
    const cells = row
      .split('|')
      .slice(1, -1)
      .map((cell) => cell.trim());
    const label = cells[0] ?? '';
    return { label, codes: [...label.matchAll(/`([^`]+)`/g)].map((m) => m[1]!), reason: cells[1] ?? '' };
  });
}

/** The row that explains a grant: its first cell names the grant (and, for a content script, its files). */
function rowFor(grant: Grant, table: ExplainedGrant[]): ExplainedGrant | undefined {
  return table.find((row) => {
    if (!row.codes.includes(grant.name)) return false;
    const label = row.label.toLowerCase();
    switch (grant.kind) {
      case 'permission':
        return row.codes[0] === grant.name && !/host access|content script|optional/.test(label);
      case 'optional permission':
        return label.startsWith('optional') && !label.includes('host');
      case 'host access':
        return label.startsWith('host access');
      case 'optional host access':
        return label.startsWith('optional host access');
      case 'content script':
        return label.startsWith('content script') && grant.files!.every((file) => row.codes.includes(file));
    }
  });
}

/** A reason worth the name: a sentence, not a placeholder. */
function isReason(text: string): boolean {
  return text.split(/\s+/).filter((word) => /\p{L}{2,}/u.test(word)).length >= 6;
}

/** Grants the table does not explain, and rows that explain nothing the manifest asks for. */
export function unexplained(manifest: ManifestGrants, markdown: string): { missing: string[]; stale: string[] } {
  const table = permissionTable(markdown);
  const grants = grantsOf(manifest);
  const missing = grants
    .filter((grant) => !isReason(rowFor(grant, table)?.reason ?? ''))
    .map((grant) => `${grant.kind} ${grant.name}${grant.files ? ` (${grant.files.join(', ')})` : ''}`);
  const stale = table.filter((row) => !grants.some((grant) => rowFor(grant, [row]))).map((row) => row.label);
  return { missing, stale };
}

/**
 * Where the code shows that a grant is used. `sources` maps file paths to their text;
 * `contentScripts` maps a built content-script file name to its source file (build.mjs).
 */
export interface UseEvidence {
  sources: Map<string, string>;
  contentScripts: Record<string, string>;
}

/** The API calls that need each permission (a permission with no entry here is unused until one is added, with its reason). */
const API_OF: Record<string, RegExp> = {
  webRequest: /\bbrowser\.webRequest\b/,
  storage: /\bbrowser\.storage\.(local|session|sync)\b/,
  scripting: /\bbrowser\.scripting\.executeScript\b/,
  dns: /\bbrowser\.dns\.resolve\b/,
};

/** Grants the code never uses, each with what was looked for. */
export function unused(manifest: ManifestGrants, evidence: UseEvidence): string[] {
  const code = [...evidence.sources.values()];
  const uses = (pattern: RegExp) => code.some((text) => pattern.test(text));
  const problems: string[] = [];
  for (const grant of grantsOf(manifest)) {
    if (grant.kind === 'permission' || grant.kind === 'optional permission') {
      const api = API_OF[grant.name];
      if (!api) problems.push(`${grant.kind} ${grant.name}: no known use in src/`);
      else if (!uses(api)) problems.push(`${grant.kind} ${grant.name}: ${api} is not called in src/`);
    } else if (grant.kind === 'host access' || grant.kind === 'optional host access') {
      // webRequest reports only the requests to hosts the extension may access: the grant is
      // used by the webRequest listeners whose URL filter names the same pattern.
      const filter = new RegExp(`urls:\\s*\\[\\s*'${grant.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}'\\s*\\]`);
      if (!uses(filter) || !uses(API_OF.webRequest!)) problems.push(`${grant.kind} ${grant.name}: no webRequest listener filters on it`);
    } else {
      for (const file of grant.files ?? []) {
        const source = evidence.contentScripts[file.replace(/\.js$/, '')];
        if (!source || !evidence.sources.has(source)) problems.push(`content script ${file}: not built from any source in src/`);
      }
    }
  }
  return problems;
}
