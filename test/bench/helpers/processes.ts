/**
 * CPU time of a running Chromium, per process role and for the extension's service-worker
 * thread, read from /proc (Linux only). Chromium's own CDP `Performance` domain does not
 * exist on service-worker targets, and the profiler measures busy wall time rather than CPU
 * time, so this reads the kernel's counters instead: utime + stime of every process of the
 * browser's tree, and of the thread Chromium names "ServiceWorker thread" (comm is cut to
 * 15 characters: "ServiceWorker t") inside the `--extension-process` renderer.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

export type Role = 'browser' | 'network' | 'storage' | 'gpu' | 'page renderer' | 'extension renderer' | 'other chromium';

export const ROLES: readonly Role[] = ['browser', 'network', 'storage', 'gpu', 'page renderer', 'extension renderer', 'other chromium'];

let ticksPerSecond: number | null = null;

function clockTicks(): number {
  if (ticksPerSecond === null) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/** utime + stime, in ms, from a /proc/…/stat line (fields 14 and 15, after the command in parentheses). */
function statCpuMs(stat: string): number {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks();
}

function parentOf(stat: string): number {
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
}

function read(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

/**
 * Chromium's child processes rewrite their command line (one string, arguments separated by
 * spaces), the browser process keeps NUL separators: split on both.
 */
function splitArgs(cmdline: string): string[] {
  return cmdline.split(/[\0 ]/);
}

/** The pid of the Chromium browser process that uses this profile folder (a child of this Node process). */
export function findBrowserPid(profileDir: string): number | null {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const cmdline = read(`/proc/${entry}/cmdline`);
    if (!cmdline) continue;
    const args = splitArgs(cmdline);
    if (args.some((arg) => arg.startsWith('--type='))) continue;
    if (args.includes(`--user-data-dir=${profileDir}`)) return Number(entry);
  }
  return null;
}

function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = read(`/proc/${entry}/stat`);
    if (!stat) continue;
    const parent = parentOf(stat);
    const list = children.get(parent);
    if (list) list.push(Number(entry));
    else children.set(parent, [Number(entry)]);
  }
  const found: number[] = [];
  const stack = [root];
  while (stack.length > 0) {
    for (const child of children.get(stack.pop()!) ?? []) {
      found.push(child);
      stack.push(child);
    }
  }
  return found;
}

function roleOf(args: string[]): Role {
  const type = args.find((arg) => arg.startsWith('--type='))?.slice('--type='.length);
  if (!type) return 'browser';
  if (type === 'renderer') return args.includes('--extension-process') ? 'extension renderer' : 'page renderer';
  if (type === 'gpu-process') return 'gpu';
  if (type === 'utility') {
    const sub = args.find((arg) => arg.startsWith('--utility-sub-type=')) ?? '';
    if (sub.includes('NetworkService')) return 'network';
    if (sub.includes('StorageService')) return 'storage';
  }
  return 'other chromium';
}

export interface CpuSample {
  time: number;
  /** pid → role and CPU ms so far */
  processes: Map<number, { role: Role; ms: number }>;
  /** thread key (pid/tid) → CPU ms so far, for the service-worker threads of extension processes */
  workerThreads: Map<string, number>;
  /** this Node process: the fixture server and the Playwright driver */
  nodeMs: number;
  /** all CPUs of the machine, busy (not idle, not waiting for I/O), whoever used them */
  machineBusyMs: number;
}

/** Busy CPU time of the whole machine so far, from the first line of /proc/stat. */
function machineBusyMs(): number {
  const line = (read('/proc/stat') ?? '').split('\n')[0] ?? '';
  const ticks = line.trim().split(/\s+/).slice(1).map(Number);
  const total = ticks.slice(0, 8).reduce((sum, value) => sum + (Number.isFinite(value) ? value : 0), 0);
  const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
  return ((total - idle) * 1000) / clockTicks();
}

/** Reads the CPU counters of a browser's whole process tree now. */
export function sampleCpu(browserPid: number): CpuSample {
  const processes = new Map<number, { role: Role; ms: number }>();
  const workerThreads = new Map<string, number>();
  for (const pid of [browserPid, ...descendants(browserPid)]) {
    const cmdline = read(`/proc/${pid}/cmdline`);
    const stat = read(`/proc/${pid}/stat`);
    if (!cmdline || !stat) continue;
    const role = roleOf(splitArgs(cmdline));
    processes.set(pid, { role, ms: statCpuMs(stat) });
    if (role !== 'extension renderer') continue;
    let tids: string[] = [];
    try {
      tids = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const tid of tids) {
      if (!(read(`/proc/${pid}/task/${tid}/comm`) ?? '').startsWith('ServiceWorker')) continue;
      const threadStat = read(`/proc/${pid}/task/${tid}/stat`);
      if (threadStat) workerThreads.set(`${pid}/${tid}`, statCpuMs(threadStat));
    }
  }
  const node = process.cpuUsage();
  return { time: performance.now(), processes, workerThreads, nodeMs: (node.user + node.system) / 1000, machineBusyMs: machineBusyMs() };
}

export interface CpuUse {
  wallMs: number;
  /** CPU ms per role over the interval */
  byRole: Record<Role, number>;
  /** CPU ms of the extension's service-worker thread(s) */
  serviceWorkerMs: number;
  /** CPU ms of the Node process (fixture server, Playwright) */
  nodeMs: number;
  /** all of Chromium */
  chromiumMs: number;
  /** everything else running on the machine meanwhile (other browsers, other people's jobs) */
  othersMs: number;
}

/** CPU used between two samples of the same browser. Processes started in between count from zero. */
export function cpuBetween(before: CpuSample, after: CpuSample): CpuUse {
  const byRole = Object.fromEntries(ROLES.map((role) => [role, 0])) as Record<Role, number>;
  let chromiumMs = 0;
  for (const [pid, now] of after.processes) {
    const used = now.ms - (before.processes.get(pid)?.ms ?? 0);
    byRole[now.role] += used;
    chromiumMs += used;
  }
  let serviceWorkerMs = 0;
  for (const [key, ms] of after.workerThreads) serviceWorkerMs += ms - (before.workerThreads.get(key) ?? 0);
  const nodeMs = after.nodeMs - before.nodeMs;
  const othersMs = Math.max(0, after.machineBusyMs - before.machineBusyMs - chromiumMs - nodeMs);
  return { wallMs: after.time - before.time, byRole, serviceWorkerMs, nodeMs, chromiumMs, othersMs };
}

/**
 * `after`, plus the processes and worker threads that were in `last` but have exited since,
 * at the CPU they had used by then. Closing a tab ends its renderer process, and /proc then
 * forgets what it used: sample just before closing, and merge that sample into the one taken
 * after (what the renderer does while it closes is lost; it is little).
 */
export function withExited(last: CpuSample, after: CpuSample): CpuSample {
  const processes = new Map(after.processes);
  for (const [pid, value] of last.processes) if (!processes.has(pid)) processes.set(pid, value);
  const workerThreads = new Map(after.workerThreads);
  for (const [key, value] of last.workerThreads) if (!workerThreads.has(key)) workerThreads.set(key, value);
  return { ...after, processes, workerThreads };
}
