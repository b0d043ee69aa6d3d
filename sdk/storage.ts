/**
 * The one place the SDK touches localStorage and sessionStorage. Every access is guarded (storage
 * throws in some private modes and sandboxed iframes), and when `persist` is off nothing is written:
 * values live in memory for the page's life only.
 */
export class KeyValueStorage {
  private readonly memory = new Map<string, string>();

  constructor(
    private readonly area: 'localStorage' | 'sessionStorage',
    private readonly prefix: string,
    public persist = true,
  ) {}

  get(key: string): string | undefined {
    if (this.persist) {
      try {
        const value = globalThis[this.area].getItem(this.prefix + key);
        if (value !== null) return value;
      } catch {
        // fall through to memory
      }
    }
    return this.memory.get(key);
  }

  set(key: string, value: string): void {
    this.memory.set(key, value);
    if (!this.persist) return;
    try {
      globalThis[this.area].setItem(this.prefix + key, value);
    } catch {
      // memory already has it
    }
  }

  getJson<T>(key: string, fallback: T): T {
    const raw = this.get(key);
    if (raw === undefined) return fallback;
    try {
      return JSON.parse(raw) as T;
    } catch {
      return fallback;
    }
  }

  setJson(key: string, value: unknown): void {
    this.set(key, JSON.stringify(value));
  }

  /** Forget everything this instance stored (reset(), consent withdrawn). */
  clear(keys: readonly string[]): void {
    for (const key of keys) {
      this.memory.delete(key);
      try {
        globalThis[this.area].removeItem(this.prefix + key);
      } catch {
        // nothing to remove
      }
    }
  }
}
