import type { Store } from '../store/types';
import { FactsIndex } from './facts-index';

interface Entry {
  at: number;
  index: Promise<FactsIndex>;
  refreshing?: boolean;
}

/**
 * The explore views (metrics, funnels, segments, sessions) all read the same session rollups of
 * a site: they are loaded once, indexed (FactsIndex) and shared, so clicking through the dashboard
 * costs one load, not one per view. Once a load is `ttlMs` old, the next view still gets it at
 * once and starts a reload in the background (stale-while-revalidate): only a site's very first
 * view waits for a load, and `warm` (run when the collector starts) spares it that. Views are
 * therefore up to `ttlMs` plus one load behind live ingest.
 */
export class FactsCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly store: Store,
    private readonly now: () => number,
    private readonly ttlMs = 30_000,
    /** How far back the views can look. */
    readonly windowDays = 120,
  ) {}

  get(siteId: string): Promise<FactsIndex> {
    const cached = this.entries.get(siteId);
    if (!cached) {
      const entry = { at: this.now(), index: this.load(siteId) };
      this.entries.set(siteId, entry);
      // A failed first load is not cached: the next view tries again.
      entry.index.catch(() => this.entries.get(siteId) === entry && this.entries.delete(siteId));
      return entry.index;
    }
    if (this.now() - cached.at >= this.ttlMs && !cached.refreshing) this.refresh(siteId, cached);
    return cached.index;
  }

  /** Loads a site's rollups ahead of its first view (a failure is left for that view to report). */
  async warm(siteId: string): Promise<void> {
    await this.get(siteId).catch(() => undefined);
  }

  /** Replaces a stale entry once the reload is done; a failed reload keeps serving the old one. */
  private refresh(siteId: string, stale: Entry): void {
    stale.refreshing = true;
    const at = this.now();
    const index = this.load(siteId);
    index.then(
      () => {
        if (this.entries.get(siteId) === stale) this.entries.set(siteId, { at, index });
      },
      () => (stale.refreshing = false),
    );
  }

  private async load(siteId: string): Promise<FactsIndex> {
    return new FactsIndex(await this.store.sessionFacts(siteId, this.now() - this.windowDays * 86_400_000));
  }
}
