/**
 * Finding a guide's target. A descriptor is a CSS selector, or several joined by " >>> " to cross
 * into open shadow roots ("shop-cart >>> button.checkout"), the format the tracker writes too.
 *
 * @example
 *   resolveTarget('product-card >>> .price') // the .price inside <product-card>'s shadow root
 */
export function resolveTarget(descriptor: string, root: ParentNode = document): Element | undefined {
  let scope: ParentNode | null = root;
  let found: Element | undefined;
  for (const part of descriptor.split(' >>> ')) {
    if (!scope) return undefined;
    try {
      found = scope.querySelector(part) ?? undefined;
    } catch {
      return undefined; // an invalid selector in a rule set must not throw into the page
    }
    if (!found) return undefined;
    scope = found.shadowRoot;
  }
  return found;
}

/** The open shadow roots a descriptor passes through so far, so late content inside them is seen. */
function shadowRootsOnTheWay(descriptor: string): ShadowRoot[] {
  const roots: ShadowRoot[] = [];
  const parts = descriptor.split(' >>> ');
  for (let i = 1; i < parts.length; i++) {
    const root = resolveTarget(parts.slice(0, i).join(' >>> '))?.shadowRoot;
    if (!root) break;
    roots.push(root);
  }
  return roots;
}

type Watch = () => void;

/**
 * One MutationObserver for every wait and every "is my target still there?" check, however many
 * guides are pending: mutations are batched to one check per animation frame, and the observer
 * disconnects as soon as nothing is being watched.
 */
export class TargetWatcher {
  private readonly watches = new Set<Watch>();
  private readonly observed = new Set<Node>();
  private observer: MutationObserver | undefined;
  private frame = 0;

  /**
   * The target now, or when it appears (lazy content, SPA renders), or undefined after the timeout.
   *
   * @example
   *   const target = await watcher.waitFor('#po-number', 10_000, host.signal);
   */
  waitFor(descriptor: string, timeoutMs = 10_000, signal?: AbortSignal): Promise<Element | undefined> {
    const now = resolveTarget(descriptor);
    if (now || signal?.aborted) return Promise.resolve(now);
    return new Promise((resolve) => {
      const finish = (element: Element | undefined) => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', abort);
        this.unwatch(check);
        resolve(element);
      };
      const abort = () => finish(undefined);
      signal?.addEventListener('abort', abort);
      const check = () => {
        const element = resolveTarget(descriptor);
        if (element) finish(element);
        else for (const root of shadowRootsOnTheWay(descriptor)) this.observe(root);
      };
      const timer = setTimeout(() => finish(undefined), timeoutMs);
      this.watch(check);
      check();
    });
  }

  /** Calls `gone` once when the element leaves the document. Returns the undo. */
  onRemoved(element: Element, gone: () => void): () => void {
    const check = () => {
      if (element.isConnected) return;
      this.unwatch(check);
      gone();
    };
    this.watch(check);
    const root = element.getRootNode();
    if (root instanceof ShadowRoot) this.observe(root);
    return () => this.unwatch(check);
  }

  private watch(check: Watch): void {
    this.watches.add(check);
    if (!this.observer) {
      this.observer = new MutationObserver(() => {
        this.frame ||= requestAnimationFrame(() => {
          this.frame = 0;
          for (const watch of [...this.watches]) watch();
        });
      });
      this.observe(document.documentElement);
    }
  }

  private observe(node: Node): void {
    if (!this.observer || this.observed.has(node)) return;
    this.observed.add(node);
    this.observer.observe(node, { childList: true, subtree: true });
  }

  private unwatch(check: Watch): void {
    this.watches.delete(check);
    if (this.watches.size || !this.observer) return;
    this.observer.disconnect();
    this.observer = undefined;
    this.observed.clear();
    cancelAnimationFrame(this.frame);
    this.frame = 0;
  }
}
