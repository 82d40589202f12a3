import { readdir, readFile } from 'node:fs/promises';

interface BrowserProcess {
  pid: number;
  /** process group id (field 5 of /proc/PID/stat) */
  group: number;
}

async function processesOf(userDataDir: string): Promise<(BrowserProcess & { main: boolean })[]> {
  const found: (BrowserProcess & { main: boolean })[] = [];
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const args = (await readFile(`/proc/${name}/cmdline`, 'utf8')).split('\0');
      if (!args.includes(`--user-data-dir=${userDataDir}`)) continue;
      // "PID (comm) STATE PPID PGRP …": comm may hold spaces, so count from its closing parenthesis.
      const stat = await readFile(`/proc/${name}/stat`, 'utf8');
      const group = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
      // Chromium's helpers (renderer, GPU, zygote, utility) carry --type=; the browser process does not.
      found.push({ pid: Number(name), group, main: !args.some((arg) => arg.startsWith('--type=')) });
    } catch {
      // The process ended while it was being read.
    }
  }
  return found;
}

/**
 * The Chromium browser process running on `userDataDir`, found from its command line
 * (Playwright's persistent context does not expose the process).
 */
async function browserProcess(userDataDir: string): Promise<BrowserProcess> {
  const main = (await processesOf(userDataDir)).filter((p) => p.main);
  if (main.length !== 1) throw new Error(`expected one Chromium browser process on ${userDataDir}, found ${main.length}`);
  return main[0]!;
}

/**
 * SIGKILLs the browser's whole process group, as a power cut or the OOM killer would end it:
 * no unload, no shutdown, nothing flushed. Returns the time of the kill (Date.now(), the
 * fixture server's clock) once no process of that profile is left.
 */
export async function killBrowser(userDataDir: string): Promise<number> {
  const { pid, group } = await browserProcess(userDataDir);
  const at = Date.now();
  // Playwright starts the browser detached, as the leader of its own group; signal the group
  // so the renderers and the zygote die in the same instant, and the browser itself in any case.
  if (group === pid) process.kill(-group, 'SIGKILL');
  else process.kill(pid, 'SIGKILL');
  for (let tries = 0; (await processesOf(userDataDir)).length > 0; tries++) {
    if (tries === 100) {
      const left = await processesOf(userDataDir);
      for (const p of left) process.kill(p.pid, 'SIGKILL');
      throw new Error(`processes of the killed browser still ran after 5 s: ${left.map((p) => p.pid).join(' ')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return at;
}
