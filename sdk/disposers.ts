/**
 * Every listener, observer and timer the SDK sets up registers its undo here, and destroy() runs
 * them all, so a destroyed instance leaves nothing behind on the host page.
 */
export type Dispose = () => void;

export class Disposers {
  private readonly pending: Dispose[] = [];

  add(dispose: Dispose): Dispose {
    this.pending.push(dispose);
    return dispose;
  }

  /** addEventListener, passive by default (the host page's scrolling never waits on us). */
  listen<K extends string>(
    target: EventTarget,
    type: K,
    handler: (event: Event) => void,
    options: AddEventListenerOptions = {},
  ): Dispose {
    const opts = { passive: true, capture: true, ...options };
    target.addEventListener(type, handler, opts);
    return this.add(() => target.removeEventListener(type, handler, opts));
  }

  timeout(fn: () => void, ms: number): Dispose {
    const handle = setTimeout(fn, ms);
    return this.add(() => clearTimeout(handle));
  }

  get size(): number {
    return this.pending.length;
  }

  runAll(): void {
    for (const dispose of this.pending.splice(0).reverse()) {
      try {
        dispose();
      } catch {
        // An undo that fails must not stop the others (nothing is thrown into the host page).
      }
    }
  }
}
