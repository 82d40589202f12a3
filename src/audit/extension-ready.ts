import { STARTUP_TIMEOUT_MS, type BrowserPage } from './extension-browser.js';

/**
 * Resolves once the background worker answers a message. Its listeners are registered in
 * its first turn, before it can answer, so from then on no request of a page goes unseen;
 * pages visited before that point could lose their first requests.
 */
export async function waitForWorker(open: () => Promise<BrowserPage>, timeoutMs = STARTUP_TIMEOUT_MS): Promise<void> {
  const page = await open();
  try {
    await page.waitForFunction(
      async () => {
        type Runtime = { runtime: { sendMessage(message: unknown): Promise<unknown> } };
        const scope = globalThis as unknown as { browser?: Runtime; chrome?: Runtime };
        try {
          const reply = (await (scope.browser ?? scope.chrome!).runtime.sendMessage({ type: 'status' })) as { ok?: boolean } | undefined;
          return reply?.ok === true;
        } catch {
          return false;
        }
      },
      undefined,
      timeoutMs,
    );
  } finally {
    await page.close();
  }
}
