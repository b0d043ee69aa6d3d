import type { Site, Store } from './store/types';

/**
 * Site-key lookups for ingest, kept for a few seconds: on PostgreSQL the lookup is a round trip
 * per request, about as costly as the insert. Unknown keys are never cached (a new site works at
 * once). Changes made through this instance's admin API drop the entry at once; other instances
 * sharing the database see a rotated key or new origins within `ttlMs`.
 *
 * @example
 * const sites = new SiteCache(store, Date.now);
 * const site = await sites.byKey('wm_abc'); // undefined: unknown or revoked
 */
export class SiteCache {
  private readonly entries = new Map<string, { site: Site; until: number }>();

  constructor(
    private readonly store: Store,
    private readonly now: () => number,
    private readonly ttlMs = 5_000,
  ) {}

  async byKey(key: string): Promise<Site | undefined> {
    const now = this.now();
    const hit = this.entries.get(key);
    if (hit && hit.until > now) return hit.site;
    const site = await this.store.siteByKey(key);
    if (!site) {
      this.entries.delete(key);
      return undefined;
    }
    if (this.entries.size >= 10_000) this.entries.clear();
    this.entries.set(key, { site, until: now + this.ttlMs });
    return site;
  }

  /** Drops every entry of this site (by id), e.g. after its key or origins changed. */
  forget(siteId: string): void {
    for (const [key, entry] of this.entries) if (entry.site.id === siteId) this.entries.delete(key);
  }
}
