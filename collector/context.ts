import { randomBytes } from 'node:crypto';
import { TokenBuckets, type RateLimit } from './http/rate-limit';
import { FactsCache } from './explore/facts-cache';
import { IngestQueue, type IngestQueueOptions } from './ingest-queue';
import type { Logger } from './log';
import { SiteCache } from './site-cache';
import { Metrics } from './metrics';
import type { Store } from './store/types';

/** What every route needs, built once by createContext and passed down explicitly (no singletons). */
export interface CollectorContext {
  store: Store;
  metrics: Metrics;
  log: Logger;
  /** SHA-256 (hex) of the admin token; the token itself is never kept. */
  adminTokenHash: string;
  /** Folder with waymark.js, waymark-widgets.js, waymark-editor.js. */
  sdkDir: string;
  version: string;
  now: () => number;
  ingest: IngestQueue;
  /** Site-key lookups for ingest, cached for a few seconds. */
  sites: SiteCache;
  /** Session rollups shared by the explore views for a few seconds. */
  facts: FactsCache;
  limits: { perSite: TokenBuckets; perClient: TokenBuckets; login: TokenBuckets };
  /** Take the client address from X-Forwarded-For (only behind a proxy you run). */
  trustProxy: boolean;
  /** Lifetime of a login session. */
  sessionMs: number;
  /** Signs edit tokens (the visual editor's short-lived, site-scoped credentials). */
  editTokenSecret: string;
}

/**
 * Default rate limits (per collector instance). Per client address: an office behind one NAT
 * address with a few hundred buyers sends well under 50 batches/s. Per site key: 1000 batches/s
 * (≈20,000 events/s). Login: 10 attempts per address or email, then one every 6 s.
 */
export const DEFAULT_RATE_LIMITS = {
  perClient: { perSecond: 50, burst: 100 },
  perSite: { perSecond: 1000, burst: 2000 },
  login: { perSecond: 1 / 6, burst: 10 },
} satisfies Record<string, RateLimit>;

export interface ContextSettings {
  store: Store;
  adminTokenHash: string;
  sdkDir: string;
  version: string;
  log: Logger;
  now?: () => number;
  rateLimits?: Partial<typeof DEFAULT_RATE_LIMITS>;
  trustProxy?: boolean;
  ingestQueue?: IngestQueueOptions;
  sessionMs?: number;
  /** How long ingest trusts a cached site-key lookup (other instances' key rotations take this long). */
  siteCacheMs?: number;
  /** How long the explore views share one load of a site's session rollups. */
  factsCacheMs?: number;
  /** Shared by every instance on one database (server.ts keeps it in the store); random if absent. */
  editTokenSecret?: string;
}

/** @example const ctx = createContext({ store, adminTokenHash, sdkDir, version, log }); */
export function createContext(settings: ContextSettings): CollectorContext {
  const now = settings.now ?? Date.now;
  const metrics = new Metrics();
  metrics.gauge('waymark_process_resident_memory_bytes', () => process.memoryUsage.rss());
  const limits = { ...DEFAULT_RATE_LIMITS, ...settings.rateLimits };
  return {
    store: settings.store,
    metrics,
    log: settings.log,
    adminTokenHash: settings.adminTokenHash,
    sdkDir: settings.sdkDir,
    version: settings.version,
    now,
    ingest: new IngestQueue(settings.store, metrics, settings.ingestQueue),
    sites: new SiteCache(settings.store, now, settings.siteCacheMs),
    facts: new FactsCache(settings.store, now, settings.factsCacheMs),
    limits: { perSite: new TokenBuckets(limits.perSite, now), perClient: new TokenBuckets(limits.perClient, now), login: new TokenBuckets(limits.login, now) },
    trustProxy: settings.trustProxy ?? false,
    sessionMs: settings.sessionMs ?? 12 * 3600_000,
    editTokenSecret: settings.editTokenSecret ?? randomBytes(32).toString('base64url'),
  };
}

/** Store failures become 503s (never a 500, never a false 202). */
export class StoreUnavailable extends Error {}

export async function guardStore<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    throw new StoreUnavailable(error instanceof Error ? error.message : String(error));
  }
}
