import { ALTERNATIVE_HOSTS_FILE, parseAlternativeHosts, type AlternativeHost } from '../classify/alternative-hosts.js';
import { readPackagedFile } from '../shared/browser.js';

/** The services the alternatives recommend, as the knowledge compiled into this build classifies them. */
export async function readAlternativeHosts(): Promise<Map<string, AlternativeHost>> {
  const buffer = await readPackagedFile(`knowledge/${ALTERNATIVE_HOSTS_FILE}`);
  return parseAlternativeHosts(JSON.parse(new TextDecoder().decode(buffer)) as unknown);
}
