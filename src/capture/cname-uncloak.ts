/**
 * Asks the browser's DNS what the first-party hosts of pages are aliases of, so that a
 * tracker behind a site's own name is counted as the tracker (docs/cname-uncloaking.md).
 * Asked after the host's requests are stored, never on their way: capture never waits for
 * DNS. Each host is asked at most once in a worker's life; the answer re-attributes, through
 * the host's row, the requests stored before it came as well as those after.
 */
import { canonicalNameOf } from '../classify/cloaking.js';

export interface UncloakDeps {
  /** The canonical name the browser gives for a host, as untrusted input (shared/browser.ts). */
  resolve(host: string): Promise<unknown>;
  /** Stores a host's canonical name and the verdict that follows (store/cloaking.ts). */
  store(host: string, canonicalName: string): Promise<void>;
}

/**
 * Hosts asked in one worker's life, at most: a worker meets a few hundred first-party hosts;
 * past this the set stops growing rather than forget, so no host is ever asked twice.
 */
const MAX_HOSTS = 20_000;
/** Lookups at once: a page load's first-party hosts come together, and each lookup may reach the network. */
const IN_FLIGHT = 4;

/** An address has no alias to ask about: IPv6 in brackets, or a dotted quad (its last character a digit). */
function isAddress(host: string): boolean {
  return host.startsWith('[') || /\d$/.test(host);
}

export class CanonicalNames {
  private readonly asked = new Set<string>();
  private readonly waiting: string[] = [];
  private running = 0;
  private settled: (() => void)[] = [];
  /** a proxy resolves names for this browser: no more lookups in this worker's life */
  private stopped = false;

  constructor(private readonly deps: UncloakDeps) {}

  /**
   * Hosts a batch stored as pages' own: those not asked yet are looked up, a few at a time.
   * null: the batch's requests went through a proxy that resolves names itself, and a local
   * lookup would tell the local resolver what the proxy keeps from it, so none is made again.
   */
  note(hosts: Iterable<string> | null): void {
    if (hosts === null) {
      this.stopped = true;
      this.waiting.length = 0;
    }
    if (hosts === null || this.stopped) return;
    for (const host of hosts) {
      if (this.asked.has(host) || this.asked.size >= MAX_HOSTS || isAddress(host)) continue;
      this.asked.add(host);
      this.waiting.push(host);
    }
    this.pump();
  }

  /**
   * The record lost host rows (a wipe, a forgotten site): their hosts are asked again when
   * pages load them, else a host met again after a wipe would never get its alias back.
   */
  forget(): void {
    this.asked.clear();
  }

  /** Resolves once nothing is waiting or being looked up (tests). */
  idle(): Promise<void> {
    if (this.running === 0 && this.waiting.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.settled.push(resolve));
  }

  private pump(): void {
    while (this.running < IN_FLIGHT && this.waiting.length > 0) {
      const host = this.waiting.shift()!;
      this.running++;
      void this.ask(host).finally(() => {
        this.running--;
        this.pump();
        if (this.running === 0 && this.waiting.length === 0) this.settled.splice(0).forEach((resolve) => resolve());
      });
    }
  }

  private async ask(host: string): Promise<void> {
    try {
      const canonicalName = canonicalNameOf(await this.deps.resolve(host), host);
      if (canonicalName !== null) await this.deps.store(host, canonicalName);
    } catch (error) {
      console.error(`Upstream: could not store what ${host} is an alias of`, error);
    }
  }
}
