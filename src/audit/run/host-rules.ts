/**
 * `--host-rules` for each browser (pure). Chromium takes its host-resolver rules as they are.
 * Firefox has no such switch: the one form it can follow is "every host to one address and
 * port" (MAP * ADDRESS:PORT), through its forceResolve and forcePort preferences.
 */

export interface FirefoxHostMapping {
  address: string;
  port: number | null;
}

export function firefoxHostMapping(rules: string): FirefoxHostMapping {
  const match = /^\s*MAP\s+\*\s+(\d{1,3}(?:\.\d{1,3}){3}|\[[0-9a-f:]+\])(?::(\d{1,5}))?\s*(?:,\s*EXCLUDE\s+localhost\s*)?$/i.exec(rules);
  if (!match) {
    throw new Error(
      `Firefox can only follow host rules of the form "MAP * ADDRESS[:PORT]" (got "${rules.slice(0, 80)}"); use --browser chromium for other rules`,
    );
  }
  const port = match[2] ? Number(match[2]) : null;
  if (port !== null && (port < 1 || port > 65_535)) throw new Error(`--host-rules: port ${port} is out of range`);
  return { address: match[1]!.replace(/^\[|\]$/g, ''), port };
}
