/**
 * Leaves a `performance` mark the first time a view has rendered all its sections with
 * their data (no element says data-state="loading" any more), so benchmarks and tests
 * can time "opened → complete" as the person sees it.
 */
export function markWhenComplete(root: HTMLElement, name: string): void {
  const check = (): boolean => {
    const sections = root.querySelectorAll('[data-state]');
    if (sections.length === 0 || root.querySelector('[data-state="loading"]')) return false;
    performance.mark(name);
    root.dataset.complete = 'true';
    return true;
  };
  const observer = new MutationObserver(() => {
    if (check()) observer.disconnect();
  });
  observer.observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'] });
}
