/**
 * Where the extension's service worker spends its time: a V8 CPU profile of the worker
 * (CDP Profiler, through the browser session and Target.sendMessageToTarget, since
 * Playwright opens no session of its own on a worker), with the positions in worker.js
 * mapped back to the TypeScript sources through worker.js.map. Sampling slows the worker
 * down, so profiled runs are never the ones whose figures are reported.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { CDPSession } from 'playwright-core';
import type { RunningVariant } from './variants.js';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface WorkerProfiler {
  stop(): Promise<CpuProfile>;
}

/** Starts sampling the extension's service worker every `intervalUs`. */
export async function profileWorker(variant: RunningVariant, intervalUs = 500): Promise<WorkerProfiler> {
  const browser = variant.context.browser();
  if (!browser || !variant.extensionOrigin) throw new Error(`${variant.name}: no browser session or no extension`);
  const cdp: CDPSession = await browser.newBrowserCDPSession();
  const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: { targetId: string; type: string; url: string }[] };
  const target = targetInfos.find((info) => info.type === 'service_worker' && info.url.startsWith(variant.extensionOrigin!));
  if (!target) throw new Error(`${variant.name}: no service worker target`);
  const { sessionId } = (await cdp.send('Target.attachToTarget', { targetId: target.targetId, flatten: false })) as { sessionId: string };
  let nextId = 0;
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  cdp.on('Target.receivedMessageFromTarget', (event: { sessionId: string; message: string }) => {
    if (event.sessionId !== sessionId) return;
    const message = JSON.parse(event.message) as { id?: number; result?: unknown; error?: { message: string } };
    const waiter = message.id !== undefined ? pending.get(message.id) : undefined;
    if (!waiter) return;
    pending.delete(message.id!);
    if (message.error) waiter.reject(new Error(message.error.message));
    else waiter.resolve(message.result);
  });
  const send = (method: string, params: object = {}) =>
    new Promise<unknown>((resolve, reject) => {
      const id = ++nextId;
      pending.set(id, { resolve, reject });
      cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) }).catch(reject);
    });
  await send('Profiler.enable');
  await send('Profiler.setSamplingInterval', { interval: intervalUs });
  await send('Profiler.start');
  return {
    stop: async () => {
      const { profile } = (await send('Profiler.stop')) as { profile: CpuProfile };
      await cdp.send('Target.detachFromTarget', { sessionId }).catch(() => undefined);
      await cdp.detach().catch(() => undefined);
      return profile;
    },
  };
}

// --- source maps (v3), decoded here: a few lines, no dependency ---

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

interface SourceMap {
  sources: string[];
  sourcesContent?: (string | null)[];
  names: string[];
  mappings: string;
}

/** Per generated line: segments [column, source, line, column, name?], sorted by column. */
type Segment = [number, number, number, number, number];

