/**
 * One audit: the browser with Upstream visits each address in turn, then everything it
 * recorded is written in the export format with the audit's own record (what loaded, what
 * failed, which visits belong to which address).
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ExportFile } from '../../store/export-file/export-format.js';
import type { ListedUrl, Shard } from '../shard.js';
import { auditTarget, type TargetResult } from './audit-target.js';
import { browserVersion, openSession, type SessionOptions } from './audit-session.js';
import { buildInfo, snapshotExport } from './snapshot-export.js';

/** The browser to audit with (SessionOptions), and what to visit and how. */
export interface AuditPlan extends SessionOptions {
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

/**
 * The audit runs its own copy of the build: a rebuild of dist/ while it runs (another audit,
 * a developer's watch) would otherwise change the extension under the browser's feet.
 */
async function privateCopy(extensionDir: string): Promise<string> {
  const copy = await mkdtemp(path.join(tmpdir(), 'upstream-audit-extension-'));
  await cp(extensionDir, copy, { recursive: true });
  return copy;
}

export async function runAudit(plan: AuditPlan, progress: AuditProgress): Promise<{ file: ExportFile; results: TargetResult[] }> {
  const extensionDir = await privateCopy(plan.extensionDir);
  const build = await buildInfo(extensionDir);
  const browser = await openSession({ ...plan, extensionDir }).catch(async (error: unknown) => {
    await rm(extensionDir, { recursive: true, force: true });
    throw error;
  });
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
    const file = await snapshotExport(
      reader,
      build,
      {
        browser: { name: plan.browser, version },
        startedAt,
        finishedAt: new Date().toISOString(),
        demo: plan.demo !== null,
        dwellMs: plan.dwellMs,
        pagesPerSite: plan.pages,
        listSize: plan.listSize,
        shard: plan.shard,
      },
      results,
    );
    await reader.close();
    return { file, results };
  } finally {
    await browser.close();
    await rm(extensionDir, { recursive: true, force: true });
  }
}
