/**
 * One audit: the browser with Upstream visits each address in turn, then everything it
 * recorded is written in the export format with the audit's own record (what loaded, what
 * failed, which visits belong to which address).
 */
import type { ExportFile } from '../../report/export/export-format.js';
import type { BrowserName } from '../find-browser.js';
import type { FixtureServer } from '../fixture-server.js';
import type { ListedUrl, Shard } from '../shard.js';
import { auditTarget, type TargetResult } from './audit-target.js';
import { browserVersion, openSession } from './audit-session.js';
import { buildInfo, snapshotExport } from './snapshot-export.js';

export interface AuditPlan {
  browser: BrowserName;
  extensionDir: string;
  browserPath: string | null;
  hostRules: string | null;
  insecure: boolean;
  headed: boolean;
  demo: FixtureServer | null;
  targets: ListedUrl[];
  listSize: number;
  shard: Shard | null;
  dwellMs: number;
  pages: number;
  timeoutMs: number;
}

export interface AuditProgress {
  started(total: number): void;
  visiting(done: number, target: ListedUrl): void;
  visited(done: number, result: TargetResult): void;
}

export async function runAudit(plan: AuditPlan, progress: AuditProgress): Promise<{ file: ExportFile; results: TargetResult[] }> {
  const build = await buildInfo(plan.extensionDir);
  const browser = await openSession(plan);
  try {
    const startedAt = new Date().toISOString();
    const results: TargetResult[] = [];
    progress.started(plan.targets.length);
    for (const target of plan.targets) {
      progress.visiting(results.length, target);
      const result = await auditTarget(browser, target, plan);
      results.push(result);
      progress.visited(results.length, result);
    }
    const reader = await browser.openExtensionPage('popup.html');
    const version = await browserVersion(reader);
    const file = await snapshotExport(reader, build, {
      browser: { name: plan.browser, version }, startedAt, finishedAt: new Date().toISOString(), demo: plan.demo !== null,
      dwellMs: plan.dwellMs, pagesPerSite: plan.pages, listSize: plan.listSize, shard: plan.shard,
    }, results);
    await reader.close();
    return { file, results };
  } finally {
    await browser.close();
  }
}