function decodeMappings(mappings: string): Segment[][] {
  const lines: Segment[][] = [];
  let source = 0;
  let sourceLine = 0;
  let sourceColumn = 0;
  let name = 0;
  for (const line of mappings.split(';')) {
    const segments: Segment[] = [];
    let column = 0;
    for (const text of line.split(',')) {
      if (!text) continue;
      const values: number[] = [];
      let value = 0;
      let shift = 0;
      for (const char of text) {
        const digit = BASE64.indexOf(char);
        value += (digit & 31) << shift;
        if (digit & 32) {
          shift += 5;
        } else {
          values.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      column += values[0] ?? 0;
      if (values.length < 4) continue;
      source += values[1]!;
      sourceLine += values[2]!;
      sourceColumn += values[3]!;
      if (values.length > 4) name += values[4]!;
      segments.push([column, source, sourceLine, sourceColumn, values.length > 4 ? name : -1]);
    }
    lines.push(segments);
  }
  return lines;
}

interface Original {
  source: string;
  line: number;
  name: string | null;
}

function lookup(map: SourceMap, lines: Segment[][], line: number, column: number): Original | null {
  const segments = lines[line];
  if (!segments?.length) return null;
  let low = 0;
  let high = segments.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (segments[mid]![0] <= column) {
      found = mid;
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  if (found < 0) return null;
  const [, source, sourceLine, , nameIndex] = segments[found]!;
  // The function's name: the mapped identifier, or what the original line declares.
  let name = nameIndex >= 0 ? (map.names[nameIndex] ?? null) : null;
  if (!name) {
    const text = map.sourcesContent?.[source]?.split('\n')[sourceLine] ?? '';
    name =
      /function\s*\*?\s*([\w$]+)/.exec(text)?.[1] ??
      /([\w$]+)\s*(?:=|:)\s*(?:async\s*)?(?:\([^)]*\)|[\w$]+)\s*=>/.exec(text)?.[1] ??
      /^\s*(?:async\s+|static\s+|private\s+|get\s+|set\s+)*([\w$]+)\s*\(/.exec(text)?.[1] ??
      null;
  }
  return { source: map.sources[source] ?? '?', line: sourceLine + 1, name };
}

/** node_modules/dexie/… → dexie; src/capture/ingest.ts stays as it is. */
function shortSource(source: string): string {
  const normal = source.replace(/\\/g, '/');
  const modules = normal.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const rest = normal.slice(modules + 'node_modules/'.length).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  const src = normal.indexOf('src/');
  return src >= 0 ? normal.slice(src) : normal;
}

export interface ProfileSummary {
  totalMs: number;
  /** by function: self and inclusive ms */
  functions: { key: string; selfMs: number; totalMs: number }[];
  /** by source file (or package), self ms */
  files: { file: string; selfMs: number }[];
}

/** Self and inclusive time per function (mapped to the sources) and per file. */
export async function summariseProfile(profile: CpuProfile, extensionDir: string, scriptName = 'worker.js'): Promise<ProfileSummary> {
  let map: SourceMap | null = null;
  let lines: Segment[][] = [];
  try {
    map = JSON.parse(await readFile(path.join(extensionDir, `${scriptName}.map`), 'utf8')) as SourceMap;
    lines = decodeMappings(map.mappings);
  } catch {
    map = null;
  }
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i]!;
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  }
  const keyOf = new Map<number, { key: string; file: string }>();
  for (const node of profile.nodes) {
    const frame = node.callFrame;
    let key: string;
    let file: string;
    if (!frame.url) {
      key = frame.functionName.startsWith('(') ? frame.functionName : `${frame.functionName || '(anonymous)'} [native]`;
      file = frame.functionName.startsWith('(') ? frame.functionName : '(native)';
    } else if (map && frame.url.endsWith(`/${scriptName}`)) {
      const original = lookup(map, lines, frame.lineNumber, frame.columnNumber);
      file = original ? shortSource(original.source) : scriptName;
      key = original
        ? `${original.name ?? frame.functionName ?? '(anonymous)'} (${file}:${original.line})`
        : `${frame.functionName} (${scriptName})`;
    } else {
      file = frame.url;
      key = `${frame.functionName || '(anonymous)'} (${frame.url}:${frame.lineNumber + 1})`;
    }
    keyOf.set(node.id, { key, file });
  }
  const selfByKey = new Map<string, number>();
  const totalByKey = new Map<string, number>();
  const selfByFile = new Map<string, number>();
  let totalMs = 0;
  for (const [id, ms] of self) {
    const { key, file } = keyOf.get(id)!;
    selfByKey.set(key, (selfByKey.get(key) ?? 0) + ms);
    selfByFile.set(file, (selfByFile.get(file) ?? 0) + ms);
    totalMs += ms;
  }
  // Inclusive: each node's self time counts once for every distinct function on its stack.
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  for (const [id, ms] of self) {
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const key = keyOf.get(at)?.key;
      if (!key || seen.has(key) || !byId.has(at)) continue;
      seen.add(key);
      totalByKey.set(key, (totalByKey.get(key) ?? 0) + ms);
    }
  }
  return {
    totalMs,
    functions: [...totalByKey].map(([key, total]) => ({ key, selfMs: selfByKey.get(key) ?? 0, totalMs: total })),
    files: [...selfByFile].map(([file, selfMs]) => ({ file, selfMs })).sort((a, b) => b.selfMs - a.selfMs),
  };
}
