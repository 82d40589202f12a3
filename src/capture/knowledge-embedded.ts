/**
 * The core knowledge (owners.bin, provenance included) comes with the worker script itself
 * rather than from a fetch of the package: in Chromium a service worker's first fetch()
 * costs its own thread time before any byte arrives (docs/measurements.md,
 * test/bench/worker-start.bench.ts), and every start paid it before it could classify. Embedded, the bytes are at hand as soon as the script runs and
 * are cached with it. Only the worker imports this module (Node reads build/knowledge/owners.bin).
 * The server-country table is too large for that and still arrives by fetch, after the
 * classifier is ready (the network table is not loaded by the worker at all).
 */
import owners from '../../build/knowledge/owners.bin';

/** Native where the browser has it (Chrome 140, Firefox 133), else through atob. */
function fromBase64(text: string): Uint8Array {
  const native = (Uint8Array as { fromBase64?: (text: string) => Uint8Array }).fromBase64;
  if (native) return native(text);
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** A fresh copy of owners.bin's bytes on each call (decoded on demand, not at import). */
export function embeddedOwners(): ArrayBuffer {
  return fromBase64(owners).buffer as ArrayBuffer;
}
