import { runAnalysis } from './analysis-job';
import type { CollectorContext } from './context';

export interface PeriodicJobOptions {
  /** Delete raw events received more than this many days ago; 0 keeps them forever. */
  retentionDays: number;
  /** How often the periodic jobs run. */
  intervalMs: number;
  /** How often the hesitation analysis runs for every site; 0 turns it off (it still runs on demand). */
  analysisIntervalMs?: number;
}

export const DAY_MS = 86_400_000;

/**
 * Retention, once: deletes raw events older than the configured age. Runs under the store's job
 * lock, so with several collectors on one PostgreSQL exactly one of them does the work.
 * Returns the number deleted, or undefined when another instance holds the lock.
 *
 * @example await runRetention(ctx, 90); // keeps the last 90 days
 */
export async function runRetention(ctx: CollectorContext, retentionDays: number): Promise<number | undefined> {
  if (retentionDays <= 0) return 0;
  let deleted = 0;
  const cutoff = ctx.now() - retentionDays * DAY_MS;
  const ran = await ctx.store.runExclusive('retention', async () => {
    deleted = await ctx.store.deleteEventsBefore(cutoff);
  });
  if (!ran) return undefined;
  ctx.metrics.count('waymark_retention_deleted_events_total', {}, deleted);
  ctx.log('info', 'retention', { deleted, cutoff: new Date(cutoff).toISOString() });
  return deleted;
}

/**
 * The analysis for every site, each under its own job lock (with several collectors on one
 * PostgreSQL, one of them analyses a given site). A failing site does not stop the others.
 */
export async function runAnalysisForAllSites(ctx: CollectorContext): Promise<void> {
  for (const site of await ctx.store.listSites()) {
    await ctx.store
      .runExclusive(`analysis:${site.id}`, async () => {
        await runAnalysis(ctx, site.id);
      })
      .catch((error: unknown) => ctx.log('error', 'analysis failed', { siteId: site.id, error: String(error) }));
  }
}

/**
 * Loads every site's session rollups for the explore views (one site after the other), so that no
 * site's first view after a start waits for the load; later reloads run behind the views (FactsCache).
 */
export async function warmExploreViews(ctx: CollectorContext): Promise<void> {
  for (const site of await ctx.store.listSites()) await ctx.facts.warm(site.id);
}

/**
 * Starts the periodic jobs (retention and analysis; first run right away) and warms the explore
 * views once; the returned function stops them.
 */
export function startPeriodicJobs(ctx: CollectorContext, options: PeriodicJobOptions): () => Promise<void> {
  const running = new Set<Promise<unknown>>();
  const every = (ms: number, job: () => Promise<unknown>, name: string) => {
    const tick = () => {
      const run = job().catch((error: unknown) => ctx.log('error', `${name} failed`, { error: String(error) }));
      running.add(run);
      void run.finally(() => running.delete(run));
    };
    tick();
    const timer = setInterval(tick, ms);
    timer.unref();
    return timer;
  };
  const warming = warmExploreViews(ctx).catch((error: unknown) => ctx.log('error', 'explore warm-up failed', { error: String(error) }));
  running.add(warming);
  void warming.finally(() => running.delete(warming));
  const timers = [every(options.intervalMs, () => runRetention(ctx, options.retentionDays), 'retention')];
  if (options.analysisIntervalMs) timers.push(every(options.analysisIntervalMs, () => runAnalysisForAllSites(ctx), 'analysis'));
  return async () => {
    for (const timer of timers) clearInterval(timer);
    await Promise.all(running);
  };
}
