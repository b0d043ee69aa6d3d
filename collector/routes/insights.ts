import { Hono } from 'hono';
import { requireRole, type AdminEnv } from '../admin/auth';
import { audit, siteParam } from '../admin/site-param';
import { rebuildRollups, runAnalysis } from '../analysis-job';
import { guardStore, type CollectorContext } from '../context';
import { problem } from '../http/errors';
import { isPaused } from '../store/guide-state';
import { storedRulesetOptions } from '../store/ruleset-options';

/**
 * The hesitation analysis over the admin API: the latest report, runs on demand, the history of
 * auto thresholds, a full rebuild of the rollups, and a marketer's override of a pause.
 */
export function insightRoutes(ctx: CollectorContext): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();

  app.get('/v1/sites/:siteId/insights', async (c) => {
    const site = await siteParam(ctx, c);
    const [[report], states] = await guardStore(Promise.all([ctx.store.analysisRuns(site.id, 1), ctx.store.guideStates(site.id)]));
    return c.json({ report: report ?? null, guideStates: states });
  });

  app.post('/v1/sites/:siteId/analysis', requireRole('editor'), async (c) => {
    const site = await siteParam(ctx, c);
    const report = await guardStore(runExclusive(ctx, site.id, () => runAnalysis(ctx, site.id)));
    if (!report) return problem(c, 409, 'analysis_running', 'an analysis of this site is running; try again in a moment');
    audit(ctx, c, 'analysis.run', { siteId: site.id });
    return c.json({ report });
  });

  app.post('/v1/sites/:siteId/analysis/rebuild', requireRole('admin'), async (c) => {
    const site = await siteParam(ctx, c);
    const result = await guardStore(runExclusive(ctx, site.id, async () => ({ events: await rebuildRollups(ctx, site.id), report: await runAnalysis(ctx, site.id) })));
    if (!result) return problem(c, 409, 'analysis_running', 'an analysis of this site is running; try again in a moment');
    audit(ctx, c, 'analysis.rebuild', { siteId: site.id, events: result.events });
    return c.json(result);
  });

  app.get('/v1/sites/:siteId/analysis/runs', async (c) => {
    const site = await siteParam(ctx, c);
    const limit = Math.min(100, Math.max(1, Number(c.req.query('limit') ?? 20) || 20));
    const runs = await guardStore(ctx.store.analysisRuns(site.id, limit));
    // The history view: what each run decided, without the full per-goal tables.
    return c.json({ runs: runs.map(({ runAt, sessions, primaryGoal, thresholds, harmful }) => ({ runAt, sessions, primaryGoal, thresholds, harmful })) });
  });

  app.post('/v1/sites/:siteId/guides/:guideId/resume', requireRole('editor'), async (c) => {
    const site = await siteParam(ctx, c);
    const guide = c.req.param('guideId');
    const state = (await guardStore(ctx.store.guideStates(site.id))).find((candidate) => candidate.guide === guide);
    if (!isPaused(state)) return problem(c, 404, 'not_paused', 'this guide is not paused');
    const principal = c.get('principal');
    const resumed = { ...state!, resumed: { at: ctx.now(), by: principal.userId ?? 'admin-token' } };
    await guardStore(ctx.store.saveGuideState(site.id, resumed));
    const published = await guardStore(ctx.store.publishGuides(site.id, [], ctx.now(), await guardStore(storedRulesetOptions(ctx.store, site.id))));
    audit(ctx, c, 'guide.resume', { siteId: site.id, guide, revision: published.revision });
    return c.json({ state: resumed, revision: published.revision });
  });

  return app;
}

/** One analysis per site at a time (across instances on PostgreSQL); undefined when one is running. */
async function runExclusive<T>(ctx: CollectorContext, siteId: string, work: () => Promise<T>): Promise<T | undefined> {
  let result: T | undefined;
  const ran = await ctx.store.runExclusive(`analysis:${siteId}`, async () => {
    result = await work();
  });
  return ran ? result : undefined;
}
